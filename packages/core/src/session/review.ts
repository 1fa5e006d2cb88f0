// Review mode (the `review` op), as Codex runs it: a separate conversation with a reviewer
// rubric as its instructions and only the review prompt as input (none of the session's
// history), the session's tools and permissions. Its events reach the client except the
// reviewer's streamed answer, which is JSON: it is parsed into a ReviewOutput and reported by
// `exited_review_mode`. The session's own history then gets the outcome as a `<user_action>`
// user message plus an assistant message with the findings, so later turns can act on them.
import { spawnSync } from 'node:child_process';
import type { EventMsg, ReviewFinding, ReviewOutput, ReviewRequest, ReviewTarget } from '@codex-ts/protocol';
import { ReviewOutputSchema } from '@codex-ts/protocol';
import type { Prompt, ResponseItem, TokenUsage } from '../client/types.js';
import type { EnvironmentContext } from '../context/environment-context.js';
import { initialContext, userMessage } from './prompt.js';
import { runTask, type TurnDeps } from './turn.js';

/** The reviewer's instructions (our wording): how to judge, and the JSON shape to answer in. */
export const REVIEW_RUBRIC = `# Review guidelines

You are reviewing a code change written by someone else. Find the problems its author would want to know about before merging, and nothing else.

Flag an issue only when all of these hold:
- It affects correctness, security, performance, reliability or maintainability in a way that matters.
- It was introduced by this change (do not report problems that already existed).
- You can name the code involved and explain concretely how it goes wrong (inputs, state, or environment); a guess about intent is not a finding.
- The author would most likely fix it if told.

Use the repository's tools to read the change (git diff, git show, git log) and the code around it. Do not modify files.

For each finding write a short imperative title with a priority tag ([P0] blocking, [P1] urgent, [P2] normal, [P3] low), a body of one short paragraph that says why it is a problem and when it happens, and the narrowest line range that shows it (prefer ranges inside the changed lines). Report every finding you are confident about; if there are none, say so. Finally give an overall verdict on whether the change is correct.

Answer with one JSON object and no other text, in exactly this shape:

{
  "findings": [
    {
      "title": "<at most 80 characters, imperative>",
      "body": "<markdown, one paragraph>",
      "confidence_score": <number 0.0-1.0>,
      "priority": <integer 0-3>,
      "code_location": {
        "absolute_file_path": "<absolute path>",
        "line_range": {"start": <int>, "end": <int>}
      }
    }
  ],
  "overall_correctness": "patch is correct" | "patch is incorrect",
  "overall_explanation": "<one to three sentences justifying the verdict>",
  "overall_confidence_score": <number 0.0-1.0>
}
`;

/** A review request resolved to what is sent and shown. */
export interface ResolvedReview {
  target?: ReviewTarget;
  prompt: string;
  hint: string;
}

/** The merge base of HEAD and `branch` (the branch's upstream first), or undefined. */
export function mergeBase(cwd: string, branch: string): string | undefined {
  const git = (args: string[]): string | undefined => {
    const r = spawnSync('git', args, { cwd, encoding: 'utf8', timeout: 10_000, env: { ...process.env, GIT_TERMINAL_PROMPT: '0' } });
    return r.status === 0 ? r.stdout.trim() || undefined : undefined;
  };
  const upstream = git(['rev-parse', '--abbrev-ref', '--', `${branch}@{upstream}`]);
  return (upstream ? git(['merge-base', 'HEAD', upstream]) : undefined) ?? git(['merge-base', 'HEAD', '--', branch]);
}

/** The prompt and hint for a request; throws a plain Error with a user-facing message. */
export function resolveReview(req: ReviewRequest, cwd: string, base: (branch: string) => string | undefined = (b) => mergeBase(cwd, b)): ResolvedReview {
  const target = req.target;
  const given = req.user_facing_hint ?? undefined;
  if (!target) {
    const prompt = (req.prompt ?? '').trim();
    if (!prompt) throw new Error('Review prompt cannot be empty');
    return { prompt, hint: given ?? prompt };
  }
  const nonEmpty = (v: string, what: string): string => {
    if (v.trim() === '' || v.includes('\0')) throw new Error(`Specify a nonempty review target (${what})`);
    return v.trim();
  };
  switch (target.type) {
    case 'uncommittedChanges':
      return {
        target,
        prompt: 'Review the current code changes: staged, unstaged and untracked files (see `git status`, `git diff` and `git diff --cached`). Report prioritized, actionable findings.',
        hint: given ?? 'current changes',
      };
    case 'baseBranch': {
      const branch = nonEmpty(target.branch, 'branch');
      const sha = base(branch);
      const prompt = sha
        ? `Review the code changes against the base branch '${branch}'. Their merge base is commit ${sha}; run \`git diff ${sha}\` to see the changes relative to ${branch}. Report prioritized, actionable findings.`
        : `Review the code changes against the base branch '${branch}'. First find the merge base of the current branch and ${branch} (its upstream if it has one), e.g. \`git merge-base HEAD ${branch}\`, then run \`git diff\` against that commit to see what would be merged into ${branch}. Report prioritized, actionable findings.`;
      return { target, prompt, hint: given ?? `changes against '${branch}'` };
    }
    case 'commit': {
      const sha = nonEmpty(target.sha, 'commit');
      const title = target.title?.trim() || undefined;
      return {
        target,
        prompt: `Review the code changes introduced by commit ${sha}${title ? ` ("${title}")` : ''}. Report prioritized, actionable findings.`,
        hint: given ?? `commit ${sha.slice(0, 7)}${title ? `: ${title}` : ''}`,
      };
    }
    case 'custom': {
      const text = target.instructions.trim();
      if (!text) throw new Error('Review prompt cannot be empty');
      return { target, prompt: text, hint: given ?? text };
    }
  }
}

/** The reviewer's last message as a ReviewOutput: the whole text, its first `{…}`, else the text as the explanation. */
export function parseReviewOutput(text: string): ReviewOutput {
  const tryParse = (s: string): ReviewOutput | undefined => {
    try {
      const r = ReviewOutputSchema.safeParse(JSON.parse(s));
      return r.success ? r.data : undefined;
    } catch {
      return undefined;
    }
  };
  const start = text.indexOf('{');
  const end = text.lastIndexOf('}');
  return tryParse(text) ?? (start >= 0 && end > start ? tryParse(text.slice(start, end + 1)) : undefined) ?? { findings: [], overall_correctness: '', overall_explanation: text, overall_confidence_score: 0 };
}

/** Findings as plain text: a header, then `- title — path:start-end` and the indented body. */
export function formatFindings(findings: readonly ReviewFinding[]): string {
  const lines = [findings.length > 1 ? 'Full review comments:' : 'Review comment:'];
  for (const f of findings) {
    const loc = f.code_location;
    lines.push('', `- ${f.title} — ${loc.absolute_file_path}:${loc.line_range.start}-${loc.line_range.end}`);
    for (const l of f.body.split('\n')) lines.push(`  ${l}`);
  }
  return lines.join('\n');
}

/** The assistant message that closes a review: the explanation, then the findings. */
export function renderReviewOutput(out: ReviewOutput): string {
  const parts: string[] = [];
  if (out.overall_explanation.trim()) parts.push(out.overall_explanation.trim());
  if (out.findings.length > 0) parts.push(formatFindings(out.findings));
  return parts.length ? parts.join('\n\n') : 'Reviewer failed to output a response.';
}

/** The `<user_action>` message the session's history gets (same tags as Codex; our words). */
export function reviewUserAction(out: ReviewOutput | undefined): string {
  if (!out) {
    return '<user_action>\n  <context>The user started a code review, but it was interrupted before it finished. If asked about it, suggest running `/review` again and waiting for it to complete.</context>\n  <action>review</action>\n  <results>\n  </results>\n</user_action>\n';
  }
  const results = [out.overall_explanation.trim(), out.findings.length ? formatFindings(out.findings) : ''].filter(Boolean).join('\n');
  return `<user_action>\n  <context>The user started a code review; below is the reviewer's complete output. The user may pick some of these comments for you to address.</context>\n  <action>review</action>\n  <results>\n  ${results}\n  </results>\n  </user_action>\n`;
}

/** What a review needs from its session. */
export interface ReviewDeps extends Omit<TurnDeps, 'history' | 'recordItems' | 'buildPrompt' | 'takePendingInput' | 'beforeSample' | 'emit'> {
  /** Emit to the session's stream (the review's sub-events go through a filter first). */
  emit(msg: EventMsg): void;
  env: EnvironmentContext;
  /** The session's prompt builder for the review's model, with the rubric as instructions. */
  buildPrompt(input: ResponseItem[], instructions: string): Prompt;
  /** Append to the session's history (and rollout). */
  recordParent(items: ResponseItem[]): void;
  modelContextWindow?: number;
  onUsage(usage: TokenUsage | undefined): void;
}

/**
 * Run one review. Emits task_started, entered_review_mode, the reviewer's events,
 * exited_review_mode, the closing agent_message and task_complete (on abort: the
 * interrupted outcome, and the caller reports turn_aborted).
 */
export async function runReview(deps: ReviewDeps, resolved: ResolvedReview, signal: AbortSignal): Promise<void> {
  deps.emit({ type: 'task_started', ...(deps.modelContextWindow ? { model_context_window: deps.modelContextWindow } : {}) } as EventMsg);
  deps.emit({ type: 'entered_review_mode', ...(resolved.target ? { target: resolved.target } : {}), prompt: resolved.prompt, user_facing_hint: resolved.hint } as EventMsg);
  const history: ResponseItem[] = [...initialContext(null, deps.env), userMessage(resolved.prompt)];
  // The reviewer's answer is JSON for us, not prose for the user: its deltas and its last
  // message are held back; earlier messages (progress notes between tool calls) go through.
  let held: EventMsg | undefined;
  const filtered = (msg: EventMsg): void => {
    if (msg.type === 'agent_message_delta') return;
    if (msg.type === 'agent_message') {
      if (held) deps.emit(held);
      held = msg;
      return;
    }
    deps.emit(msg);
  };
  const result = await runTask(
    {
      ...deps,
      emit: filtered,
      history,
      recordItems: () => undefined,
      buildPrompt: (input) => deps.buildPrompt(input, REVIEW_RUBRIC),
      takePendingInput: () => [],
    },
    signal,
  );
  const output = signal.aborted ? undefined : result.lastAgentMessage !== null ? parseReviewOutput(result.lastAgentMessage) : result.failed ? undefined : parseReviewOutput('');
  const closing = output ? renderReviewOutput(output) : 'Review was interrupted. Please re-run /review and wait for it to complete.';
  deps.recordParent([userMessage(reviewUserAction(output)), { type: 'message', role: 'assistant', content: [{ type: 'output_text', text: closing }] }]);
  deps.emit({ type: 'exited_review_mode', review_output: output ?? null } as EventMsg);
  if (signal.aborted) return;
  deps.emit({ type: 'agent_message', message: closing } as EventMsg);
  deps.emit({ type: 'task_complete', last_agent_message: closing } as EventMsg);
}

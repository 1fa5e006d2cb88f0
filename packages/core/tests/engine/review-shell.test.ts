// The `review` op (a separate reviewer conversation whose JSON answer becomes
// exited_review_mode and a `<user_action>` in the session's history) and the
// `run_user_shell_command` op (`!cmd`: run, shown, recorded for the next turn, no request).
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { EventMsg } from '@codex-ts/protocol';
import { turn } from '@codex-ts/test-support';
import { REVIEW_RUBRIC, reviewUserAction } from '../../src/session/review.js';
import { userShellRecord } from '../../src/session/user-shell.js';
import { userPromptText } from '../../src/rollout/list.js';
import { startHarness, userTurn, type Harness } from './harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const count = (hh: Harness, type: string): number => hh.events.filter((e) => e.msg.type === type).length;
async function waitCount(hh: Harness, type: string, n: number, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (count(hh, type) < n) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${n} ${type}; events: ${hh.events.map((e) => e.msg.type).join(', ')}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
const inputText = (json: unknown): string => JSON.stringify((json as { input: unknown }).input);
const git = (cwd: string, ...args: string[]): string => {
  const r = spawnSync('git', ['-c', 'user.email=t@t', '-c', 'user.name=t', ...args], { cwd, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
  return r.stdout.trim();
};

const FINDINGS = {
  findings: [{ title: '[P1] Off by one', body: 'The loop stops early.\nSecond line.', confidence_score: 0.8, priority: 1, code_location: { absolute_file_path: '/w/a.ts', line_range: { start: 3, end: 4 } } }],
  overall_correctness: 'patch is incorrect',
  overall_explanation: 'One bug.',
  overall_confidence_score: 0.7,
};

describe('review mode', () => {
  it('runs the reviewer apart from the history, parses its JSON and records the outcome for later turns', async () => {
    h = await startHarness();
    h.server.queueResponses(
      turn.message('First answer.'),
      turn.shell(['bash', '-c', 'echo reviewing'], { call_id: 'rv1' }),
      turn.message(`Here you go: ${JSON.stringify(FINDINGS)}`),
      turn.message('Fixed.'),
    );
    await h.submit(userTurn(h, 'first question'));
    await waitCount(h, 'task_complete', 1);
    const from = h.events.length;
    await h.submit({ type: 'review', review_request: { target: { type: 'uncommittedChanges' } } });
    await waitCount(h, 'task_complete', 2);
    const msgs = h.events.slice(from).map((e) => e.msg);
    const types = msgs.map((m) => m.type);
    expect(types[0]).toBe('task_started');
    expect(msgs[1]).toMatchObject({ type: 'entered_review_mode', target: { type: 'uncommittedChanges' }, user_facing_hint: 'current changes' });
    expect(types).toContain('exec_command_begin');
    // The JSON answer is not streamed to the user.
    expect(msgs.filter((m) => m.type === 'agent_message_delta')).toEqual([]);
    const exited = msgs.find((m) => m.type === 'exited_review_mode') as Extract<EventMsg, { type: 'exited_review_mode' }>;
    expect(exited.review_output).toMatchObject(FINDINGS);
    const closing = msgs.filter((m) => m.type === 'agent_message');
    expect(closing).toHaveLength(1);
    expect((closing[0] as { message: string }).message).toBe('One bug.\n\nReview comment:\n\n- [P1] Off by one — /w/a.ts:3-4\n  The loop stops early.\n  Second line.');
    expect(types.indexOf('exited_review_mode')).toBeLessThan(types.indexOf('agent_message'));
    expect(types.at(-1)).toBe('task_complete');

    const reqs = h.server.responsesRequests();
    const review = reqs[1]!.json as { instructions: string };
    expect(review.instructions).toBe(REVIEW_RUBRIC);
    expect(inputText(review)).toContain('Review the current code changes');
    expect(inputText(review)).toContain('<environment_context>');
    expect(inputText(review)).not.toContain('first question');
    // No web search or view_image for the reviewer.
    expect(JSON.stringify((reqs[1]!.json as { tools: unknown }).tools)).not.toMatch(/view_image|web_search/);

    await h.submit(userTurn(h, 'fix it'));
    await waitCount(h, 'task_complete', 3);
    const next = inputText(h.server.responsesRequests()[3]!.json);
    expect(next).toContain('first question');
    expect(next).toContain('<user_action>');
    expect(next).toContain('<action>review</action>');
    expect(next).toContain('[P1] Off by one — /w/a.ts:3-4');
    // The reviewer's own tool calls stay out of the session's history.
    expect(next).not.toContain('rv1');
  });

  it('reviews against a base branch by its merge base, and a commit by sha and title', async () => {
    h = await startHarness();
    git(h.ws, 'init', '-q', '-b', 'main');
    writeFileSync(join(h.ws, 'a.txt'), 'a\n');
    git(h.ws, 'add', '.');
    git(h.ws, 'commit', '-qm', 'base');
    const base = git(h.ws, 'rev-parse', 'HEAD');
    git(h.ws, 'checkout', '-qb', 'feature');
    writeFileSync(join(h.ws, 'b.txt'), 'b\n');
    git(h.ws, 'add', '.');
    git(h.ws, 'commit', '-qm', 'add b');
    const head = git(h.ws, 'rev-parse', 'HEAD');
    h.server.queueResponses(turn.message('plain text, not JSON'), turn.message(JSON.stringify({ ...FINDINGS, findings: [] })));
    await h.submit({ type: 'review', review_request: { target: { type: 'baseBranch', branch: 'main' } } });
    await waitCount(h, 'task_complete', 1);
    expect(h.events.find((e) => e.msg.type === 'entered_review_mode')?.msg).toMatchObject({ user_facing_hint: "changes against 'main'" });
    expect(inputText(h.server.responsesRequests()[0]!.json)).toContain(`git diff ${base}`);
    // Not JSON: the text becomes the explanation.
    expect(h.events.find((e) => e.msg.type === 'exited_review_mode')?.msg).toMatchObject({ review_output: { findings: [], overall_explanation: 'plain text, not JSON' } });

    await h.submit({ type: 'review', review_request: { target: { type: 'commit', sha: head, title: 'add b' } } });
    await waitCount(h, 'task_complete', 2);
    expect(h.events.filter((e) => e.msg.type === 'entered_review_mode')[1]?.msg).toMatchObject({ user_facing_hint: `commit ${head.slice(0, 7)}: add b` });
    expect(inputText(h.server.responsesRequests()[1]!.json)).toContain(`commit ${head} (\\"add b\\")`);
  });

  it('refuses an empty review without a request, and an interrupted review leaves a note in the history', async () => {
    h = await startHarness();
    await h.submit({ type: 'review', review_request: { target: { type: 'custom', instructions: '   ' } } });
    expect(await h.waitFor((m) => m.type === 'error')).toMatchObject({ message: 'Review prompt cannot be empty' });
    h.server.queueResponses({ fault: 'stall' }, turn.message('after'));
    await h.submit({ type: 'review', review_request: { target: { type: 'custom', instructions: 'look at auth' } } });
    await h.server.waitForRequests(1);
    await h.submit({ type: 'interrupt' });
    await waitCount(h, 'turn_aborted', 1);
    const types = h.events.map((e) => e.msg.type);
    expect(types.indexOf('exited_review_mode')).toBeLessThan(types.indexOf('turn_aborted'));
    expect(h.events.find((e) => e.msg.type === 'exited_review_mode')?.msg).toMatchObject({ review_output: null });
    expect(types).not.toContain('task_complete');
    await h.submit(userTurn(h, 'what happened?'));
    await waitCount(h, 'task_complete', 1);
    expect(inputText(h.server.responsesRequests()[1]!.json)).toContain('was interrupted');
  });
});

describe('user shell command', () => {
  it('runs in the shell, shows a user_shell command cell, sends nothing, and the next turn sees it', async () => {
    h = await startHarness();
    await h.submit({ type: 'run_user_shell_command', command: 'echo from-user-shell; exit 3' });
    await waitCount(h, 'task_complete', 1);
    const begin = h.events.find((e) => e.msg.type === 'exec_command_begin')!.msg as { source?: string; command: string[] };
    expect(begin.source).toBe('user_shell');
    expect(begin.command.at(-1)).toBe('echo from-user-shell; exit 3');
    expect(h.events.find((e) => e.msg.type === 'exec_command_end')?.msg).toMatchObject({ exit_code: 3, aggregated_output: 'from-user-shell\n' });
    expect(h.server.requests).toHaveLength(0);
    h.server.queueResponses(turn.message('I saw it.'));
    await h.submit(userTurn(h, 'did it work?'));
    await waitCount(h, 'task_complete', 2);
    const input = inputText(h.server.responsesRequests()[0]!.json);
    expect(input).toContain('<user_shell_command>\\n<command>\\necho from-user-shell; exit 3\\n</command>\\n<result>\\nExit code: 3\\nDuration: ');
    expect(input).toContain('Output:\\nfrom-user-shell\\n');
  });

  it('an interrupt kills the command and records it as aborted', async () => {
    h = await startHarness();
    await h.submit({ type: 'run_user_shell_command', command: 'sleep 30' });
    await h.waitFor((m) => m.type === 'exec_command_begin');
    await h.submit({ type: 'interrupt' });
    await waitCount(h, 'turn_aborted', 1);
    expect(h.events.find((e) => e.msg.type === 'exec_command_end')?.msg).toMatchObject({ exit_code: -1, aggregated_output: 'command aborted by user' });
  });
});

describe('context records are not prompts', () => {
  it('a !cmd record and a review outcome do not count as user prompts (backtrack and fork count prompts)', () => {
    const msg = (text: string) => ({ type: 'message', role: 'user', content: [{ type: 'input_text', text }] });
    expect(userPromptText(msg(userShellRecord('ls', 0, 5, 'a\n')))).toBeNull();
    expect(userPromptText(msg(reviewUserAction(undefined)))).toBeNull();
    expect(userPromptText(msg('a real question'))).toBe('a real question');
  });
});

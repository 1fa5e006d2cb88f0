// `/review` as Codex 0.169 offers it: a preset list (against a base branch, uncommitted
// changes, a commit, custom instructions), a branch picker, a commit picker or a text prompt,
// then the core's `review` op with the chosen target. `/review some text` is a custom review
// at once. The review's start and end are shown as banners in the chat.
import { execFile } from 'node:child_process';
import type { ReviewTarget } from '@codex-ts/protocol';
import { NoticeCell } from '../cells/cell.js';
import { ListPicker } from './list-picker.js';
import type { SlashHost } from './run.js';
import { SearchPicker } from './search-picker.js';
import { TextPrompt } from './text-prompt.js';

/** The presets, in Codex 0.169's order. */
export const REVIEW_PRESETS = [
  { id: 'base', label: 'Review against a base branch', description: '(PR Style)' },
  { id: 'uncommitted', label: 'Review uncommitted changes', description: '' },
  { id: 'commit', label: 'Review a commit', description: '' },
  { id: 'custom', label: 'Custom review instructions', description: '' },
] as const;

/** Commits offered by the commit picker. */
const COMMITS_SHOWN = 100;

function git(cwd: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ ok: boolean; out: string; err: string }> {
  return new Promise((res) => {
    execFile('git', ['--no-pager', ...args], { cwd, env: { ...env, GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0' }, timeout: 15_000, maxBuffer: 8 * 1024 * 1024, encoding: 'utf8' }, (error, stdout, stderr) =>
      res({ ok: !error, out: String(stdout), err: String(stderr || (error as Error | null)?.message || '') }),
    );
  });
}

/** Local branches (the current one last) and the current branch name. */
export async function localBranches(cwd: string, env: NodeJS.ProcessEnv): Promise<{ branches: string[]; current?: string } | { error: string }> {
  const list = await git(cwd, ['for-each-ref', '--format=%(refname:short)', 'refs/heads/'], env);
  if (!list.ok) return { error: /not a git repository/i.test(list.err) ? 'not inside a git repository' : list.err.trim() };
  const cur = await git(cwd, ['symbolic-ref', '--quiet', '--short', 'HEAD'], env);
  const current = cur.ok ? cur.out.trim() || undefined : undefined;
  const names = list.out.split('\n').map((s) => s.trim()).filter(Boolean);
  const others = names.filter((b) => b !== current).sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  return { branches: current && names.includes(current) ? [...others, current] : others, ...(current ? { current } : {}) };
}
/** main/master first: the usual base branches. */
const rank = (b: string): number => (b === 'main' || b === 'master' ? 0 : 1);

/** Recent commits, newest first. */
export async function recentCommits(cwd: string, env: NodeJS.ProcessEnv): Promise<Array<{ sha: string; subject: string }> | { error: string }> {
  const r = await git(cwd, ['log', `-n${COMMITS_SHOWN}`, '--format=%H%x1f%s'], env);
  if (!r.ok) return { error: /not a git repository/i.test(r.err) ? 'not inside a git repository' : /does not have any commits/i.test(r.err) ? 'no commits yet' : r.err.trim() };
  return r.out
    .split('\n')
    .filter(Boolean)
    .map((l) => {
      const [sha, subject] = l.split('\x1f');
      return { sha: sha!, subject: subject ?? '' };
    });
}

/** Send the review op (the core resolves the prompt and reports entered_review_mode). */
export function startReview(host: SlashHost, target: ReviewTarget): void {
  void host.deps.engine.submit({ type: 'review', review_request: { target } }).catch((err: unknown) => host.show(new NoticeCell(`/review failed: ${(err as Error).message}`, 'error')));
  host.schedule();
}

/** `/review [instructions]`. */
export function openReview(host: SlashHost, args: string): void {
  if (args.trim() !== '') return startReview(host, { type: 'custom', instructions: args.trim() });
  const cwd = host.deps.turn?.cwd ?? host.deps.status.cwd;
  const env = host.deps.slash?.env ?? process.env;
  const fail = (text: string): void => {
    host.show(new NoticeCell(`/review: ${text}`, 'error'));
  };
  const presets = (): void =>
    host.openOverlay(
      new ListPicker(
        'Select a review preset',
        undefined,
        REVIEW_PRESETS.map((p) => ({ label: p.label, ...(p.description ? { description: p.description } : {}) })),
        (i) => {
          const id = REVIEW_PRESETS[i]!.id;
          if (id === 'uncommitted') startReview(host, { type: 'uncommittedChanges' });
          else if (id === 'base') void pickBranch();
          else if (id === 'commit') void pickCommit();
          else host.openOverlay(new TextPrompt({ title: 'Custom review instructions', placeholder: 'Type instructions and press Enter', onSubmit: (text) => void startReview(host, { type: 'custom', instructions: text }), onCancel: presets }));
        },
      ),
    );
  const pickBranch = async (): Promise<void> => {
    const r = await localBranches(cwd, env);
    if ('error' in r) return fail(r.error);
    if (r.branches.length === 0) return fail('no local branches to compare against');
    host.openOverlay(
      new SearchPicker({
        title: 'Select a base branch',
        ...(r.current ? { subtitle: [`Current branch: ${r.current}`] } : {}),
        placeholder: 'Type to search branches',
        items: r.branches.map((b) => ({ label: b })),
        onPick: (item) => startReview(host, { type: 'baseBranch', branch: item.label }),
        onCancel: presets,
      }),
    );
  };
  const pickCommit = async (): Promise<void> => {
    const r = await recentCommits(cwd, env);
    if ('error' in r) return fail(r.error);
    if (r.length === 0) return fail('no commits to review');
    host.openOverlay(
      new SearchPicker({
        title: 'Select a commit to review',
        placeholder: 'Type to search commits',
        items: r.map((c) => ({ label: c.subject || '(no subject)', detail: c.sha.slice(0, 7) })),
        onPick: (item) => {
          const c = r.find((x) => x.sha.startsWith(item.detail ?? '\0') && (x.subject || '(no subject)') === item.label)!;
          startReview(host, { type: 'commit', sha: c.sha, ...(c.subject ? { title: c.subject } : {}) });
        },
        onCancel: presets,
      }),
    );
  };
  presets();
}

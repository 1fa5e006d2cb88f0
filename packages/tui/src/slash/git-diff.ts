// `/diff`: the git diff of the working tree against HEAD (staged and unstaged) plus every
// untracked, not ignored file as an added file, as Codex's /diff shows it. git runs with no
// pager, no colour, no external diff driver, and a time limit.
import { execFile } from 'node:child_process';
import type { Cell } from '../cells/cell.js';
import { sanitize, sp, type Line } from '../term/style.js';
import { wrapLine } from '../term/wrap.js';

const TIMEOUT_MS = 15_000;
const MAX_BUFFER = 64 * 1024 * 1024;
/** Untracked files diffed at most (the rest are listed by name). */
const MAX_UNTRACKED = 200;

interface GitResult {
  code: number;
  stdout: string;
  stderr: string;
}

function git(cwd: string, args: string[], env: NodeJS.ProcessEnv): Promise<GitResult> {
  return new Promise((res) => {
    execFile(
      'git',
      ['-c', 'core.quotepath=off', '-c', 'color.ui=never', ...args],
      { cwd, env: { ...env, GIT_PAGER: 'cat', PAGER: 'cat', GIT_EXTERNAL_DIFF: '', GIT_TERMINAL_PROMPT: '0' }, timeout: TIMEOUT_MS, maxBuffer: MAX_BUFFER, encoding: 'utf8' },
      (err, stdout, stderr) => {
        const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? ((err as { code: number }).code) : -1) : 0;
        res({ code, stdout: String(stdout ?? ''), stderr: String(stderr ?? (err ? err.message : '')) });
      },
    );
  });
}

export type GitDiff = { kind: 'not-a-repo' } | { kind: 'error'; message: string } | { kind: 'diff'; text: string };

/** The diff of `cwd`'s repository: tracked changes vs HEAD, then untracked files. */
export async function gitDiff(cwd: string, env: NodeJS.ProcessEnv = process.env): Promise<GitDiff> {
  const inside = await git(cwd, ['rev-parse', '--is-inside-work-tree'], env);
  if (inside.code !== 0 || inside.stdout.trim() !== 'true') return { kind: 'not-a-repo' };
  const hasHead = (await git(cwd, ['rev-parse', '--verify', '-q', 'HEAD'], env)).code === 0;
  const common = ['--no-ext-diff', '--no-color', '--relative'];
  const tracked = hasHead ? await git(cwd, ['diff', ...common, 'HEAD', '--'], env) : await git(cwd, ['diff', ...common, '--cached', '--'], env);
  if (tracked.code !== 0) return { kind: 'error', message: tracked.stderr.trim() || `git diff exited with ${tracked.code}` };
  let text = tracked.stdout;
  if (!hasHead) text += (await git(cwd, ['diff', ...common, '--'], env)).stdout;
  const others = await git(cwd, ['ls-files', '--others', '--exclude-standard', '-z'], env);
  const untracked = others.code === 0 ? others.stdout.split('\0').filter(Boolean) : [];
  for (const file of untracked.slice(0, MAX_UNTRACKED)) {
    // --no-index exits 1 when the files differ, which they always do here.
    const d = await git(cwd, ['diff', '--no-ext-diff', '--no-color', '--no-index', '--', '/dev/null', file], env);
    text += d.stdout;
  }
  if (untracked.length > MAX_UNTRACKED) text += `\n… and ${untracked.length - MAX_UNTRACKED} more untracked files\n`;
  return { kind: 'diff', text };
}

/** A unified diff as a chat cell: file headers bold, hunks cyan, +/- green/red. */
export class DiffCell implements Cell {
  constructor(private readonly text: string) {}
  render(width: number): Line[] {
    const out: Line[] = [[sp('• ', { dim: true }), sp('/diff', { bold: true })]];
    const lines = this.text.replace(/\n$/, '').split('\n');
    for (const raw of lines) {
      const l = sanitize(raw.replace(/\t/g, '    '));
      let style: Parameters<typeof sp>[1];
      if (l.startsWith('diff --git') || l.startsWith('+++ ') || l.startsWith('--- ')) style = { bold: true };
      else if (l.startsWith('@@')) style = { fg: 'cyan' };
      else if (l.startsWith('+')) style = { fg: 'green' };
      else if (l.startsWith('-')) style = { fg: 'red' };
      else if (/^(index |new file mode|deleted file mode|similarity|rename )/.test(l)) style = { dim: true };
      out.push(...wrapLine([sp('  '), sp(l, style)], width, [sp('  ')]));
    }
    return out;
  }
}

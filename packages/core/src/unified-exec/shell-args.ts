// Which shell runs an exec_command `cmd`: the user's login shell from the passwd entry (as
// Codex reads it), or the one the model names; `login` chooses `-lc` over `-c`.
import { existsSync } from 'node:fs';
import { userInfo } from 'node:os';

const POSIX_SHELLS = new Set(['bash', 'zsh', 'sh', 'dash', 'ksh']);

function baseName(p: string): string {
  return p.split('/').pop() ?? p;
}

let cached: string | undefined;

/** The user's default shell if it is a POSIX shell we can drive, else bash, else sh. */
export function defaultUserShell(): string {
  if (cached) return cached;
  let shell: string | undefined;
  try {
    shell = userInfo().shell ?? undefined;
  } catch {
    shell = undefined;
  }
  if (shell && POSIX_SHELLS.has(baseName(shell)) && existsSync(shell)) cached = shell;
  else cached = existsSync('/bin/bash') ? '/bin/bash' : '/bin/sh';
  return cached;
}

/** argv for `cmd` under `shell` (model-provided, validated) or the user's shell. Throws on a shell we cannot drive. */
export function deriveExecArgs(cmd: string, opts: { shell?: string; login: boolean }): string[] {
  let shell = defaultUserShell();
  if (opts.shell !== undefined && opts.shell !== '') {
    if (opts.shell.includes('\0') || !POSIX_SHELLS.has(baseName(opts.shell))) {
      throw new Error(`unsupported shell \`${opts.shell}\`: use one of ${[...POSIX_SHELLS].join(', ')} (or omit \`shell\` for the user's default)`);
    }
    shell = opts.shell;
  }
  return [shell, opts.login ? '-lc' : '-c', cmd];
}

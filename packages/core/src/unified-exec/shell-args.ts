// Which shell runs an exec_command `cmd`: the user's login shell from the passwd entry (as
// Codex reads it), or the one the model names; `login` chooses `-lc` over `-c`. A named
// shell must be a system shell listed in /etc/shells (by path or by name): the safety rules
// treat `<shell> -lc <script>` by the shell's name, so a binary the model wrote and called
// `bash` must never stand in for one.
import { existsSync, readFileSync, realpathSync } from 'node:fs';
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

let systemShells: string[] | undefined;

/** Absolute paths of the POSIX shells in /etc/shells (plus the user's default shell). */
export function listedShells(): string[] {
  if (!systemShells) {
    let lines: string[] = [];
    try {
      lines = readFileSync('/etc/shells', 'utf8').split('\n').map((l) => l.trim());
    } catch {
      lines = [];
    }
    const listed = lines.filter((l) => l.startsWith('/') && POSIX_SHELLS.has(baseName(l)) && existsSync(l));
    systemShells = [...new Set([...listed, defaultUserShell()])];
  }
  return systemShells;
}

function realpathOrSelf(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return p;
  }
}

/** The system shell the model means by `name` (an absolute path or a bare name), or null. */
export function resolveModelShell(name: string): string | null {
  if (name.includes('\0')) return null;
  const shells = listedShells();
  if (!name.includes('/')) return shells.find((s) => baseName(s) === name) ?? null;
  if (!name.startsWith('/')) return null;
  if (shells.includes(name)) return name;
  const real = realpathOrSelf(name);
  return shells.some((s) => realpathOrSelf(s) === real) ? name : null;
}

/** argv for `cmd` under `shell` (model-provided, validated) or the user's shell. Throws on a shell we cannot drive. */
export function deriveExecArgs(cmd: string, opts: { shell?: string; login: boolean }): string[] {
  let shell = defaultUserShell();
  if (opts.shell !== undefined && opts.shell !== '') {
    const resolved = resolveModelShell(opts.shell);
    if (!resolved) {
      throw new Error(`unsupported shell \`${opts.shell}\`: name a system shell (${listedShells().join(', ')}) or omit \`shell\` for the user's default`);
    }
    shell = resolved;
  }
  return [shell, opts.login ? '-lc' : '-c', cmd];
}

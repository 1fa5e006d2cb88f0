// The known-safe list (Codex's is_safe_command.rs): read-only commands that may run
// without asking, directly or as every part of a plain `bash -lc` / `zsh -lc` / `sh -c` script.
import { parseShellLcPlainCommands } from './bash.js';

const ALWAYS_SAFE = new Set([
  'cat', 'cd', 'cut', 'echo', 'expr', 'false', 'grep', 'head', 'id', 'ls', 'nl', 'paste', 'pwd',
  'rev', 'seq', 'stat', 'tail', 'tr', 'true', 'uname', 'uniq', 'wc', 'which', 'whoami',
]);
const LINUX_ONLY_SAFE = new Set(['numfmt', 'tac']);
const UNSAFE_FIND = new Set(['-exec', '-execdir', '-ok', '-okdir', '-delete', '-fls', '-fprint', '-fprint0', '-fprintf']);
const UNSAFE_RG_WITH_ARG = ['--pre', '--hostname-bin'];
const UNSAFE_RG_FLAGS = new Set(['--search-zip', '-z']);
const GIT_READ_ONLY = new Set(['status', 'log', 'diff', 'show', 'branch']);
const UNSAFE_GIT_FLAGS = new Set(['--output', '--ext-diff', '--textconv', '--exec', '--paginate']);
const GIT_BRANCH_READ_ONLY = new Set(['--list', '-l', '--show-current', '-a', '--all', '-r', '--remotes', '-v', '-vv', '--verbose']);
const GIT_GLOBAL_WITH_VALUE = new Set(['-C', '-c', '--config-env', '--exec-path', '--git-dir', '--namespace', '--super-prefix', '--work-tree']);
const GIT_GLOBAL_INLINE = ['--config-env=', '--exec-path=', '--git-dir=', '--namespace=', '--super-prefix=', '--work-tree='];

/** Options that make results platform-dependent (default: the running platform). */
export interface SafetyPlatformOptions {
  readonly platform?: NodeJS.Platform;
}

/** The executable name of argv[0] (its basename). */
export function executableName(program: string): string {
  return program.slice(program.lastIndexOf('/') + 1);
}

/**
 * Index and name of git's subcommand, skipping global options (`-C dir`, `-c k=v`,
 * `--git-dir=...`). Only the first positional counts; undefined when it is not in `wanted`.
 */
export function findGitSubcommand(command: readonly string[], wanted: ReadonlySet<string>): [number, string] | undefined {
  if (command.length === 0 || executableName(command[0]!) !== 'git') return undefined;
  for (let i = 1; i < command.length; i++) {
    const arg = command[i]!;
    if (GIT_GLOBAL_INLINE.some((p) => arg.startsWith(p)) || ((arg.startsWith('-C') || arg.startsWith('-c')) && arg.length > 2)) continue;
    if (GIT_GLOBAL_WITH_VALUE.has(arg)) {
      i++;
      continue;
    }
    if (arg === '--' || arg.startsWith('-')) continue;
    return wanted.has(arg) ? [i, arg] : undefined;
  }
  return undefined;
}

function isValidSedNArg(arg: string | undefined): boolean {
  return arg !== undefined && /^(\d+,)?\d+p$/.test(arg);
}

function gitIsReadOnly(command: readonly string[]): boolean {
  if (command.some((a) => a === '-c' || a === '--config-env' || (a.startsWith('-c') && a.length > 2) || a.startsWith('--config-env='))) {
    return false;
  }
  const found = findGitSubcommand(command, GIT_READ_ONLY);
  if (!found) return false;
  const args = command.slice(found[0] + 1);
  if (args.some((a) => UNSAFE_GIT_FLAGS.has(a) || a.startsWith('--output=') || a.startsWith('--exec='))) return false;
  if (found[1] !== 'branch' || args.length === 0) return true;
  return args.every((a) => GIT_BRANCH_READ_ONLY.has(a) || a.startsWith('--format='));
}

/** True when `command` (a plain argv, no shell) is on the known-safe list. */
export function isSafeToCallWithExec(command: readonly string[], options: SafetyPlatformOptions = {}): boolean {
  if (command.length === 0) return false;
  const name = executableName(command[0]!);
  if (LINUX_ONLY_SAFE.has(name)) return (options.platform ?? process.platform) === 'linux';
  if (ALWAYS_SAFE.has(name)) return true;
  const args = command.slice(1);
  switch (name) {
    case 'base64':
      return !args.some((a) => a === '-o' || a === '--output' || a.startsWith('--output=') || (a.startsWith('-o') && a !== '-o'));
    case 'find':
      return !command.some((a) => UNSAFE_FIND.has(a));
    case 'rg':
      return !command.some((a) => UNSAFE_RG_FLAGS.has(a) || UNSAFE_RG_WITH_ARG.some((o) => a === o || a.startsWith(`${o}=`)));
    case 'git':
      return gitIsReadOnly(command);
    case 'sed':
      return command.length <= 4 && command[1] === '-n' && isValidSedNArg(command[2]);
    default:
      return false;
  }
}

/**
 * Codex's `is_known_safe_command`: the argv itself is safe, or it is a shell wrapper
 * (`bash|zsh|sh` with `-lc|-c`) whose script is plain and every command in it is safe.
 */
export function isKnownSafeCommand(command: readonly string[], options: SafetyPlatformOptions = {}): boolean {
  if (isSafeToCallWithExec(command, options)) return true;
  const commands = parseShellLcPlainCommands(command);
  return commands !== undefined && commands.every((c) => isSafeToCallWithExec(c, options));
}

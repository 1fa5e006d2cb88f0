// Dangerous-command checks (Codex's is_dangerous_command.rs): forced `rm`, `git reset`,
// `git rm`, `git --force`, each also behind `sudo` and anywhere inside a shell-wrapper script.
import { parseShellLcLiteralCommands } from './bash.js';
import { executableName, findGitSubcommand } from './is-safe-command.js';

const DANGEROUS_GIT = new Set(['reset', 'rm']);

function rmIsForced(args: readonly string[]): boolean {
  for (const a of args) {
    if (a === '--') return false;
    if (a === '--force' || (a.startsWith('-') && !a.startsWith('--') && a.includes('f'))) return true;
  }
  return false;
}

/** True when a plain argv (no shell) is dangerous on its own. */
export function isDangerousToCallWithExec(command: readonly string[]): boolean {
  if (command.length === 0) return false;
  const name = executableName(command[0]!);
  if (name === 'sudo') return isDangerousToCallWithExec(command.slice(1));
  if (name === 'rm') return rmIsForced(command.slice(1));
  if (name === 'git' || command[0]!.endsWith('git')) {
    return command[1] === '--force' || (name === 'git' && findGitSubcommand(command, DANGEROUS_GIT) !== undefined) || DANGEROUS_GIT.has(command[1] ?? '');
  }
  return false;
}

/** Codex's `command_might_be_dangerous`: the argv, or any literal command of its shell script. */
export function commandMightBeDangerous(command: readonly string[]): boolean {
  if (isDangerousToCallWithExec(command)) return true;
  const inner = parseShellLcLiteralCommands(command);
  return inner !== undefined && inner.some(isDangerousToCallWithExec);
}

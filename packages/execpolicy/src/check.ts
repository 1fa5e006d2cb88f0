// `codex execpolicy check`: argv parsing, policy loading, and the exact JSON Codex
// prints: {"matchedRules":[...],"decision":"..."} (decision omitted when nothing matched).
import { ExecPolicyError } from './errors.js';
import { loadPolicyFiles } from './load.js';
import { evaluationFrom } from './policy.js';
import type { RuleMatch } from './rule.js';

/** Serialises matches like Codex: compact, or pretty with two-space indentation. */
export function formatMatchesJson(matchedRules: readonly RuleMatch[], pretty = false): string {
  const evaluation = evaluationFrom([...matchedRules]);
  return pretty ? JSON.stringify(evaluation, null, 2) : JSON.stringify(evaluation);
}

/** Input of one `execpolicy check` run. */
export interface ExecpolicyCheckOptions {
  /** Rules files, merged in the order given (the repeated `--rules` flags). */
  readonly rulesFiles: readonly string[];
  /** The command tokens to check. */
  readonly command: readonly string[];
  /** `--pretty`: indented JSON. */
  readonly pretty?: boolean;
  /** `--resolve-host-executables`: basename fallback for absolute program paths. */
  readonly resolveHostExecutables?: boolean;
}

/** What the CLI should print and exit with. */
export interface ExecpolicyCheckResult {
  readonly stdout: string;
  readonly stderr: string;
  readonly exitCode: number;
}

/**
 * Runs `codex execpolicy check`: loads the rules files, evaluates the command, and
 * returns the JSON line (exit 0), or the load error on stderr (exit 1).
 */
export async function runExecpolicyCheck(options: ExecpolicyCheckOptions): Promise<ExecpolicyCheckResult> {
  let policy;
  try {
    policy = await loadPolicyFiles(options.rulesFiles);
  } catch (err: unknown) {
    if (!(err instanceof ExecPolicyError)) throw err;
    const file = err.location?.path ?? options.rulesFiles.find((f) => err.message.includes(f)) ?? '';
    const what = err.code === 'read-failed' ? 'read' : 'parse';
    return { stdout: '', stderr: `Error: failed to ${what} policy at ${file}\n\nCaused by:\n    ${err.message}\n`, exitCode: 1 };
  }
  const matches = policy.matchesForCommand(options.command, { resolveHostExecutables: options.resolveHostExecutables });
  return { stdout: `${formatMatchesJson(matches, options.pretty)}\n`, stderr: '', exitCode: 0 };
}

const USAGE = 'Usage: codex execpolicy check --rules <PATH> [--pretty] [--resolve-host-executables] <COMMAND>...';

/** Parses the arguments after `check` (clap semantics: trailing command, `--` allowed). */
export function parseExecpolicyCheckArgs(args: readonly string[]): ExecpolicyCheckOptions | { readonly error: string } {
  const rulesFiles: string[] = [];
  let pretty = false;
  let resolveHostExecutables = false;
  let i = 0;
  for (; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') {
      i++;
      break;
    }
    if (a === '--rules' || a === '-r') {
      const v = args[i + 1];
      if (v === undefined) return { error: `error: a value is required for '--rules <PATH>' but none was supplied\n\n${USAGE}` };
      rulesFiles.push(v);
      i++;
    } else if (a.startsWith('--rules=')) rulesFiles.push(a.slice(8));
    else if (a.startsWith('-r') && a.length > 2) rulesFiles.push(a.slice(2));
    else if (a === '--pretty') pretty = true;
    else if (a === '--resolve-host-executables') resolveHostExecutables = true;
    else if (a.startsWith('-') && a !== '-') return { error: `error: unexpected argument '${a}' found\n\n${USAGE}` };
    else break;
  }
  const command = args.slice(i);
  const missing = [rulesFiles.length === 0 ? '--rules <PATH>' : '', command.length === 0 ? '<COMMAND>...' : ''].filter(Boolean);
  if (missing.length > 0) {
    return { error: `error: the following required arguments were not provided:\n${missing.map((m) => `  ${m}`).join('\n')}\n\n${USAGE}` };
  }
  return { rulesFiles, command, pretty, resolveHostExecutables };
}

/**
 * The whole `execpolicy` command line (`check ...`): usage errors exit 2 as clap's do.
 * `args` excludes the program name, e.g. `['check', '--rules', 'a.rules', 'git', 'status']`.
 */
export async function runExecpolicyCli(args: readonly string[]): Promise<ExecpolicyCheckResult> {
  if (args[0] !== 'check') {
    return { stdout: '', stderr: `error: unrecognized subcommand${args[0] ? ` '${args[0]}'` : ''}\n\nUsage: codex execpolicy check [OPTIONS] --rules <PATH> <COMMAND>...\n`, exitCode: 2 };
  }
  const parsed = parseExecpolicyCheckArgs(args.slice(1));
  if ('error' in parsed) return { stdout: '', stderr: `${parsed.error}\n`, exitCode: 2 };
  return runExecpolicyCheck(parsed);
}

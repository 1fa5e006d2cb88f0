// Recognises an apply_patch call hidden in a command line (Codex's `maybe_parse_apply_patch`):
// `["apply_patch", PATCH]`, and a shell script that is exactly `[cd DIR &&] apply_patch <<EOF`
// with a heredoc, so a model that patches through the shell tool still gets the safe path.
import { planPatch, type ApplyPatchOptions, type FileChange, type PatchPlan } from './apply.js';
import { ApplyPatchError } from './errors.js';
import { parsePatch, type Hunk } from './parser.js';
import path from 'node:path';

/** What `maybeParseApplyPatch` found in an argv. */
export type MaybeApplyPatch =
  | { type: 'body'; patch: string; hunks: Hunk[]; workdir: string | null }
  | { type: 'shell_parse_error'; message: string }
  | { type: 'patch_parse_error'; error: ApplyPatchError }
  | { type: 'not_apply_patch' };

/** A verified apply_patch call: the parsed patch resolved against the files (nothing written). */
export interface ApplyPatchAction {
  /** The effective working directory (the `cd DIR` of the script, resolved against the cwd). */
  cwd: string;
  /** The patch text without a heredoc wrapper (what `apply_patch` should be run with). */
  patch: string;
  /** Per-file changes keyed by absolute path. */
  changes: Record<string, FileChange>;
  /** The full plan, ready for `commitPlan`. */
  plan: PatchPlan;
}

/** What `maybeParseApplyPatchVerified` found. */
export type MaybeApplyPatchVerified =
  | { type: 'body'; action: ApplyPatchAction }
  | { type: 'shell_parse_error'; message: string }
  | { type: 'correctness_error'; error: ApplyPatchError }
  | { type: 'not_apply_patch' };

const COMMANDS = new Set(['apply_patch', 'applypatch']);
const SNAPSHOT_WRAPPER = '. "$0" && exec "$@"';

function shellName(p: string): string {
  const base = p.split(/[\\/]/).pop() ?? p;
  const dot = base.lastIndexOf('.');
  return (dot > 0 ? base.slice(0, dot) : base).toLowerCase();
}

function classify(shell: string, flag: string): boolean {
  const name = shellName(shell);
  if (name === 'bash' || name === 'zsh' || name === 'sh') return flag === '-lc' || flag === '-c';
  if (name === 'pwsh' || name === 'powershell') return flag.toLowerCase() === '-command';
  if (name === 'cmd') return flag.toLowerCase() === '/c';
  return false;
}

/** The script of `bash -lc SCRIPT` (and the zsh/sh/pwsh/powershell/cmd forms Codex accepts). */
export function shellScriptOf(argv: readonly string[]): string | null {
  if (argv.length === 3 && classify(argv[0]!, argv[1]!)) return argv[2]!;
  if (argv.length === 4 && ['pwsh', 'powershell'].includes(shellName(argv[0]!)) && argv[1]!.toLowerCase() === '-noprofile') {
    return classify(argv[0]!, argv[2]!) ? argv[3]! : null;
  }
  // Codex runs commands through a shell snapshot: `bash -c '. "$0" && exec "$@"' SNAPSHOT bash -lc SCRIPT`.
  if (argv.length > 4 && classify(argv[0]!, argv[1]!) && argv[2] === SNAPSHOT_WRAPPER) return shellScriptOf(argv.slice(4));
  return null;
}

const isBlank = (c: string | undefined): boolean => c === ' ' || c === '\t';
const WORD_STOP = /[\s;&|<>()'"`$\\]/;

/** Reads a `cd` argument at `i`: a bare word, a `"…"` string without expansions, or a `'…'` string. */
function readCdArg(s: string, i: number): { value: string; end: number } | null {
  const q = s[i];
  if (q === "'" || q === '"') {
    const close = s.indexOf(q, i + 1);
    if (close === -1) return null;
    const value = s.slice(i + 1, close);
    if (q === '"' && /[$`\\]/.test(value)) return null;
    return { value, end: close + 1 };
  }
  let j = i;
  while (j < s.length && !WORD_STOP.test(s[j]!)) j++;
  return j === i ? null : { value: s.slice(i, j), end: j };
}

/**
 * Extracts the heredoc body (and the `cd` directory) from a script that is exactly
 * `apply_patch <<'EOF' … EOF` or `cd DIR && apply_patch <<EOF … EOF`; null for anything else.
 */
export function extractHeredoc(script: string): { body: string; workdir: string | null } | null {
  let i = 0;
  while (i < script.length && /\s/.test(script[i]!)) i++;
  let workdir: string | null = null;
  if (script.startsWith('cd', i) && isBlank(script[i + 2])) {
    i += 2;
    while (isBlank(script[i])) i++;
    const arg = readCdArg(script, i);
    if (arg === null) return null;
    workdir = arg.value;
    i = arg.end;
    while (isBlank(script[i])) i++;
    if (!script.startsWith('&&', i)) return null;
    i += 2;
    while (i < script.length && /\s/.test(script[i]!)) i++;
  }
  const cmd = /^(apply_patch|applypatch)(?=[ \t<])/.exec(script.slice(i, i + 12));
  if (cmd === null) return null;
  i += cmd[1]!.length;
  while (isBlank(script[i])) i++;
  if (!script.startsWith('<<', i) || script[i + 2] === '<') return null;
  i += 2;
  const dashed = script[i] === '-';
  if (dashed) i++;
  while (isBlank(script[i])) i++;
  const nl = script.indexOf('\n', i);
  if (nl === -1) return null;
  const m = /^(?:'([^'\n]+)'|"([^"\n]+)"|([A-Za-z0-9_\-.]+))[ \t]*$/.exec(script.slice(i, nl));
  if (m === null) return null;
  const delimiter = m[1] ?? m[2] ?? m[3]!;
  const lines = script.slice(nl + 1).split('\n');
  const strip = (l: string): string => (dashed ? l.replace(/^\t+/, '') : l);
  const end = lines.findIndex((l) => strip(l) === delimiter);
  if (end === -1) return null;
  if (lines.slice(end + 1).some((l) => l.trim() !== '')) return null;
  const body = lines.slice(0, end).map(strip).join('\n').replace(/\n+$/, '');
  return { body, workdir };
}

/** Whether `argv` is an apply_patch call, and if so the parsed patch (Codex's `maybe_parse_apply_patch`). */
export function maybeParseApplyPatch(argv: readonly string[]): MaybeApplyPatch {
  let body: string;
  let workdir: string | null = null;
  if (argv.length === 2 && COMMANDS.has(argv[0]!)) {
    body = argv[1]!;
  } else {
    const script = shellScriptOf(argv);
    if (script === null) return { type: 'not_apply_patch' };
    const found = extractHeredoc(script);
    if (found === null) return { type: 'not_apply_patch' };
    ({ body, workdir } = found);
  }
  try {
    const parsed = parsePatch(body);
    return { type: 'body', patch: parsed.patch, hunks: parsed.hunks, workdir };
  } catch (err: unknown) {
    if (err instanceof ApplyPatchError) return { type: 'patch_parse_error', error: err };
    throw err;
  }
}

function parses(text: string): boolean {
  try {
    parsePatch(text);
    return true;
  } catch {
    // Not a patch: the caller only needs the yes/no answer.
    return false;
  }
}

/**
 * Like `maybeParseApplyPatch`, then resolves the patch against the files under `options.cwd`
 * (or the script's `cd` directory) without writing. A bare patch given as the whole command is
 * refused with Codex's "patch detected without explicit call to apply_patch" message.
 */
export async function maybeParseApplyPatchVerified(
  argv: readonly string[],
  options: ApplyPatchOptions,
): Promise<MaybeApplyPatchVerified> {
  const script = shellScriptOf(argv);
  if ((argv.length === 1 && parses(argv[0]!)) || (script !== null && parses(script))) {
    const message = 'patch detected without explicit call to apply_patch. Rerun as ["apply_patch", "<patch>"]';
    return { type: 'correctness_error', error: new ApplyPatchError('implicit_invocation', message) };
  }
  const found = maybeParseApplyPatch(argv);
  if (found.type === 'not_apply_patch' || found.type === 'shell_parse_error') return found;
  if (found.type === 'patch_parse_error') return { type: 'correctness_error', error: found.error };
  const cwd = found.workdir === null ? options.cwd : path.resolve(options.cwd, found.workdir);
  try {
    const plan = await planPatch({ patch: found.patch, hunks: found.hunks }, { ...options, cwd });
    return { type: 'body', action: { cwd, patch: found.patch, changes: plan.changes, plan } };
  } catch (err: unknown) {
    if (err instanceof ApplyPatchError) return { type: 'correctness_error', error: err };
    throw err;
  }
}

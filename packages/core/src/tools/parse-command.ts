// Codex's command classifier (codex-rs core/src/parse_command.rs): a best-effort,
// human-oriented summary of what a shell command does, carried as `parsed_cmd` by
// exec_command_begin / exec_approval_request. Each segment of a command becomes
// read / list_files / search / unknown; pipeline helpers (`| wc -l`, `| sed -n 1,9p`,
// `| nl -ba`), `yes |`, leading `echo`/`cd` and `|| true` are left out of the summary.
import type { ParsedCommand } from '@codex-ts/protocol';
import { shlexJoin, shlexSplit } from '@codex-ts/execpolicy';
import { extractShellScript, parsePlainCommands } from '../safety/bash.js';
import type { Command, SimpleCommand } from '../safety/shell-ast.js';

const CONNECTORS = new Set(['&&', '||', '|', ';']);

/** Summarises `argv` (a plain argv or a `bash -lc SCRIPT` wrapper) as ParsedCommand segments. */
export function parseCommand(argv: readonly string[]): ParsedCommand[] {
  const out: ParsedCommand[] = [];
  for (const pc of parseAll(argv)) {
    // Collapse consecutive identical summaries (`rg --files | wc -l && rg --files`).
    const prev = out[out.length - 1];
    if (prev && sameParsed(prev, pc)) continue;
    out.push(pc);
  }
  return out;
}

function sameParsed(a: ParsedCommand, b: ParsedCommand): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function parseAll(argv: readonly string[]): ParsedCommand[] {
  if (argv.length === 0) return [];
  const wrapped = extractShellScript(argv);
  if (wrapped) return parseScript(wrapped.script);

  // Plain argv: drop a `yes |` / `no |` feeder, split on connector tokens, classify each part.
  let tokens = [...argv];
  if (tokens.length >= 2 && ['yes', 'y', 'no', 'n'].includes(tokens[0]!) && tokens[1] === '|') tokens = tokens.slice(2);
  const parts: string[][] = [];
  let cur: string[] = [];
  for (const t of tokens) {
    if (CONNECTORS.has(t)) {
      if (cur.length > 0) parts.push(cur);
      cur = [];
    } else cur.push(t);
  }
  if (cur.length > 0) parts.push(cur);
  return simplify(summarizeSequence(parts));
}

/** A `bash -lc` script: only word-only commands joined by && || ; | are understood. */
function parseScript(script: string): ParsedCommand[] {
  const whole: ParsedCommand[] = [{ type: 'unknown', cmd: script }];
  const all = parsePlainCommands(script, isWordOnly);
  if (!all) return whole;
  const scriptTokens = shlexSplit(script) ?? [script];
  const hadMultiple = all.length > 1;
  const kept = all.filter((t) => !isSmallFormattingCommand(t));
  if (kept.length === 0) return whole;
  let commands = summarizeSequence(kept);
  if (commands.length > 1) commands = simplify(commands.filter((pc) => !(pc.type === 'unknown' && pc.cmd === 'true')));
  if (commands.length !== 1) return commands;

  // A single remaining command: show the whole script when nothing was dropped from it,
  // and for `X | sed -n RANGE` reads (the sed is what makes the read partial).
  const only = commands[0]!;
  const hadConnectors = hadMultiple || scriptTokens.some((t) => CONNECTORS.has(t));
  const joined = shlexJoin(scriptTokens);
  if (only.type === 'read') {
    if (!hadConnectors) return [{ ...only, cmd: joined }];
    const hasPipe = scriptTokens.includes('|');
    const hasSedN = scriptTokens.some((t, i) => t === 'sed' && scriptTokens[i + 1] === '-n');
    return [hasPipe && hasSedN ? { ...only, cmd: script } : only];
  }
  if ((only.type === 'list_files' || only.type === 'search') && !hadConnectors) return [{ ...only, cmd: joined }];
  return [only];
}

function isWordOnly(cmd: Command): cmd is SimpleCommand {
  return (
    cmd.type === 'simple' &&
    cmd.assignments.length === 0 &&
    cmd.redirects.length === 0 &&
    cmd.words.length > 0 &&
    cmd.words.every((w) => w.features.every((f) => f === 'glob' || f === 'tilde' || f === 'brace'))
  );
}

/** Classifies each part, following `cd DIR` so reads carry the path they really open. */
function summarizeSequence(parts: readonly string[][]): ParsedCommand[] {
  let cwd: string | undefined;
  return parts.map((tokens) => {
    if (tokens[0] === 'cd') {
      const dir = cdTarget(tokens.slice(1));
      if (dir !== undefined) cwd = cwd === undefined ? dir : joinPath(cwd, dir);
    }
    const pc = summarize(tokens);
    return pc.type === 'read' && cwd !== undefined && typeof pc.path === 'string' ? { ...pc, path: joinPath(cwd, pc.path) } : pc;
  });
}

function cdTarget(args: readonly string[]): string | undefined {
  let target: string | undefined;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--') return args[i + 1];
    if (!args[i]!.startsWith('-')) target = args[i];
  }
  return target;
}

function joinPath(base: string, rel: string): string {
  if (rel.startsWith('/') || rel.startsWith('\\') || /^[A-Za-z]:[\\/]/.test(rel)) return rel;
  return `${base.replace(/\/+$/, '')}/${rel}`;
}

/** Repeatedly drops noise: a leading `echo`, a `cd` followed by something, `true`, a flags-only `nl`. */
function simplify(commands: ParsedCommand[]): ParsedCommand[] {
  for (;;) {
    if (commands.length <= 1) return commands;
    const heads = commands.map((pc) => (pc.type === 'unknown' ? (shlexSplit(pc.cmd) ?? []) : undefined));
    if (heads[0]?.[0] === 'echo') {
      commands = commands.slice(1);
      continue;
    }
    let idx = heads.findIndex((t) => t?.[0] === 'cd');
    if (idx < 0 || idx === commands.length - 1) idx = commands.findIndex((pc) => pc.type === 'unknown' && pc.cmd === 'true');
    if (idx < 0) idx = heads.findIndex((t) => t?.[0] === 'nl' && t.slice(1).every((a) => a.startsWith('-')));
    if (idx < 0) return commands;
    commands = [...commands.slice(0, idx), ...commands.slice(idx + 1)];
  }
}

/** True for a pipeline helper that only reshapes output (`wc -l`, `head -n 5`, `sed -n 3p`). */
export function isSmallFormattingCommand(tokens: readonly string[]): boolean {
  const [cmd] = tokens;
  if (cmd === undefined) return false;
  switch (cmd) {
    case 'wc': case 'tr': case 'cut': case 'sort': case 'uniq': case 'xargs':
    case 'tee': case 'column': case 'awk': case 'yes': case 'printf':
      return true;
    case 'head':
    case 'tail':
      // Without a file operand (`head`, `head file` is ambiguous): treat as formatting.
      return tokens.length < 3;
    case 'sed':
      // `sed -n RANGE FILE` is a read; any other sed in a pipeline only reshapes.
      return tokens.length < 4 || !(tokens[1] === '-n' && isSedRange(tokens[2]));
    default:
      return false;
  }
}

/** `12p` or `12,40p`. */
function isSedRange(arg: string | undefined): boolean {
  return arg !== undefined && /^(\d+|\d+,\d+)p$/.test(arg);
}

const LS_FLAGS_WITH_VALUES = ['-I', '-w', '--block-size', '--format', '--time-style', '--color', '--quoting-style'];
const FD_FLAGS_WITH_VALUES = ['-t', '--type', '-e', '--extension', '-E', '--exclude', '--search-path'];
const NL_FLAGS_WITH_VALUES = ['-s', '-w', '-v', '-i', '-b'];

/** One command's summary; `cmd` is its shlex-joined argv. */
function summarize(tokens: readonly string[]): ParsedCommand {
  const cmd = shlexJoin(tokens);
  const [head, ...tail] = tokens;
  const unknown: ParsedCommand = { type: 'unknown', cmd };
  const read = (file: string): ParsedCommand => ({ type: 'read', cmd, name: shortDisplayPath(file), path: file });
  const nonFlags = (args: readonly string[]) => args.filter((a) => !a.startsWith('-'));
  switch (head) {
    case 'ls': {
      const path = nonFlags(operands(tail, LS_FLAGS_WITH_VALUES))[0];
      return { type: 'list_files', cmd, path: path === undefined ? null : shortDisplayPath(path) };
    }
    case 'rg': {
      const positional = nonFlags(tail);
      if (tail.includes('--files')) return { type: 'search', cmd, query: null, path: shortOrNull(positional[0]) };
      return { type: 'search', cmd, query: positional[0] ?? null, path: shortOrNull(positional[1]) };
    }
    case 'grep': {
      // The pattern is kept verbatim (it may contain slashes); only the path is shortened.
      const positional = nonFlags(tail);
      return { type: 'search', cmd, query: positional[0] ?? null, path: shortOrNull(positional[1]) };
    }
    case 'fd': {
      const positional = nonFlags(operands(tail, FD_FLAGS_WITH_VALUES));
      if (positional.length === 0) return { type: 'search', cmd, query: null, path: null };
      if (positional.length === 1) {
        const one = positional[0]!;
        return isPathish(one) ? { type: 'search', cmd, query: null, path: shortDisplayPath(one) } : { type: 'search', cmd, query: one, path: null };
      }
      return { type: 'search', cmd, query: positional[0]!, path: shortDisplayPath(positional[1]!) };
    }
    case 'find': {
      const root = tail.find((a) => !a.startsWith('-') && a !== '!' && a !== '(' && a !== ')');
      const at = tail.findIndex((a) => a === '-name' || a === '-iname' || a === '-path' || a === '-regex');
      return { type: 'search', cmd, query: at >= 0 ? (tail[at + 1] ?? null) : null, path: shortOrNull(root) };
    }
    case 'cat': {
      const files = tail[0] === '--' ? tail.slice(1) : tail;
      return files.length === 1 ? read(files[0]!) : unknown;
    }
    case 'head':
    case 'tail': {
      // `-n 50`, `-n50`; tail also takes `+N`.
      const count = (s: string) => (head === 'tail' ? s.replace(/^\+/, '') : s);
      const isCount = (s: string | undefined) => s !== undefined && /^\d*$/.test(count(s)) && (head === 'head' || count(s) !== '');
      const first = tail[0];
      const valid = first === '-n' ? isCount(tail[1]) : first !== undefined && first.startsWith('-n') && isCount(first.slice(2));
      if (!valid) return unknown;
      const rest = first === '-n' && tail.length > 1 && isCount(tail[1]) ? tail.slice(2) : tail;
      const file = rest.find((a) => !a.startsWith('-'));
      return file === undefined ? unknown : read(file);
    }
    case 'nl': {
      const file = nonFlags(operands(tail, NL_FLAGS_WITH_VALUES))[0];
      return file === undefined ? unknown : read(file);
    }
    case 'sed':
      return tail.length >= 3 && tail[0] === '-n' && isSedRange(tail[1]) ? read(tail[2]!) : unknown;
    default:
      return unknown;
  }
}

/** Arguments minus the values of `flagsWithValues` and `--flag=value` words; all after `--`. */
function operands(args: readonly string[], flagsWithValues: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') {
      out.push(...args.slice(i + 1));
      break;
    }
    if (a.startsWith('--') && a.includes('=')) continue;
    if (flagsWithValues.includes(a)) {
      if (i + 1 < args.length) i++;
      continue;
    }
    out.push(a);
  }
  return out;
}

function isPathish(s: string): boolean {
  return s === '.' || s === '..' || s.startsWith('./') || s.startsWith('../') || s.includes('/') || s.includes('\\');
}

function shortOrNull(path: string | undefined): string | null {
  return path === undefined ? null : shortDisplayPath(path);
}

/**
 * The last meaningful component of a path for display: `webview/src` → `webview`,
 * `pkg\src\main.rs` → `main.rs`, `./dist` → `.` (build/dist/node_modules/src are skipped).
 */
export function shortDisplayPath(path: string): string {
  const trimmed = path.replace(/\\/g, '/').replace(/\/+$/, '');
  const skip = new Set(['', 'build', 'dist', 'node_modules', 'src']);
  const parts = trimmed.split('/').reverse();
  return parts.find((p) => !skip.has(p)) ?? trimmed;
}

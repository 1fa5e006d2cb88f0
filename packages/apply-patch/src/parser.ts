// Parses patch text into hunks (Codex's `parser.rs`, lenient mode): envelope markers may be
// whitespace-padded, the whole patch may be wrapped in a `<<'EOF'` heredoc, hunk headers are
// trimmed. Error messages and line numbers follow Codex's wording.
import { ApplyPatchError } from './errors.js';
import { rustLines, trim } from './internal/rust-text.js';

/** One `@@` section of an `*** Update File:` hunk. */
export interface UpdateFileChunk {
  /** The `@@ <text>` header line to seek first (a class or function line), or null. */
  changeContext: string | null;
  /** Lines that must be found (context and `-` lines), in order. */
  oldLines: string[];
  /** Lines that replace them (context and `+` lines), in order. */
  newLines: string[];
  /** `*** End of File` was given: `oldLines` must match at the end of the file. */
  isEndOfFile: boolean;
}

/** One file operation of a patch. Paths are as written in the patch. */
export type Hunk =
  | { type: 'add'; path: string; contents: string }
  | { type: 'delete'; path: string }
  | { type: 'update'; path: string; movePath: string | null; chunks: UpdateFileChunk[] };

/** A parsed patch: the hunks plus the patch text without any heredoc wrapper. */
export interface ParsedPatch {
  hunks: Hunk[];
  /** The patch lines (from `*** Begin Patch` to `*** End Patch`) joined with `\n`. */
  patch: string;
}

const BEGIN = '*** Begin Patch';
const END = '*** End Patch';
const ADD = '*** Add File: ';
const DELETE = '*** Delete File: ';
const UPDATE = '*** Update File: ';
const MOVE = '*** Move to: ';
const EOF_MARKER = '*** End of File';
const EMPTY_LINES = 'Update hunk does not contain any lines';

function invalidPatch(message: string): ApplyPatchError {
  return new ApplyPatchError('invalid_patch', `Invalid patch: ${message}`);
}

function invalidHunk(message: string, line: number): ApplyPatchError {
  return new ApplyPatchError('invalid_hunk', `Invalid patch hunk on line ${line}: ${message}`, { line });
}

function checkBoundaries(lines: string[]): void {
  const first = lines.length > 0 ? trim(lines[0]!) : undefined;
  const last = lines.length > 0 ? trim(lines[lines.length - 1]!) : undefined;
  if (first === BEGIN && last === END && lines.length >= 2) return;
  if (first !== BEGIN) throw invalidPatch("The first line of the patch must be '*** Begin Patch'");
  throw invalidPatch("The last line of the patch must be '*** End Patch'");
}

/** Strips a `<<EOF` / `<<'EOF'` / `<<"EOF"` heredoc wrapper when the bare text is not a patch. */
function patchLines(all: string[]): string[] {
  try {
    checkBoundaries(all);
    return all;
  } catch (err: unknown) {
    const first = all[0];
    const last = all[all.length - 1];
    const heredoc = first === '<<EOF' || first === "<<'EOF'" || first === '<<"EOF"';
    if (heredoc && last !== undefined && last.endsWith('EOF') && all.length >= 4) {
      const inner = all.slice(1, -1);
      checkBoundaries(inner);
      return inner;
    }
    throw err;
  }
}

/**
 * Parses patch text. Throws `ApplyPatchError` (`invalid_patch` / `invalid_hunk`) with Codex's
 * message and the 1-based patch line of the problem.
 */
export function parsePatch(text: string): ParsedPatch {
  const lines = patchLines(rustLines(trim(text)));
  const hunks: Hunk[] = [];
  const body = lines.slice(1, -1);
  let i = 0;
  while (i < body.length) {
    const { hunk, consumed } = parseOneHunk(body, i, i + 2);
    hunks.push(hunk);
    i += consumed;
  }
  return { hunks, patch: lines.join('\n') };
}

function parseOneHunk(lines: string[], at: number, lineNumber: number): { hunk: Hunk; consumed: number } {
  const header = trim(lines[at]!);
  if (header.startsWith(ADD)) {
    let contents = '';
    let n = 1;
    while (at + n < lines.length && lines[at + n]!.startsWith('+')) {
      contents += lines[at + n]!.slice(1) + '\n';
      n++;
    }
    return { hunk: { type: 'add', path: header.slice(ADD.length), contents }, consumed: n };
  }
  if (header.startsWith(DELETE)) {
    return { hunk: { type: 'delete', path: header.slice(DELETE.length) }, consumed: 1 };
  }
  if (header.startsWith(UPDATE)) {
    const path = header.slice(UPDATE.length);
    let n = 1;
    let movePath: string | null = null;
    const maybeMove = lines[at + 1] === undefined ? '' : trim(lines[at + 1]!);
    if (maybeMove.startsWith(MOVE)) {
      movePath = maybeMove.slice(MOVE.length);
      n++;
    }
    const chunks: UpdateFileChunk[] = [];
    while (at + n < lines.length) {
      const line = lines[at + n]!;
      if (trim(line) === '') {
        n++;
        continue;
      }
      if (line.startsWith('*')) break;
      const { chunk, consumed } = parseChunk(lines, at + n, lineNumber + n, chunks.length === 0);
      chunks.push(chunk);
      n += consumed;
    }
    if (chunks.length === 0) throw invalidHunk(`Update file hunk for path '${path}' is empty`, lineNumber);
    return { hunk: { type: 'update', path, movePath, chunks }, consumed: n };
  }
  throw invalidHunk(
    `'${header}' is not a valid hunk header. Valid hunk headers: '*** Add File: {path}', '*** Delete File: {path}', '*** Update File: {path}'`,
    lineNumber,
  );
}

function parseChunk(
  lines: string[],
  at: number,
  lineNumber: number,
  allowMissingContext: boolean,
): { chunk: UpdateFileChunk; consumed: number } {
  const first = lines[at]!;
  let changeContext: string | null = null;
  let start = 0;
  if (first === '@@' || trim(first) === '@@') {
    start = 1;
  } else if (first.startsWith('@@ ')) {
    // A header that is only whitespace carries no context; seeking an empty line would misplace it.
    const ctx = first.slice(3);
    changeContext = trim(ctx) === '' ? null : ctx;
    start = 1;
  } else if (!allowMissingContext) {
    throw invalidHunk(`Expected update hunk to start with a @@ context marker, got: '${first}'`, lineNumber);
  }
  if (at + start >= lines.length) throw invalidHunk(EMPTY_LINES, lineNumber + 1);
  const chunk: UpdateFileChunk = { changeContext, oldLines: [], newLines: [], isEndOfFile: false };
  let parsed = 0;
  for (let i = at + start; i < lines.length; i++) {
    const line = lines[i]!;
    if (line === EOF_MARKER || (line.includes(EOF_MARKER) && trim(line) === EOF_MARKER)) {
      if (parsed === 0) throw invalidHunk(EMPTY_LINES, lineNumber + 1);
      chunk.isEndOfFile = true;
      parsed++;
      break;
    }
    const c = line.charAt(0);
    if (line === '') {
      chunk.oldLines.push('');
      chunk.newLines.push('');
    } else if (c === ' ') {
      const text = line.slice(1);
      chunk.oldLines.push(text);
      chunk.newLines.push(text);
    } else if (c === '+') {
      chunk.newLines.push(line.slice(1));
    } else if (c === '-') {
      chunk.oldLines.push(line.slice(1));
    } else {
      if (parsed === 0) {
        throw invalidHunk(
          `Unexpected line found in update hunk: '${line}'. Every line should start with ' ' (context line), '+' (added line), or '-' (removed line)`,
          lineNumber + 1,
        );
      }
      break;
    }
    parsed++;
  }
  return { chunk, consumed: parsed + start };
}

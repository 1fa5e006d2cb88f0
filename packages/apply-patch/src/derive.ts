// Applies the chunks of one `*** Update File:` hunk to a decoded file, in memory (Codex's
// `derive_new_contents_from_chunks`): seek each chunk after the previous one, collect the
// replacements, apply them bottom-up. New lines take their ending from the lines they replace.
import { ApplyPatchError, type MatchFailureDetail } from './errors.js';
import type { UpdateFileChunk } from './parser.js';
import { SeekCache, seekSequence } from './seek-sequence.js';
import { normalise } from './internal/rust-text.js';
import type { TextFile, TextLine } from './text-file.js';

/** A region of the original lines replaced by new lines. */
export interface Replacement {
  start: number;
  oldLen: number;
  newLines: TextLine[];
}

/**
 * The new file as segments: a number pair is a run of original lines copied as is (text offsets
 * `[from, to)`), a string is new text. Rendered to bytes or text only when wanted.
 */
export type Segments = (string | number)[];

/** The result of applying chunks: the new file as segments and the replacements made. */
export interface DerivedFile {
  segments: Segments;
  replacements: Replacement[];
}

/**
 * Applies `chunks` to `file`. `path` is the patch path, used in error messages.
 * Throws `context_not_found` / `lines_not_found` with Codex's wording plus the closest region.
 */
export function deriveNewFile(file: TextFile, chunks: readonly UpdateFileChunk[], path: string): DerivedFile {
  const count = file.count;
  // Per-line keys for the fuzzy passes, made only if a chunk needs them, kept for later chunks.
  const cache = new SeekCache(file);
  const seek = (pattern: readonly string[], from: number, eof: boolean): number => seekSequence(file, pattern, from, eof, cache);
  const found: { start: number; oldLen: number; newTexts: string[] }[] = [];
  let cursor = 0;
  for (let index = 0; index < chunks.length; index++) {
    const chunk = chunks[index]!;
    if (chunk.changeContext !== null) {
      const at = seek([chunk.changeContext], cursor, false);
      if (at === -1) {
        throw new ApplyPatchError('context_not_found', `Failed to find context '${chunk.changeContext}' in ${path}`, { path });
      }
      cursor = at + 1;
    }
    if (chunk.oldLines.length === 0) {
      // Pure addition: Codex appends at the end of the file (before a final empty line).
      const at = count > 0 && file.lineIs(count - 1, '') ? count - 1 : count;
      found.push({ start: at, oldLen: 0, newTexts: chunk.newLines });
      continue;
    }
    let pattern = chunk.oldLines;
    let newTexts = chunk.newLines;
    let at = seek(pattern, cursor, chunk.isEndOfFile);
    if (at === -1 && pattern[pattern.length - 1] === '') {
      // A trailing empty line stands for the file's final newline, which the split dropped.
      pattern = pattern.slice(0, -1);
      if (newTexts[newTexts.length - 1] === '') newTexts = newTexts.slice(0, -1);
      at = seek(pattern, cursor, chunk.isEndOfFile);
    }
    if (at === -1) throw notFound(file.texts(), chunk, index + 1, path);
    found.push({ start: at, oldLen: pattern.length, newTexts });
    cursor = at + pattern.length;
  }
  // Stable sort keeps patch order for equal starts (two insertions at the end of the file).
  found.sort((a, b) => a.start - b.start);
  const eol = file.dominantEol();
  const replacements: Replacement[] = new Array(found.length);
  for (let k = 0; k < found.length; k++) {
    const f = found[k]!;
    replacements[k] = { start: f.start, oldLen: f.oldLen, newLines: withEndings(file, f.start, f.oldLen, f.newTexts, eol) };
  }
  return { segments: buildSegments(file, replacements, eol), replacements };
}

/**
 * Gives each new line an ending: unchanged edge lines keep theirs, replaced lines inherit.
 * `old` is the replaced region, lines `[at, at + oldLen)` of `file` (compared in place).
 */
function withEndings(file: TextFile, at: number, oldLen: number, texts: string[], eol: '\n' | '\r\n'): TextLine[] {
  const out: TextLine[] = new Array(texts.length);
  let suffix = 0;
  while (suffix < oldLen && suffix < texts.length && file.lineIs(at + oldLen - 1 - suffix, texts[texts.length - 1 - suffix]!)) {
    out[texts.length - 1 - suffix] = { text: texts[texts.length - 1 - suffix]!, eol: file.eol(at + oldLen - 1 - suffix) };
    suffix++;
  }
  let prefix = 0;
  while (prefix < oldLen - suffix && prefix < texts.length - suffix && file.lineIs(at + prefix, texts[prefix]!)) {
    out[prefix] = { text: texts[prefix]!, eol: file.eol(at + prefix) };
    prefix++;
  }
  for (let j = prefix; j < texts.length - suffix; j++) {
    const from = j < oldLen - suffix ? file.eol(at + j) : '';
    out[j] = { text: texts[j]!, eol: from === '' ? eol : from };
  }
  return out;
}

/**
 * The new file in one pass: untouched runs of lines become one copy segment, replacements one
 * text segment. Only the last line may lack a terminator; it gets one when the patch changed it
 * (Codex always adds it; we keep a missing final newline where the end was not edited). A line
 * without one (only ever a copy of the original last line) leaves a slot to fill at the end.
 */
function buildSegments(file: TextFile, reps: readonly Replacement[], eol: '\n' | '\r\n'): Segments {
  const count = file.count;
  const openEnd = count > 0 && file.eol(count - 1) === '';
  const segs: Segments = [];
  const slots: number[] = [];
  let lastText: string | number | undefined; // a string, or the index of an original line
  const copy = (a: number, b: number): void => {
    if (a >= b) return;
    segs.push(file.start(a), file.start(b));
    if (b === count && openEnd) {
      slots.push(segs.length);
      segs.push('');
    }
    lastText = b - 1;
  };
  let pos = 0;
  for (const r of reps) {
    copy(pos, r.start);
    let run = '';
    for (const l of r.newLines) {
      run += l.text;
      lastText = l.text;
      if (l.eol !== '') run += l.eol;
      else {
        segs.push(run);
        slots.push(segs.length);
        segs.push('');
        run = '';
      }
    }
    if (run !== '') segs.push(run);
    pos = Math.max(pos, r.start + r.oldLen);
  }
  copy(pos, count);
  if (slots.length > 0) {
    const lastBefore = count > 0 ? file.lineText(count - 1) : undefined;
    const after = typeof lastText === 'number' ? file.lineText(lastText) : lastText;
    const endEdited = after !== undefined && (lastBefore === undefined || after !== lastBefore);
    for (const at of slots) if (at !== segs.length - 1 || endEdited) segs[at] = eol;
  }
  return segs;
}

/** The new file's text (with its BOM). */
export function renderText(file: TextFile, segs: Segments): string {
  const parts: string[] = file.bom ? ['\ufeff'] : [];
  for (let i = 0; i < segs.length; i++) {
    const s = segs[i]!;
    parts.push(typeof s === 'string' ? s : file.text.slice(s, segs[++i] as number));
  }
  return parts.join('');
}

/** The new file's bytes. An ASCII file copies its untouched runs byte for byte from `raw`. */
export function renderBytes(file: TextFile, segs: Segments, raw: Buffer): Buffer {
  if (file.bom || raw.length !== file.text.length) return Buffer.from(renderText(file, segs), 'utf8');
  // One allocation: copied runs take their length, new text at most 3 bytes per UTF-16 unit.
  let size = 0;
  for (let i = 0; i < segs.length; i++) {
    const s = segs[i]!;
    size += typeof s === 'string' ? 3 * s.length : (segs[++i] as number) - s;
  }
  const out = Buffer.allocUnsafe(size);
  let off = 0;
  for (let i = 0; i < segs.length; i++) {
    const s = segs[i]!;
    if (typeof s === 'string') off += out.write(s, off);
    else {
      // A view and TypedArray#set: both V8 builtins, cheaper than Buffer#copy's JS wrapper.
      const end = segs[++i] as number;
      out.set(new Uint8Array(raw.buffer, raw.byteOffset + s, end - s), off);
      off += end - s;
    }
  }
  return out.subarray(0, off);
}

function notFound(texts: string[], chunk: UpdateFileChunk, chunkNo: number, path: string): ApplyPatchError {
  const base = `Failed to find expected lines in ${path}:\n${chunk.oldLines.join('\n')}`;
  const match = closestRegion(texts, chunk.oldLines, path, chunkNo);
  if (match.closestLine === null) return new ApplyPatchError('lines_not_found', base, { path, match });
  if (match.differing.length === 0) {
    const why = chunk.isEndOfFile
      ? 'but the chunk is marked *** End of File and they are not the last lines of the file'
      : 'but before the place where the previous chunk matched; chunks must be in file order';
    return new ApplyPatchError('lines_not_found', `${base}\nThese lines appear at line ${match.closestLine} of ${path}, ${why}.`, { path, match });
  }
  const diffs = match.differing
    .map((d) => `  line ${d.line} in the file:  ${JSON.stringify(d.found)}\n  the patch expects: ${JSON.stringify(d.expected)}`)
    .join('\n');
  const message = `${base}\nClosest match for chunk ${chunkNo} starts at line ${match.closestLine} of ${path}; these lines differ:\n${diffs}`;
  return new ApplyPatchError('lines_not_found', message, { path, match });
}

/** The window of the file that agrees with the pattern on the most lines (at least half of them). */
function closestRegion(texts: string[], pattern: string[], path: string, chunk: number): MatchFailureDetail {
  const none: MatchFailureDetail = { path, chunk, closestLine: null, differing: [] };
  const n = pattern.length;
  if (texts.length === 0 || n === 0) return none;
  const keys = texts.map(normalise);
  const pat = pattern.map(normalise);
  let best = -1;
  let bestScore = 0;
  const last = Math.max(0, texts.length - n);
  for (let i = 0; i <= last; i++) {
    let score = 0;
    for (let p = 0; p < n && i + p < texts.length; p++) if (keys[i + p] === pat[p]) score++;
    if (score > bestScore) {
      bestScore = score;
      best = i;
    }
  }
  if (best === -1 || bestScore * 2 < n) return none;
  const differing: MatchFailureDetail['differing'] = [];
  for (let p = 0; p < n; p++) {
    const found = texts[best + p];
    if (found === undefined || keys[best + p] !== pat[p]) {
      differing.push({ line: best + p + 1, found: found ?? '<end of file>', expected: pattern[p]! });
    }
  }
  return { path, chunk, closestLine: best + 1, differing };
}

// Unified diffs for the engine's approval and UI events (Codex: `unified_diff_from_chunks`,
// context radius 1, hunks only, no ---/+++ header). Built from the replacements the matcher
// made, so only the edited regions are diffed, not the whole file.
import type { Replacement } from './derive.js';
import { splitLines, TextFile, type TextLine } from './text-file.js';

interface Op {
  kind: ' ' | '-' | '+';
  line: TextLine;
  /** For a run of unchanged lines too far from any change to be shown: how many lines. */
  skip?: number;
}

const key = (l: TextLine): string => l.text + l.eol;

/** The unified diff between two texts (whole-text line diff), context radius `context`. */
export function unifiedDiff(oldText: string, newText: string, context = 1): string {
  const oldFile = new TextFile(oldText, false);
  return unifiedDiffFromReplacements(oldFile, [{ start: 0, oldLen: oldFile.count, newLines: splitLines(newText) }], context);
}

/**
 * The unified diff of `original` after `replacements` (sorted, non-overlapping) are applied.
 * Unchanged runs longer than two contexts become one skip op, so the work follows the size of
 * the edits, not of the file.
 */
export function unifiedDiffFromReplacements(
  original: readonly TextLine[] | TextFile,
  replacements: readonly Replacement[],
  context = 1,
): string {
  const lineAt = Array.isArray(original) ? (i: number): TextLine => original[i]! : (i: number): TextLine => (original as TextFile).line(i);
  const total = Array.isArray(original) ? original.length : (original as TextFile).count;
  const ops: Op[] = [];
  const unchanged = (a: number, b: number): void => {
    if (b - a > 2 * context + 1) {
      for (let i = a; i < a + context; i++) ops.push({ kind: ' ', line: lineAt(i) });
      ops.push({ kind: ' ', line: { text: '', eol: '' }, skip: b - a - 2 * context });
      a = b - context;
    }
    for (let i = a; i < b; i++) ops.push({ kind: ' ', line: lineAt(i) });
  };
  let pos = 0;
  for (const r of replacements) {
    if (r.start > pos) unchanged(pos, r.start);
    const oldSeg: TextLine[] = [];
    for (let i = r.start; i < r.start + r.oldLen; i++) oldSeg.push(lineAt(i));
    let o = 0;
    let n = 0;
    for (const kind of lineDiff(oldSeg.map(key), r.newLines.map(key))) {
      if (kind === '+') ops.push({ kind, line: r.newLines[n++]! });
      else if (kind === '-') ops.push({ kind, line: oldSeg[o++]! });
      else {
        ops.push({ kind, line: oldSeg[o++]! });
        n++;
      }
    }
    pos = Math.max(pos, r.start + r.oldLen);
  }
  unchanged(pos, total);
  return formatHunks(ops, context);
}

/** Edit script between two small line lists (LCS; deletions before insertions in a run). */
export function lineDiff(a: readonly string[], b: readonly string[]): (' ' | '-' | '+')[] {
  let pre = 0;
  while (pre < a.length && pre < b.length && a[pre] === b[pre]) pre++;
  let suf = 0;
  while (suf < a.length - pre && suf < b.length - pre && a[a.length - 1 - suf] === b[b.length - 1 - suf]) suf++;
  const n = a.length - pre - suf;
  const m = b.length - pre - suf;
  const mid: (' ' | '-' | '+')[] = [];
  if ((n + 1) * (m + 1) > 4_000_000) {
    // Too big for the table: show the region as replaced (still a correct diff).
    for (let i = 0; i < n; i++) mid.push('-');
    for (let j = 0; j < m; j++) mid.push('+');
  } else {
    // lcs[i][j] = LCS length of a[pre+i..] and b[pre+j..].
    const w = m + 1;
    const lcs = new Uint32Array((n + 1) * w);
    for (let i = n - 1; i >= 0; i--) {
      for (let j = m - 1; j >= 0; j--) {
        lcs[i * w + j] = a[pre + i] === b[pre + j] ? lcs[(i + 1) * w + j + 1]! + 1 : Math.max(lcs[(i + 1) * w + j]!, lcs[i * w + j + 1]!);
      }
    }
    let i = 0;
    let j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && a[pre + i] === b[pre + j]) {
        mid.push(' ');
        i++;
        j++;
      } else if (j >= m || (i < n && lcs[(i + 1) * w + j]! >= lcs[i * w + j + 1]!)) {
        mid.push('-');
        i++;
      } else {
        mid.push('+');
        j++;
      }
    }
  }
  return [...Array<' '>(pre).fill(' '), ...mid, ...Array<' '>(suf).fill(' ')];
}

function range(start: number, count: number): string {
  if (count === 1) return `${start}`;
  return count === 0 ? `${start - 1},0` : `${start},${count}`;
}

function formatHunks(ops: Op[], context: number): string {
  const changes: number[] = [];
  for (let i = 0; i < ops.length; i++) if (ops[i]!.kind !== ' ') changes.push(i);
  if (changes.length === 0) return '';
  // Line numbers before each op, counted once.
  const oldBefore = new Int32Array(ops.length + 1);
  const newBefore = new Int32Array(ops.length + 1);
  for (let i = 0; i < ops.length; i++) {
    const k = ops[i]!.kind;
    const w = ops[i]!.skip ?? 1;
    oldBefore[i + 1] = oldBefore[i]! + (k === '+' ? 0 : w);
    newBefore[i + 1] = newBefore[i]! + (k === '-' ? 0 : w);
  }
  let out = '';
  let c = 0;
  while (c < changes.length) {
    let last = changes[c]!;
    const from = Math.max(0, last - context);
    c++;
    while (c < changes.length && changes[c]! - last - 1 <= 2 * context) last = changes[c++]!;
    const to = Math.min(ops.length, last + context + 1);
    const oldCount = oldBefore[to]! - oldBefore[from]!;
    const newCount = newBefore[to]! - newBefore[from]!;
    out += `@@ -${range(oldBefore[from]! + 1, oldCount)} +${range(newBefore[from]! + 1, newCount)} @@\n`;
    for (let i = from; i < to; i++) {
      const { kind, line } = ops[i]!;
      out += `${kind}${line.text}\n`;
      if (line.eol === '') out += '\\ No newline at end of file\n';
    }
  }
  return out;
}

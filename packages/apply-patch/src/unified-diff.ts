// Unified diffs for the engine's approval and UI events (Codex: `unified_diff_from_chunks`,
// context radius 1, hunks only, no ---/+++ header). Built from the replacements the matcher
// made, so only the edited regions are diffed, not the whole file.
import { diffArrays } from 'diff';
import type { Replacement } from './derive.js';
import { splitLines, type TextLine } from './text-file.js';

interface Op {
  kind: ' ' | '-' | '+';
  line: TextLine;
}

const key = (l: TextLine): string => l.text + l.eol;

/** The unified diff between two texts (whole-text line diff), context radius `context`. */
export function unifiedDiff(oldText: string, newText: string, context = 1): string {
  const oldLines = splitLines(oldText);
  return unifiedDiffFromReplacements(oldLines, [{ start: 0, oldLen: oldLines.length, newLines: splitLines(newText) }], context);
}

/** The unified diff of `original` after `replacements` (sorted, non-overlapping) are applied. */
export function unifiedDiffFromReplacements(
  original: readonly TextLine[],
  replacements: readonly Replacement[],
  context = 1,
): string {
  const ops: Op[] = [];
  let pos = 0;
  for (const r of replacements) {
    for (; pos < r.start; pos++) ops.push({ kind: ' ', line: original[pos]! });
    const oldSeg = original.slice(r.start, r.start + r.oldLen);
    const parts = diffArrays(oldSeg.map(key), r.newLines.map(key));
    let o = 0;
    let n = 0;
    for (const part of parts) {
      const count = part.value.length;
      if (part.added) for (let i = 0; i < count; i++) ops.push({ kind: '+', line: r.newLines[n++]! });
      else if (part.removed) for (let i = 0; i < count; i++) ops.push({ kind: '-', line: oldSeg[o++]! });
      else for (let i = 0; i < count; i++, n++) ops.push({ kind: ' ', line: oldSeg[o++]! });
    }
    pos = Math.max(pos, r.start + r.oldLen);
  }
  for (; pos < original.length; pos++) ops.push({ kind: ' ', line: original[pos]! });
  return formatHunks(ops, context);
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
    oldBefore[i + 1] = oldBefore[i]! + (k === '+' ? 0 : 1);
    newBefore[i + 1] = newBefore[i]! + (k === '-' ? 0 : 1);
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

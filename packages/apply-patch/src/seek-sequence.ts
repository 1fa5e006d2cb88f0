// Codex's `seek_sequence`: find a run of pattern lines in a file, trying four passes of
// decreasing strictness (exact, trailing whitespace ignored, surrounding whitespace ignored,
// Unicode punctuation normalised). `eof` pins the search to the end of the file.
//
// The exact pass compares against the file in place (`lineIs`: a length check, then
// `startsWith` at the line's offset), so a well-formed patch never makes per-line strings.
// The fuzzy passes compute each line's key on first use and keep it for later chunks.
import { normalise, trim, trimEnd } from './internal/rust-text.js';

type Eq = (a: string, b: string) => boolean;

/** What the matcher needs from a file: line count, in-place equality, and line texts. */
export interface LineSource {
  readonly count: number;
  lineIs(i: number, s: string): boolean;
  lineText(i: number): string;
  /** Optional fast path: the first line at or after `from` that is exactly `s`, or -1. */
  findLine?(s: string, from: number): number;
}

class ArraySource implements LineSource {
  constructor(private readonly lines: readonly string[]) {}
  get count(): number {
    return this.lines.length;
  }
  lineIs(i: number, s: string): boolean {
    return this.lines[i] === s;
  }
  lineText(i: number): string {
    return this.lines[i]!;
  }
}

const PASSES: ((s: string) => string)[] = [trimEnd, trim, normalise];

/**
 * Index of the first line at or after `start` where `pattern` matches `lines`, or -1.
 * An empty pattern matches at `start`. With `eof`, only the last possible position is tried.
 * `cache` may be passed to reuse per-line keys across calls on the same file.
 */
export function seekSequence(
  lines: readonly string[] | LineSource,
  pattern: readonly string[],
  start: number,
  eof: boolean,
  cache?: SeekCache,
): number {
  const src: LineSource = Array.isArray(lines) ? new ArraySource(lines as readonly string[]) : (lines as LineSource);
  if (pattern.length === 0) return start;
  const n = src.count;
  const len = pattern.length;
  if (len > n) return -1;
  const from = Math.max(eof ? n - len : start, 0);
  const last = n - len;
  const first = pattern[0]!;
  for (let i = from; i <= last; i++) {
    if (src.findLine !== undefined) {
      i = src.findLine(first, i);
      if (i === -1 || i > last) break;
    } else if (!src.lineIs(i, first)) continue;
    let p = 1;
    while (p < len && src.lineIs(i + p, pattern[p]!)) p++;
    if (p === len) return i;
  }
  const c = cache ?? new SeekCache(src);
  for (let pass = 0; pass < PASSES.length; pass++) {
    const key = PASSES[pass]!;
    const pat = pattern.map(key);
    for (let i = from; i <= last; i++) {
      let p = 0;
      while (p < len && c.key(pass, key, i + p) === pat[p]) p++;
      if (p === len) return i;
    }
  }
  return -1;
}

/** Lazily computed per-line keys for the fuzzy passes (each line's key made once per pass). */
export class SeekCache {
  private readonly byPass: (string | undefined)[][] = [];
  private readonly src: LineSource;
  constructor(lines: readonly string[] | LineSource) {
    this.src = Array.isArray(lines) ? new ArraySource(lines as readonly string[]) : (lines as LineSource);
  }

  key(pass: number, key: (s: string) => string, i: number): string {
    let keys = this.byPass[pass];
    if (keys === undefined) {
      keys = new Array<string | undefined>(this.src.count).fill(undefined);
      this.byPass[pass] = keys;
    }
    let k = keys[i];
    if (k === undefined) {
      k = key(this.src.lineText(i));
      keys[i] = k;
    }
    return k;
  }
}

/** Equality under Codex's loosest pass (used to rank near-misses in error messages). */
export const looselyEqual: Eq = (a, b) => normalise(a) === normalise(b);

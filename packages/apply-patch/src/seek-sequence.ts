// Codex's `seek_sequence`: find a run of pattern lines in a file, trying four passes of
// decreasing strictness (exact, trailing whitespace ignored, surrounding whitespace ignored,
// Unicode punctuation normalised). `eof` pins the search to the end of the file.
import { normalise, trim, trimEnd } from './internal/rust-text.js';

type Eq = (a: string, b: string) => boolean;

const PASSES: { name: string; key: (s: string) => string }[] = [
  { name: 'trim_end', key: trimEnd },
  { name: 'trim', key: trim },
  { name: 'normalise', key: normalise },
];

/**
 * Index of the first line at or after `start` where `pattern` matches `lines`, or -1.
 * An empty pattern matches at `start`. With `eof`, only the last possible position is tried.
 * `cache` may be passed to reuse per-line keys across calls on the same file.
 */
export function seekSequence(
  lines: readonly string[],
  pattern: readonly string[],
  start: number,
  eof: boolean,
  cache: SeekCache = new SeekCache(lines),
): number {
  if (pattern.length === 0) return start;
  if (pattern.length > lines.length) return -1;
  const from = eof ? lines.length - pattern.length : start;
  const last = lines.length - pattern.length;
  const exact = scan(from, last, pattern.length, (i, p) => lines[i] === pattern[p]);
  if (exact !== -1) return exact;
  for (const pass of PASSES) {
    const keys = cache.keys(pass.name, pass.key);
    const pat = pattern.map(pass.key);
    const found = scan(from, last, pattern.length, (i, p) => keys[i] === pat[p]);
    if (found !== -1) return found;
  }
  return -1;
}

function scan(from: number, last: number, len: number, eq: (i: number, p: number) => boolean): number {
  for (let i = Math.max(from, 0); i <= last; i++) {
    let p = 0;
    while (p < len && eq(i + p, p)) p++;
    if (p === len) return i;
  }
  return -1;
}

/** Lazily computed per-line keys for the fuzzy passes (one array per pass, built once per file). */
export class SeekCache {
  private readonly byPass = new Map<string, string[]>();
  constructor(private readonly lines: readonly string[]) {}

  keys(pass: string, key: (s: string) => string): string[] {
    let k = this.byPass.get(pass);
    if (k === undefined) {
      k = this.lines.map(key);
      this.byPass.set(pass, k);
    }
    return k;
  }
}

/** Equality under Codex's loosest pass (used to rank near-misses in error messages). */
export const looselyEqual: Eq = (a, b) => normalise(a) === normalise(b);

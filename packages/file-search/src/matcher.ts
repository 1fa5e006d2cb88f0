// fzf-style fuzzy matcher: a cheap subsequence prefilter, then an affine-gap alignment
// (Smith-Waterman flavour, as in fzf's v2 algorithm) over the shortest window that can hold
// the match. Boundaries, camelCase, path separators and consecutive runs earn bonuses; chars
// in the file name (after the last '/') earn extra. Scratch buffers are module-level, so
// scoring allocates nothing per candidate.

import { caseFold, charClass, bonusFor, CLASS_DELIMITER } from './internal/chars.js';

const SCORE_MATCH = 16;
const GAP_START = -3;
const GAP_EXTENSION = -1;
const BONUS_BOUNDARY = 8;
const BONUS_CONSECUTIVE = 4;
const FIRST_CHAR_MULTIPLIER = 2;
/** Extra score for every pattern char matched inside the file name. */
const BONUS_FILE_NAME = 2;
const INVALID = -1;

/** One whitespace-separated term of a pattern; every atom must match. */
interface Atom {
  /** Case-folded (when insensitive) UTF-16 code units to find in order. */
  readonly codes: Int32Array;
  readonly caseSensitive: boolean;
}

/** A pattern prepared once and scored against many candidates. */
export interface CompiledPattern {
  /** The raw pattern text. */
  readonly text: string;
  /** @internal */
  readonly atoms: readonly Atom[];
}

/** Result of matching one candidate: score plus sorted, unique code point indices. */
export interface FuzzyMatch {
  score: number;
  indices: number[];
}

/**
 * Compile a pattern the way Codex (nucleo) reads it: terms split on unescaped whitespace,
 * each term fuzzy; smart case per term (any uppercase letter makes that term case-sensitive).
 */
export function compilePattern(text: string): CompiledPattern {
  const atoms: Atom[] = [];
  let cur = '';
  const flush = (): void => {
    if (cur === '') return;
    const caseSensitive = cur !== cur.toLowerCase();
    const codes = new Int32Array(cur.length);
    for (let i = 0; i < cur.length; i++) codes[i] = caseSensitive ? cur.charCodeAt(i) : caseFold(cur.charCodeAt(i));
    atoms.push({ codes, caseSensitive });
    cur = '';
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '\\' && i + 1 < text.length && /\s/.test(text[i + 1]!)) {
      cur += text[++i];
    } else if (/\s/.test(ch)) {
      flush();
    } else {
      cur += ch;
    }
  }
  flush();
  return { text, atoms };
}

let rowH = new Int32Array(256);
let rowC = new Int32Array(256);
let prevH = new Int32Array(256);
let prevC = new Int32Array(256);
let bonus = new Int32Array(256);
let fullH = new Int32Array(1024);
let fullC = new Int32Array(1024);

function ensureScratch(n: number, cells: number): void {
  if (rowH.length < n) {
    const len = Math.max(n, rowH.length * 2);
    rowH = new Int32Array(len);
    rowC = new Int32Array(len);
    prevH = new Int32Array(len);
    prevC = new Int32Array(len);
    bonus = new Int32Array(len);
  }
  if (fullH.length < cells) {
    const len = Math.max(cells, fullH.length * 2);
    fullH = new Int32Array(len);
    fullC = new Int32Array(len);
  }
}

const fold = (c: number, sensitive: boolean): number =>
  sensitive ? c : c >= 65 && c <= 90 ? c | 32 : c < 128 ? c : caseFold(c);

/**
 * Score one atom against `text`; -1 when it does not match. When `out` is given, the matched
 * UTF-16 positions are appended to it.
 */
function scoreAtom(atom: Atom, text: string, out: number[] | null): number {
  const p = atom.codes;
  const m = p.length;
  const n = text.length;
  const cs = atom.caseSensitive;
  // Prefilter: greedy forward scan proves the atom is a subsequence.
  let j = 0;
  let start = -1;
  for (let i = 0; i < n && j < m; i++) {
    if (fold(text.charCodeAt(i), cs) === p[j]) {
      if (j === 0) start = i;
      j++;
    }
  }
  if (j < m) return INVALID;
  // The window ends at the last occurrence of the final char.
  let end = n - 1;
  const last = p[m - 1]!;
  while (fold(text.charCodeAt(end), cs) !== last) end--;
  const w = end - start + 1;
  ensureScratch(w, out ? w * m : 0);

  let lastSlash = text.lastIndexOf('/');
  let prevClass = start === 0 ? CLASS_DELIMITER : charClass(text.charCodeAt(start - 1));
  for (let i = 0; i < w; i++) {
    const cls = charClass(text.charCodeAt(start + i));
    bonus[i] = bonusFor(prevClass, cls);
    prevClass = cls;
  }
  lastSlash -= start; // window-relative: positions > lastSlash lie in the file name

  let H = rowH;
  let C = rowC;
  let PH = prevH;
  let PC = prevC;
  // Row 0: the first pattern char.
  {
    const pc = p[0]!;
    let left = INVALID;
    let inGap = false;
    for (let i = 0; i < w; i++) {
      let h: number;
      let c = 0;
      if (fold(text.charCodeAt(start + i), cs) === pc) {
        h = SCORE_MATCH + bonus[i]! * FIRST_CHAR_MULTIPLIER + (i > lastSlash ? BONUS_FILE_NAME : 0);
        c = 1;
        inGap = false;
      } else if (left === INVALID) {
        h = INVALID;
      } else {
        h = Math.max(left + (inGap ? GAP_EXTENSION : GAP_START), 0);
        inGap = true;
      }
      H[i] = h;
      C[i] = c;
      left = h;
    }
    if (out) {
      fullH.set(H.subarray(0, w), 0);
      fullC.set(C.subarray(0, w), 0);
    }
  }
  for (let r = 1; r < m; r++) {
    let t = PH; PH = H; H = t;
    t = PC; PC = C; C = t;
    const pc = p[r]!;
    let left = INVALID;
    let inGap = false;
    H[0] = INVALID;
    C[0] = 0;
    for (let i = 1; i < w; i++) {
      const s1: number = left === INVALID ? INVALID : Math.max(left + (inGap ? GAP_EXTENSION : GAP_START), 0);
      let s2 = INVALID;
      let cons = 0;
      const diag = PH[i - 1]!;
      if (diag !== INVALID && fold(text.charCodeAt(start + i), cs) === pc) {
        let b = bonus[i]!;
        cons = PC[i - 1]! + 1;
        if (cons > 1) {
          const fb = bonus[i - cons + 1]!;
          if (b >= BONUS_BOUNDARY && b > fb) cons = 1;
          else b = Math.max(b, fb, BONUS_CONSECUTIVE);
        }
        s2 = diag + SCORE_MATCH + b + (i > lastSlash ? BONUS_FILE_NAME : 0);
      }
      let h: number;
      if (s2 !== INVALID && s2 >= s1) {
        h = s2;
        inGap = false;
      } else {
        h = s1;
        cons = 0;
        inGap = s1 !== INVALID;
      }
      H[i] = h;
      C[i] = cons;
      left = h;
    }
    if (out) {
      fullH.set(H.subarray(0, w), r * w);
      fullC.set(C.subarray(0, w), r * w);
    }
  }
  let best = INVALID;
  let bestAt = -1;
  for (let i = 0; i < w; i++) {
    if (H[i]! > best) {
      best = H[i]!;
      bestAt = i;
    }
  }
  // Keep the module-level buffers pointing at the (possibly swapped) arrays.
  rowH = H; rowC = C; prevH = PH; prevC = PC;
  if (out && best !== INVALID) {
    let i = bestAt;
    for (let r = m - 1; r >= 0; r--) {
      while (fullC[r * w + i] === 0) i--;
      out.push(start + i);
      i--;
    }
  }
  return best;
}

/** Score of `text` for a compiled pattern, or -1 when it does not match. Allocation-free. */
export function scorePattern(pattern: CompiledPattern, text: string): number {
  let total = 0;
  for (const atom of pattern.atoms) {
    const s = scoreAtom(atom, text, null);
    if (s === INVALID) return INVALID;
    total += s;
  }
  return total;
}

/** Score plus highlight indices (Unicode code point positions, sorted and unique); null on no match. */
export function matchPattern(pattern: CompiledPattern, text: string): FuzzyMatch | null {
  const units: number[] = [];
  let total = 0;
  for (const atom of pattern.atoms) {
    const s = scoreAtom(atom, text, units);
    if (s === INVALID) return null;
    total += s;
  }
  units.sort((a, b) => a - b);
  const indices: number[] = [];
  for (const u of units) {
    const cp = toCodePointIndex(text, u);
    if (indices.length === 0 || indices[indices.length - 1] !== cp) indices.push(cp);
  }
  return { score: total, indices };
}

/** One-off convenience: compile `pattern` and match it against `text`. */
export function fuzzyMatch(pattern: string, text: string): FuzzyMatch | null {
  return matchPattern(compilePattern(pattern), text);
}

function toCodePointIndex(text: string, unit: number): number {
  let cp = unit;
  for (let i = 0; i < unit; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < unit) {
      cp--;
      i++;
    }
  }
  return cp;
}

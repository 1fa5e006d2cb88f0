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
/** scoreAtom result: the text matches but cannot reach the requested minimum score. */
const BELOW = -2;
const NON_ASCII = /[^\x00-\x7f]/;

/** One whitespace-separated term of a pattern; every atom must match. */
interface Atom {
  /** Case-folded (when insensitive) UTF-16 code units to find in order. */
  readonly codes: Int32Array;
  readonly caseSensitive: boolean;
  /** The code units as one-char strings, for indexOf. */
  readonly chars: readonly string[];
  /** `chars` joined: the atom as a (folded) substring. */
  readonly joined: string;
  /** True when every code unit is ASCII (enables the native prefilter). */
  readonly ascii: boolean;
  /** Scratch: earliest and latest feasible position of each pattern char. */
  readonly first: Int32Array;
  readonly last: Int32Array;
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
    const chars = Array.from(codes, (c) => String.fromCharCode(c));
    const joined = chars.join('');
    const ascii = codes.every((c) => c < 128);
    atoms.push({ codes, caseSensitive, chars, joined, ascii, first: new Int32Array(codes.length), last: new Int32Array(codes.length) });
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
let folded = new Int32Array(256);
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
    folded = new Int32Array(len);
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
function scoreAtom(atom: Atom, text: string, out: number[] | null, minScore: number): number {
  const p = atom.codes;
  const m = p.length;
  const n = text.length;
  const cs = atom.caseSensitive;
  const first = atom.first;
  const last = atom.last;
  // Prefilter: the greedy forward scan proves a match exists and gives each pattern char its
  // earliest feasible position; the backward scan gives its latest. Pure-ASCII texts use the
  // engine's native indexOf on a lowercased copy (V8 returns the same string when nothing
  // changes, so lowercase paths allocate nothing).
  let contiguous = true;
  if (atom.ascii && !NON_ASCII.test(text)) {
    const t = cs ? text : text.toLowerCase();
    contiguous = t.includes(atom.joined);
    const chars = atom.chars;
    let at = -1;
    for (let k = 0; k < m; k++) {
      at = t.indexOf(chars[k]!, at + 1);
      if (at < 0) return INVALID;
      first[k] = at;
    }
    at = n;
    for (let k = m - 1; k >= 0; k--) {
      at = t.lastIndexOf(chars[k]!, at - 1);
      last[k] = at;
    }
  } else {
    let j = 0;
    for (let i = 0; i < n && j < m; i++) {
      if (fold(text.charCodeAt(i), cs) === p[j]) first[j++] = i;
    }
    if (j < m) return INVALID;
    j = m - 1;
    for (let i = n - 1; j >= 0; i--) {
      if (fold(text.charCodeAt(i), cs) === p[j]) last[j--] = i;
    }
  }
  const start = first[0]!;
  const w = last[m - 1]! - start + 1;
  ensureScratch(w, out ? w * m : 0);
  const tf = folded;
  const lastSlash = text.lastIndexOf('/') - start; // window positions > lastSlash are in the file name
  let prevClass = start === 0 ? CLASS_DELIMITER : charClass(text.charCodeAt(start - 1));
  let maxBonus = BONUS_CONSECUTIVE;
  for (let i = 0; i < w; i++) {
    const c = text.charCodeAt(start + i);
    tf[i] = fold(c, cs);
    const cls = charClass(c);
    const b = bonusFor(prevClass, cls);
    bonus[i] = b;
    if (b > maxBonus) maxBonus = b;
    prevClass = cls;
  }
  // Upper bound on the alignment score: every char at the best bonus, all in the file name.
  // Any gap costs at least GAP_START (or, via the floor at 0, everything before it).
  const bound = m * (SCORE_MATCH + BONUS_FILE_NAME) + (m + 1) * maxBonus + (contiguous ? 0 : GAP_START);
  if (bound < minScore) return BELOW;

  let H = rowH;
  let C = rowC;
  let PH = prevH;
  let PC = prevC;
  for (let r = 0; r < m; r++) {
    if (r > 0) {
      let t = PH; PH = H; H = t;
      t = PC; PC = C; C = t;
    }
    const pc = p[r]!;
    // Matches are only possible in [lo, hi]; cells up to `end` carry scores for the next row.
    const lo = first[r]! - start;
    const hi = last[r]! - start;
    const end = out ? w - 1 : r < m - 1 ? last[r + 1]! - start - 1 : hi;
    if (out) for (let i = 0; i < lo; i++) { H[i] = INVALID; C[i] = 0; }
    let left = INVALID;
    let inGap = false;
    for (let i = lo; i <= end; i++) {
      let s2 = INVALID;
      let cons = 0;
      if (i <= hi && tf[i] === pc) {
        if (r === 0) {
          s2 = SCORE_MATCH + bonus[i]! * FIRST_CHAR_MULTIPLIER + (i > lastSlash ? BONUS_FILE_NAME : 0);
          cons = 1;
        } else {
          const diag = PH[i - 1]!;
          if (diag !== INVALID) {
            let b = bonus[i]!;
            cons = PC[i - 1]! + 1;
            if (cons > 1) {
              const fb = bonus[i - cons + 1]!;
              if (b >= BONUS_BOUNDARY && b > fb) cons = 1;
              else b = Math.max(b, fb, BONUS_CONSECUTIVE);
            }
            s2 = diag + SCORE_MATCH + b + (i > lastSlash ? BONUS_FILE_NAME : 0);
          }
        }
      }
      const s1: number = left === INVALID ? INVALID : Math.max(left + (inGap ? GAP_EXTENSION : GAP_START), 0);
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
  for (let i = first[m - 1]! - start; i < w; i++) {
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

/**
 * Prefilter for paths sharing a directory prefix: `progress[a]` becomes how many chars of atom
 * `a` a greedy scan matches inside `prefix`. Greedy is optimal for "is a subsequence", so
 * {@link couldMatch} then only has to scan the file name.
 */
export function prefixProgress(pattern: CompiledPattern, prefix: string, progress: Int32Array): void {
  const atoms = pattern.atoms;
  for (let a = 0; a < atoms.length; a++) progress[a] = advance(atoms[a]!, prefix, 0);
}

/** False when `prefix + name` (prefix as given to {@link prefixProgress}) cannot match. */
export function couldMatch(pattern: CompiledPattern, progress: Int32Array, name: string): boolean {
  const atoms = pattern.atoms;
  for (let a = 0; a < atoms.length; a++) {
    const atom = atoms[a]!;
    if (advance(atom, name, progress[a]!) < atom.codes.length) return false;
  }
  return true;
}

function advance(atom: Atom, text: string, j: number): number {
  const p = atom.codes;
  const m = p.length;
  if (j >= m) return j;
  const cs = atom.caseSensitive;
  let want = p[j]!;
  for (let i = 0, n = text.length; i < n; i++) {
    let c = text.charCodeAt(i);
    if (!cs) c = c >= 65 && c <= 90 ? c | 32 : c < 128 ? c : caseFold(c);
    if (c === want) {
      if (++j === m) return j;
      want = p[j]!;
    }
  }
  return j;
}

/** {@link scorePattern} result when `text` does not match. */
export const NO_MATCH = -1;
/** {@link scorePattern} result when `text` matches but scores below the requested minimum. */
export const BELOW_MIN_SCORE = BELOW;

/**
 * Score of `text` for a compiled pattern (>= 0), {@link NO_MATCH}, or — when a `minScore` is
 * given and a cheap upper bound proves it out of reach — {@link BELOW_MIN_SCORE}.
 * Allocation-free for lowercase ASCII paths.
 */
export function scorePattern(pattern: CompiledPattern, text: string, minScore = -Infinity): number {
  const atoms = pattern.atoms;
  if (atoms.length === 1) return scoreAtom(atoms[0]!, text, null, minScore);
  let total = 0;
  for (const atom of atoms) {
    const s = scoreAtom(atom, text, null, -Infinity);
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
    const s = scoreAtom(atom, text, units, -Infinity);
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

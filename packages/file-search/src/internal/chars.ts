// Character classes, boundary bonuses and case folding for the fuzzy matcher. ASCII is
// handled with arithmetic; other code units go through a small memo table.

export const CLASS_WHITE = 0;
export const CLASS_NON_WORD = 1;
export const CLASS_DELIMITER = 2;
export const CLASS_LOWER = 3;
export const CLASS_UPPER = 4;
export const CLASS_LETTER = 5;
export const CLASS_NUMBER = 6;

const BONUS_BOUNDARY_WHITE = 10;
const BONUS_BOUNDARY_DELIMITER = 9;
const BONUS_BOUNDARY = 8;
const BONUS_NON_WORD = 8;
const BONUS_CAMEL = 7;

const asciiClass = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  let k = CLASS_NON_WORD;
  if (c >= 97 && c <= 122) k = CLASS_LOWER;
  else if (c >= 65 && c <= 90) k = CLASS_UPPER;
  else if (c >= 48 && c <= 57) k = CLASS_NUMBER;
  else if (c === 32 || c === 9 || c === 10 || c === 13) k = CLASS_WHITE;
  else if (c === 47 || c === 44 || c === 58 || c === 59 || c === 124) k = CLASS_DELIMITER; // / , : ; |
  asciiClass[c] = k;
}

/** Class of one UTF-16 code unit. */
export function charClass(c: number): number {
  if (c < 128) return asciiClass[c]!;
  if (c >= 0xd800 && c <= 0xdfff) return CLASS_LETTER;
  const s = String.fromCharCode(c);
  if (/\s/.test(s)) return CLASS_WHITE;
  if (s.toLowerCase() !== s) return CLASS_UPPER;
  if (s.toUpperCase() !== s) return CLASS_LOWER;
  return /[\p{L}\p{N}]/u.test(s) ? CLASS_LETTER : CLASS_NON_WORD;
}

const bonusTable = new Int8Array(49);
for (let prev = 0; prev < 7; prev++) {
  for (let cur = 0; cur < 7; cur++) {
    let b = 0;
    if (cur >= CLASS_LOWER) {
      if (prev === CLASS_WHITE) b = BONUS_BOUNDARY_WHITE;
      else if (prev === CLASS_DELIMITER) b = BONUS_BOUNDARY_DELIMITER;
      else if (prev === CLASS_NON_WORD) b = BONUS_BOUNDARY;
      else if (prev === CLASS_LOWER && cur === CLASS_UPPER) b = BONUS_CAMEL;
      else if (prev !== CLASS_NUMBER && cur === CLASS_NUMBER) b = BONUS_CAMEL;
    } else if (cur === CLASS_WHITE) {
      b = BONUS_BOUNDARY_WHITE;
    } else {
      b = BONUS_NON_WORD;
    }
    bonusTable[prev * 7 + cur] = b;
  }
}

/** Bonus for matching a char of class `cur` that follows a char of class `prev`. */
export function bonusFor(prev: number, cur: number): number {
  return bonusTable[prev * 7 + cur]!;
}

const foldMemo = new Map<number, number>();

/**
 * Case-insensitive, accent-insensitive key of one code unit: ASCII lowercased; other letters
 * lowercased and stripped of combining marks (so `é` matches `e`, as nucleo's smart
 * normalization does).
 */
export function caseFold(c: number): number {
  if (c < 128) return c >= 65 && c <= 90 ? c | 32 : c;
  if (c >= 0xd800 && c <= 0xdfff) return c;
  let v = foldMemo.get(c);
  if (v === undefined) {
    const base = String.fromCharCode(c).toLowerCase().normalize('NFD');
    v = base.length > 0 ? base.charCodeAt(0) : c;
    foldMemo.set(c, v);
  }
  return v;
}

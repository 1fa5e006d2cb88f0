// String helpers with Rust's semantics, so matching and parsing agree with codex-rs byte for byte:
// `trim` uses Unicode White_Space (not JS's set, which adds U+FEFF and drops U+0085), and
// `lines` splits on LF and strips one trailing CR per line.

// Unicode White_Space, as used by Rust's `char::is_whitespace`.
const WS = new Set<number>([
  0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x20, 0x85, 0xa0, 0x1680, 0x2000, 0x2001, 0x2002, 0x2003, 0x2004,
  0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200a, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000,
]);

/** Rust `char::is_whitespace` for one UTF-16 code unit (all White_Space chars are in the BMP). */
export function isRustWhitespace(code: number): boolean {
  return code <= 0x20 ? WS.has(code) : code >= 0x85 && WS.has(code);
}

/** Rust `str::trim_end`. */
export function trimEnd(s: string): string {
  let end = s.length;
  while (end > 0 && isRustWhitespace(s.charCodeAt(end - 1))) end--;
  return end === s.length ? s : s.slice(0, end);
}

/** Rust `str::trim`. */
export function trim(s: string): string {
  let start = 0;
  let end = s.length;
  while (start < end && isRustWhitespace(s.charCodeAt(start))) start++;
  while (end > start && isRustWhitespace(s.charCodeAt(end - 1))) end--;
  return start === 0 && end === s.length ? s : s.slice(start, end);
}

/** Rust `str::lines`: split on `\n`, drop one `\r` before each `\n`, no final empty line. */
export function rustLines(s: string): string[] {
  if (s === '') return [];
  const parts = s.split('\n');
  if (parts[parts.length - 1] === '') parts.pop();
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i]!;
    if (p.endsWith('\r')) parts[i] = p.slice(0, -1);
  }
  return parts;
}

const PUNCT: Record<string, string> = {};
for (const c of [0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2015, 0x2212]) PUNCT[String.fromCharCode(c)] = '-';
for (const c of [0x2018, 0x2019, 0x201a, 0x201b]) PUNCT[String.fromCharCode(c)] = "'";
for (const c of [0x201c, 0x201d, 0x201e, 0x201f]) PUNCT[String.fromCharCode(c)] = '"';
for (const c of [0x00a0, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200a, 0x202f, 0x205f, 0x3000]) {
  PUNCT[String.fromCharCode(c)] = ' ';
}
const PUNCT_RE = /[\u2010-\u2015\u2212\u2018-\u201f\u00a0\u2002-\u200a\u202f\u205f\u3000]/g;

/** Codex's last-resort normalisation: trim, then typographic dashes, quotes and spaces to ASCII. */
export function normalise(s: string): string {
  return trim(s).replace(PUNCT_RE, (c) => PUNCT[c] ?? c);
}

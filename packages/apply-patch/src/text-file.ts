// Decoding a file into lines that remember their own line ending, and encoding them back, so
// CRLF files stay CRLF, mixed files keep each untouched line's ending, a BOM survives, and a
// missing final newline is visible (`eol: ''`). Binary content (NUL or invalid UTF-8) is refused.
//
// A decoded file is the text plus a line index (offsets), not an array of line objects: the
// matcher compares pattern lines against the text in place, untouched regions are copied as
// slices, and per-line strings are only made for the fuzzy passes, diffs and error messages.
import { isUtf8 } from 'node:buffer';

/** One line of a text file and the terminator that followed it in the file. */
export interface TextLine {
  text: string;
  eol: '' | '\n' | '\r\n';
}

/**
 * A decoded text file indexed by line. Lines follow Codex's split: no line for the text after a
 * final newline; a line's text excludes its `\n` or `\r\n` (a lone final `\r` stays in the text).
 */
export class TextFile {
  /** Line `i` occupies `text.slice(starts[i], starts[i + 1])`, its text ends at `ends[i]`. */
  private readonly starts: Int32Array;
  private readonly ends: Int32Array;
  private textsCache: string[] | undefined;
  private readonly crlf: number;
  readonly count: number;

  constructor(
    /** The file's text without the BOM. */
    readonly text: string,
    readonly bom: boolean,
  ) {
    // Typed arrays live outside the JS heap: the garbage collector never scans or copies them.
    let cap = (text.length >>> 5) + 16;
    let starts = new Int32Array(cap + 1);
    let ends = new Int32Array(cap);
    let n = 0;
    let crlf = 0;
    let pos = 0;
    const len = text.length;
    while (pos < len) {
      if (n === cap) {
        cap *= 2;
        const s2 = new Int32Array(cap + 1);
        s2.set(starts);
        starts = s2;
        const e2 = new Int32Array(cap);
        e2.set(ends);
        ends = e2;
      }
      starts[n] = pos;
      const nl = text.indexOf('\n', pos);
      if (nl === -1) {
        ends[n++] = len;
        pos = len;
        break;
      }
      if (nl > pos && text.charCodeAt(nl - 1) === 13) {
        ends[n++] = nl - 1;
        crlf++;
      } else ends[n++] = nl;
      pos = nl + 1;
    }
    starts[n] = pos;
    this.starts = starts;
    this.ends = ends;
    this.count = n;
    this.crlf = crlf;
  }

  /** Offset in `text` where line `i` starts (`i === count`: the end of the text). */
  start(i: number): number {
    return this.starts[i]!;
  }

  /** Whether line `i` is exactly `s` (no string is made). */
  lineIs(i: number, s: string): boolean {
    const a = this.starts[i]!;
    return this.ends[i]! - a === s.length && this.text.startsWith(s, a);
  }

  /**
   * The first line at or after `from` whose text is exactly `s`, or -1. Searches the text
   * natively (`indexOf`) and maps each hit to its line, instead of visiting line by line.
   */
  findLine(s: string, from: number): number {
    if (from >= this.count) return -1;
    let off = this.starts[from]!;
    let lo = from;
    for (;;) {
      const k = this.text.indexOf(s, off);
      if (k === -1) return -1;
      // The line containing offset k: the last start <= k (starts are sorted).
      let hi = this.count - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >>> 1;
        if (this.starts[mid]! <= k) lo = mid;
        else hi = mid - 1;
      }
      if (this.starts[lo] === k && this.ends[lo]! - k === s.length) return lo;
      if (++lo >= this.count) return -1;
      off = this.starts[lo]!;
    }
  }

  lineText(i: number): string {
    return this.textsCache !== undefined ? this.textsCache[i]! : this.text.slice(this.starts[i]!, this.ends[i]!);
  }

  eol(i: number): TextLine['eol'] {
    const gap = this.starts[i + 1]! - this.ends[i]!;
    return gap === 0 ? '' : gap === 1 ? '\n' : '\r\n';
  }

  line(i: number): TextLine {
    return { text: this.lineText(i), eol: this.eol(i) };
  }

  /** Every line's text (made once, on first use). */
  texts(): string[] {
    if (this.textsCache === undefined) {
      const out: string[] = new Array(this.count);
      for (let i = 0; i < this.count; i++) out[i] = this.text.slice(this.starts[i]!, this.ends[i]!);
      this.textsCache = out;
    }
    return this.textsCache;
  }

  /** Every line with its ending. */
  lines(): TextLine[] {
    const out: TextLine[] = new Array(this.count);
    for (let i = 0; i < this.count; i++) out[i] = this.line(i);
    return out;
  }

  /** The ending new lines get: CRLF when most lines of the file end in CRLF, else LF. */
  dominantEol(): '\n' | '\r\n' {
    const unterminated = this.count > 0 && this.eol(this.count - 1) === '' ? 1 : 0;
    return this.crlf > this.count - this.crlf - unterminated ? '\r\n' : '\n';
  }
}

/** Decodes bytes as UTF-8 text, or returns null when they look binary (a NUL or invalid UTF-8). */
export function decodeText(bytes: Buffer): TextFile | null {
  if (bytes.includes(0) || !isUtf8(bytes)) return null;
  let s = bytes.toString('utf8');
  const bom = s.charCodeAt(0) === 0xfeff;
  if (bom) s = s.slice(1);
  return new TextFile(s, bom);
}

/** Splits text into lines with their endings (`a\r\nb` → a/CRLF, b/none). */
export function splitLines(s: string): TextLine[] {
  return new TextFile(s, false).lines();
}

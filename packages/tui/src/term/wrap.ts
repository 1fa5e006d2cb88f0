// Width-aware wrapping of styled lines. ASCII takes a fast path; other text uses
// string-width (graphemes, emoji, East Asian width), which is loaded after the first
// frame because compiling its Unicode tables costs more than the whole first frame.
import type { Line, Span } from './style.js';

let stringWidth: ((s: string) => number) | undefined;
let loading: Promise<void> | undefined;

/** Start loading string-width (idempotent); widths are approximate until it is in. */
export function preloadWidth(): Promise<void> {
  loading ??= import('string-width').then(
    (m) => {
      stringWidth = m.default;
    },
    () => undefined,
  );
  return loading;
}

/** Width by code point ranges: zero-width marks 0, wide East Asian and emoji 2. */
function approxWidth(s: string): number {
  let w = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if ((c >= 0x300 && c <= 0x36f) || (c >= 0x200b && c <= 0x200f) || c === 0xfe0f || c < 0x20) continue;
    const wide =
      (c >= 0x1100 && c <= 0x115f) || (c >= 0x2e80 && c <= 0xa4cf) || (c >= 0xac00 && c <= 0xd7a3) || (c >= 0xf900 && c <= 0xfaff) ||
      (c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff00 && c <= 0xff60) || (c >= 0xffe0 && c <= 0xffe6) || (c >= 0x1f300 && c <= 0x1faff) ||
      (c >= 0x20000 && c <= 0x3fffd);
    w += wide ? 2 : 1;
  }
  return w;
}

const ASCII = /^[\x20-\x7e]*$/;

/** Display width of a string. */
export const widthOf = (s: string): number => (ASCII.test(s) ? s.length : stringWidth ? stringWidth(s) : approxWidth(s));

/** Display width of a line. */
export const lineWidth = (line: Line): number => line.reduce((n, s) => n + widthOf(s.t), 0);

/**
 * Wrap `line` to `width` columns. Breaks at spaces when it can, mid-word when a word is
 * longer than a row. Continuation rows start with `indent` (spans, e.g. two spaces).
 */
export function wrapLine(line: Line, width: number, indent: Line = []): Line[] {
  const w = Math.max(1, width);
  if (lineWidth(line) <= w) return [line];
  const indentW = lineWidth(indent);
  const rows: Line[] = [];
  let row: Span[] = [];
  let rowW = 0;
  // Tokenise into words and spaces, keeping styles.
  const tokens: Span[] = [];
  for (const span of line) {
    for (const part of span.t.split(/( +)/)) if (part !== '') tokens.push(span.s ? { t: part, s: span.s } : { t: part });
  }
  const push = (): void => {
    trimEnd(row);
    rows.push(row);
    row = [...indent];
    rowW = indentW;
  };
  for (const tok of tokens) {
    const tw = widthOf(tok.t);
    if (rowW + tw <= w) {
      row.push(tok);
      rowW += tw;
      continue;
    }
    if (tok.t.trim() === '') {
      // Spaces at a break point are dropped.
      if (rowW > indentW) push();
      continue;
    }
    if (tw <= w - indentW && rowW > indentW) {
      push();
      row.push(tok);
      rowW += tw;
      continue;
    }
    // Hard-break a long word by characters.
    let chunk = '';
    for (const ch of tok.t) {
      const cw = widthOf(ch);
      if (rowW + widthOf(chunk) + cw > w) {
        if (chunk) row.push(tok.s ? { t: chunk, s: tok.s } : { t: chunk });
        chunk = '';
        push();
        if (indentW + cw > w) {
          // Nothing fits after the indent: drop the indent for this row.
          row = [];
          rowW = 0;
        }
      }
      chunk += ch;
    }
    if (chunk) {
      row.push(tok.s ? { t: chunk, s: tok.s } : { t: chunk });
      rowW += widthOf(chunk);
    }
  }
  if (row.length > 0 && (rowW > indentW || rows.length === 0)) rows.push(trimEnd(row));
  return rows;
}

/** Drop trailing blanks of a wrapped row (the space at a break point). */
function trimEnd(row: Span[]): Span[] {
  while (row.length > 0) {
    const last = row[row.length - 1]!;
    const t = last.t.replace(/ +$/, '');
    if (t === last.t) break;
    if (t === '') row.pop();
    else {
      row[row.length - 1] = last.s ? { t, s: last.s } : { t };
      break;
    }
  }
  return row;
}

/** Wrap many lines. */
export function wrapLines(lines: Line[], width: number, indent: Line = []): Line[] {
  return lines.flatMap((l) => wrapLine(l, width, indent));
}

/** Cut a plain string to at most `width` columns, with an ellipsis when cut. */
export function truncate(s: string, width: number): string {
  if (widthOf(s) <= width) return s;
  let out = '';
  for (const ch of s) {
    if (widthOf(out + ch) > width - 1) break;
    out += ch;
  }
  return `${out}…`;
}

/** Cut a styled line to at most `width` columns, with an ellipsis (in the cut span's style). */
export function truncateLine(line: Line, width: number): Line {
  if (lineWidth(line) <= width) return line;
  const out: Line = [];
  let used = 0;
  for (const span of line) {
    const w = widthOf(span.t);
    if (used + w <= width - 1) {
      out.push(span);
      used += w;
      continue;
    }
    const cut = truncate(span.t, width - used);
    out.push(span.s ? { t: cut.endsWith('…') ? cut : `${cut}…`, s: span.s } : { t: cut.endsWith('…') ? cut : `${cut}…` });
    break;
  }
  return out;
}

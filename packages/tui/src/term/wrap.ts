// Width-aware wrapping of styled lines (string-width for wide and zero-width characters).
import stringWidth from 'string-width';
import type { Line, Span } from './style.js';

/** Display width of a string. */
export const widthOf = (s: string): number => stringWidth(s);

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
  if (row.length > 0 && (rowW > indentW || rows.length === 0)) rows.push(row);
  return rows;
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

// Styled text for the renderer: a line is a list of spans, each with an optional style.
// Styles become SGR sequences only when colour is on (NO_COLOR turns colour off, but
// bold/dim/reverse stay: they carry meaning, not colour).

/** A span style. */
export interface Style {
  fg?: 'red' | 'green' | 'yellow' | 'blue' | 'magenta' | 'cyan' | 'gray';
  bold?: boolean;
  dim?: boolean;
  italic?: boolean;
  underline?: boolean;
  reverse?: boolean;
  /** An OSC 8 hyperlink target. */
  link?: string;
  /** A tinted background (diff additions/deletions, search matches); colour only. */
  bg?: BgName;
}

/** Semantic backgrounds; their colours come from the theme (light or dark). */
export type BgName = 'add' | 'del' | 'match';

/** A run of text with one style. */
export interface Span {
  t: string;
  s?: Style;
}

/** One logical line. */
export type Line = Span[];

import { palette } from './theme.js';

/** Shorthand for a span. */
export const sp = (t: string, s?: Style): Span => (s ? { t, s } : { t });

/** The plain text of a line. */
export const plain = (line: Line): string => line.map((x) => x.t).join('');

/** Serialise a line to terminal bytes. */
export function toAnsi(line: Line, color: boolean): string {
  let out = '';
  for (const span of line) {
    const s = span.s;
    if (!s) {
      out += span.t;
      continue;
    }
    const codes: Array<number | string> = [];
    if (s.bold) codes.push(1);
    if (s.dim) codes.push(2);
    if (s.italic) codes.push(3);
    if (s.underline) codes.push(4);
    if (s.reverse) codes.push(7);
    const pal = color ? palette() : undefined;
    if (pal && s.fg) codes.push(pal.fg[s.fg]);
    if (pal && s.bg) codes.push(pal.bg[s.bg]);
    const open = codes.length ? `\x1b[${codes.join(';')}m` : '';
    const close = codes.length ? '\x1b[0m' : '';
    const text = s.link && color ? `\x1b]8;;${s.link}\x1b\\${span.t}\x1b]8;;\x1b\\` : span.t;
    out += open + text + close;
  }
  return out;
}

/** Remove control characters a model or command could use to drive the terminal. */
export function sanitize(text: string): string {
  // Keep \n and \t; drop ESC, other C0 controls, DEL and C1 controls.
  return text.replace(/\r\n/g, '\n').replace(/[\x00-\x08\x0b-\x1f\x7f-\x9f]/g, '');
}

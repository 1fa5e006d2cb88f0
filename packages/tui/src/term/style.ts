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

import { hasTerminalControls, safeLinkTarget, termOutput, termReveal, termRevealLine, termSafe } from '@codex-ts/protocol/term-text';
import { palette } from './theme.js';

/** Shorthand for a span. */
export const sp = (t: string, s?: Style): Span => (s ? { t, s } : { t });

/** The plain text of a line. */
export const plain = (line: Line): string => line.map((x) => x.t).join('');

/**
 * The last line of defence: a span that still holds a control character (text that skipped
 * `sanitize` on its way in) is drawn with the control visible, never written raw. Tabs
 * become one space (the width maths counted them as one column).
 */
function spanText(t: string): string {
  return hasTerminalControls(t) || t.includes('\t') ? termRevealLine(t.replace(/\t/g, ' ')) : t;
}

/** Serialise a line to terminal bytes. */
export function toAnsi(line: Line, color: boolean): string {
  let out = '';
  for (const span of line) {
    const s = span.s;
    if (!s) {
      out += spanText(span.t);
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
    const target = s.link && color ? safeLinkTarget(s.link) : undefined;
    const text = target ? `\x1b]8;;${target}\x1b\\${spanText(span.t)}\x1b]8;;\x1b\\` : spanText(span.t);
    out += open + text + close;
  }
  return out;
}

/**
 * Text from the model, a tool, a command or a file, before it is styled: escape sequences
 * removed, other controls and bidi overrides drawn visibly; `\n` and `\t` kept (see
 * @codex-ts/protocol term-text).
 */
export const sanitize = termSafe;

/** Command output: as `sanitize`, and `\r` overwrites the line as on a terminal. */
export const sanitizeOutput = termOutput;

/** What the user judges (commands, paths for approval): every control, bidi and zero-width character visible. */
export const reveal = termReveal;

/** `reveal` for a one-line field (a path, a cwd): newlines and tabs visible too. */
export const revealLine = termRevealLine;

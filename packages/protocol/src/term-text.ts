// Terminal-safe text: every string a model, tool, command, MCP server or file controls passes
// through here before a front end writes it to a terminal. Escape sequences (CSI, OSC, DCS,
// SOS, PM, APC, two-byte ESC, their 8-bit C1 forms) never reach the terminal intact: they are
// removed (`termSafe`, `termOutput`) or shown literally with ESC as `␛` (`termReveal`); any other
// C0/C1 control is drawn as a visible symbol. Our own styling is added after this, never before.

/** What to do with the text. */
export interface TermTextOptions {
  /** `strip` removes whole escape sequences; `show` draws every control visibly (approvals). */
  sequences?: 'strip' | 'show';
  /** Lone `\r`: `show` draws `␍`; `overwrite` renders what a terminal shows (progress bars). */
  cr?: 'show' | 'overwrite';
  /** Keep `\n` and `\t` (default) or draw them as `␤` and `␉` (one-line fields). */
  newlines?: boolean;
  /** Expand `\t` to spaces up to the next multiple of this many columns (default: keep tabs). */
  tabWidth?: number;
  /** `overrides` (default) shows bidi embeddings/overrides/isolates; `all` also zero-width and other invisible characters. */
  invisibles?: 'overrides' | 'all';
  /** Runs of more blanks (spaces, no-break and other wide spaces) than this become a visible `␠×N` (padding that hides the end of a command). */
  maxSpaceRun?: number;
}

/* eslint-disable no-control-regex */
const ANY_CONTROL = /[\x00-\x08\x0a-\x1f\x7f-\x9f]/;
/** Controls except the layout ones a caller keeps (`\t`, `\n`). */
const CONTROLS_BUT_LAYOUT = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/g;
/** Every control, `\t` and `\n` included (one-line fields). */
const ALL_CONTROLS = /[\x00-\x1f\x7f-\x9f]/g;
const ESC = '\x1b';
/** Bidi embeddings, overrides and isolates: reorder text in bidi-aware terminals ("trojan source"). */
const BIDI_OVERRIDES = /[\u202a-\u202e\u2066-\u2069]/gu;
/** Invisible or zero-width characters (bidi marks, joiners, fillers, tags, line separators). */
const INVISIBLES =
  /[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\u3164\ufeff\uffa0\ufff9-\ufffb\u{e0000}-\u{e007f}]/gu;

/** Runs of blanks: space, no-break space and the other Unicode spaces a command can be padded with. */
const BLANK_RUN = /[ \u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]{2,}/gu;

/** `<U+202E>`: how an invisible code point is drawn. */
export function codePointLabel(ch: string): string {
  return `<U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}>`;
}

/** The visible symbol for one control character (C0 → Control Pictures, DEL → ␡, C1 → `<U+0085>`). */
export function controlPicture(ch: string): string {
  const c = ch.charCodeAt(0);
  if (c < 0x20) return String.fromCharCode(0x2400 + c);
  if (c === 0x7f) return '\u2421';
  return codePointLabel(ch);
}

/** Whether `text` holds anything this module would change (fast path for hot render loops). */
export function hasTerminalControls(text: string): boolean {
  return ANY_CONTROL.test(text) || /[\u202a-\u202e\u2066-\u2069]/u.test(text);
}

/** Index just past the escape sequence that starts at `i` (ESC or an 8-bit introducer). */
function sequenceEnd(s: string, i: number): number {
  let j = i;
  let kind: string;
  if (s[j] === ESC) {
    j++;
    if (j >= s.length) return j;
    kind = s[j]!;
    const k = kind.charCodeAt(0);
    if (k < 0x20 || k > 0x7e) return j; // lone ESC before a control or non-ASCII: drop the ESC only
    if (!'[]PX^_'.includes(kind)) {
      // nF (intermediates then final), Fp, Fe, Fs: ESC ( B, ESC 7, ESC c, ESC =, ...
      while (j < s.length && s.charCodeAt(j) >= 0x20 && s.charCodeAt(j) <= 0x2f) j++;
      return j < s.length && s.charCodeAt(j) >= 0x30 && s.charCodeAt(j) <= 0x7e ? j + 1 : j;
    }
    j++;
  } else {
    kind = { 0x9b: '[', 0x9d: ']', 0x90: 'P', 0x98: 'X', 0x9e: '^', 0x9f: '_' }[s.charCodeAt(j)] ?? '';
    j++;
  }
  if (kind === '[') {
    while (j < s.length && s.charCodeAt(j) >= 0x30 && s.charCodeAt(j) <= 0x3f) j++;
    while (j < s.length && s.charCodeAt(j) >= 0x20 && s.charCodeAt(j) <= 0x2f) j++;
    return j < s.length && s.charCodeAt(j) >= 0x40 && s.charCodeAt(j) <= 0x7e ? j + 1 : j;
  }
  // A control string (OSC, DCS, SOS, PM, APC): up to BEL, ST (ESC \ or 0x9c). An unterminated
  // one ends at the line's end so the rest of the text stays visible.
  for (; j < s.length; j++) {
    const c = s.charCodeAt(j);
    if (c === 0x07 || c === 0x9c) return j + 1;
    if (c === 0x1b) return s[j + 1] === '\\' ? j + 2 : j;
    if (c === 0x0a) return j;
  }
  return j;
}

const INTRODUCERS = new Set([0x1b, 0x9b, 0x9d, 0x90, 0x98, 0x9e, 0x9f]);

/** Render `\r` the way a terminal would: each `\r` returns to the line start and overwrites. */
function overwrite(line: string): string {
  if (!line.includes('\r')) return line;
  const cells: string[] = [];
  for (const part of line.split('\r')) {
    const chars = [...part];
    for (let i = 0; i < chars.length; i++) cells[i] = chars[i]!;
  }
  return cells.join('');
}

function expandTabs(line: string, width: number): string {
  if (!line.includes('\t')) return line;
  let col = 0;
  let out = '';
  for (const ch of line) {
    if (ch === '\t') {
      const n = width - (col % width);
      out += ' '.repeat(n);
      col += n;
    } else {
      out += ch;
      col++;
    }
  }
  return out;
}

/** Make `text` safe to print on a terminal (see {@link TermTextOptions}; defaults: strip sequences, show `\r`). */
export function termText(text: string, opts: TermTextOptions = {}): string {
  const show = opts.sequences === 'show';
  let s = text.includes('\r\n') ? text.replace(/\r\n/g, '\n') : text;
  if (opts.cr === 'overwrite' && s.includes('\r')) s = s.split('\n').map(overwrite).join('\n');
  if (opts.tabWidth !== undefined && s.includes('\t')) s = s.split('\n').map((l) => expandTabs(l, opts.tabWidth!)).join('\n');
  const controls = opts.newlines === false ? ALL_CONTROLS : CONTROLS_BUT_LAYOUT;
  controls.lastIndex = 0;
  if (controls.test(s)) {
    // Copy the text between controls in slices; only the controls themselves are looked at.
    let out = '';
    let last = 0;
    controls.lastIndex = 0;
    for (let m = controls.exec(s); m !== null; m = controls.exec(s)) {
      const i = m.index;
      const c = s.charCodeAt(i);
      out += s.slice(last, i);
      let next = i + 1;
      if (c === 0x0a) out += '\u2424';
      else if (!show && INTRODUCERS.has(c)) next = Math.max(i + 1, sequenceEnd(s, i));
      else out += controlPicture(s[i]!);
      last = next;
      controls.lastIndex = next;
    }
    s = out + s.slice(last);
  }
  s = s.replace(opts.invisibles === 'all' ? INVISIBLES : BIDI_OVERRIDES, codePointLabel);
  if (opts.maxSpaceRun !== undefined) {
    const max = opts.maxSpaceRun;
    s = s.replace(BLANK_RUN, (run) => (run.length > max ? ` ␠×${run.length} ` : run));
  }
  return s;
}

/** Model prose, reasoning, messages, titles: sequences removed, leftovers and bidi overrides visible. */
export const termSafe = (text: string): string => termText(text);

/** Command and tool output: as {@link termSafe}, and `\r` overwrites as on a terminal. */
export const termOutput = (text: string): string => termText(text, { cr: 'overwrite' });

/**
 * What the user must judge (commands and paths in approvals, file names): every control,
 * bidi and zero-width character is drawn visibly and long space padding is counted.
 */
export const termReveal = (text: string): string =>
  termText(text, { sequences: 'show', invisibles: 'all', maxSpaceRun: 16 });

/** {@link termReveal} for one-line fields (paths, a cwd): newlines and tabs drawn as `␤` and `␉`. */
export const termRevealLine = (text: string): string =>
  termText(text, { sequences: 'show', invisibles: 'all', maxSpaceRun: 16, newlines: false });

/** One line (a title, a list row): as {@link termSafe} with newlines and tabs flattened to spaces. */
export const termLine = (text: string): string => termText(text).replace(/[\n\t]/g, ' ');

/**
 * A JSON line that stays valid JSON but carries no raw terminal controls: DEL and C1 characters
 * (JSON.stringify leaves them raw) become `\u00XX` escapes, as does any raw control in a line
 * that was not valid JSON to begin with.
 */
export function jsonTermSafe(line: string): string {
  return line.replace(/[\x00-\x1f\x7f-\x9f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * An OSC 8 hyperlink target that cannot end the sequence early: only http(s), file and mailto
 * URLs, with anything outside printable ASCII percent-encoded. Undefined means "no link".
 */
export function safeLinkTarget(url: string): string | undefined {
  if (!/^(https?:\/\/|file:\/\/|mailto:)/i.test(url)) return undefined;
  let out = '';
  for (const ch of url) {
    const c = ch.codePointAt(0)!;
    if (c > 0x20 && c < 0x7f) out += ch;
    else if (c >= 0xd800 && c <= 0xdfff) return undefined;
    else out += encodeURIComponent(ch);
  }
  return out.length > 2048 ? undefined : out;
}

// The composer: a multi-line text buffer with a cursor, the usual editing keys and
// history on Up/Down at the first/last line. Enter submits; Shift+Enter, Alt+Enter and
// Ctrl+J insert a newline. Large pastes fold into a placeholder and pasted image paths
// attach the image (attachments.ts); placeholders are deleted as one unit.
import type { Key } from '../term/keys.js';
import { sanitize, sp, type Line } from '../term/style.js';
import { widthOf } from '../term/wrap.js';
import { Attachments, imageInfo, LARGE_PASTE_CHAR_THRESHOLD, normalizePastedPath } from './attachments.js';
import { HistoryCursor } from './history.js';

/** What a key did. `text` has pastes expanded; `images` are the attached image paths. */
export type ComposerResult = { kind: 'submit'; text: string; images: string[] } | { kind: 'handled' } | { kind: 'ignored' };

export const PLACEHOLDER = 'Ask Codex to do anything';

export class Composer {
  text = '';
  /** Cursor as an index into `text` (UTF-16 units, always on a code point boundary). */
  cursor = 0;
  private history: HistoryCursor;
  readonly attachments = new Attachments();
  /** Relative image paths resolve against this directory. */
  cwd = process.cwd();

  constructor(history: string[]) {
    this.history = new HistoryCursor(history);
  }

  /** Replace the history (loaded after the first frame). */
  setHistory(entries: string[]): void {
    this.history = new HistoryCursor(entries);
  }

  /** The history, oldest first (Ctrl+R). */
  get historyEntries(): readonly string[] {
    return this.history.all;
  }

  get isEmpty(): boolean {
    return this.text === '';
  }

  set(text: string): void {
    this.text = text;
    this.cursor = text.length;
    this.attachments.prune(text);
  }

  clear(): void {
    this.set('');
    this.attachments.clear();
    this.history.reset();
  }

  /**
   * A paste (bracketed, or a burst of typed characters): folded when large, attached when it
   * is the path of an image file, inserted as text otherwise.
   */
  paste(raw: string): void {
    const text = raw.replace(/\r\n?/g, '\n');
    const chars = [...text].length;
    if (chars > LARGE_PASTE_CHAR_THRESHOLD) {
      this.insertRaw(this.attachments.foldPaste(text));
      return;
    }
    if (chars > 1 && this.attachImagePath(text)) return;
    this.insert(text);
  }

  /** Attach the image at `pathText` (a pasted or typed path); false when it is not one. */
  attachImagePath(pathText: string): boolean {
    const path = normalizePastedPath(pathText, this.cwd);
    const info = path ? imageInfo(path) : undefined;
    if (!path || !info) return false;
    this.insertRaw(`${this.attachments.attachImage(path, info, this.text)} `);
    return true;
  }

  private insertRaw(s: string): void {
    this.text = this.text.slice(0, this.cursor) + s + this.text.slice(this.cursor);
    this.cursor += s.length;
  }

  insert(s: string): void {
    const clean = sanitize(s.replace(/\r\n?/g, '\n'));
    this.text = this.text.slice(0, this.cursor) + clean + this.text.slice(this.cursor);
    this.cursor += clean.length;
  }

  handle(key: Key): ComposerResult {
    const k = key.name;
    if (k === 'text' && !key.ctrl) {
      // Several characters in one read are a paste the terminal did not bracket (a dropped file).
      const t = key.text ?? '';
      if (t.length > 1) this.paste(t);
      else this.insert(t);
    } else if (k === 'paste') {
      this.paste(key.text ?? '');
    } else if (k === 'enter' && (key.shift || key.meta || key.ctrl)) {
      this.insert('\n');
    } else if (k === 'j' && key.ctrl) {
      this.insert('\n');
    } else if (k === 'enter') {
      if (this.text.trim() === '') return { kind: 'handled' };
      const sent = this.attachments.expand(this.text);
      const text = sent.text.trim();
      this.history.push(sent.text);
      this.clear();
      return { kind: 'submit', text, images: sent.images };
    } else if (k === 'backspace') {
      const ph = this.placeholderBefore();
      if (ph) this.deleteRange(this.cursor - ph.length, this.cursor);
      else if (key.meta || key.ctrl) this.deleteWordBack();
      else if (this.cursor > 0) this.deleteRange(this.prevBoundary(this.cursor), this.cursor);
    } else if (k === 'delete' || (k === 'd' && key.ctrl && this.text !== '')) {
      const ph = this.attachments.placeholders().find((p) => this.text.startsWith(p, this.cursor));
      if (ph) this.deleteRange(this.cursor, this.cursor + ph.length);
      else if (this.cursor < this.text.length) this.deleteRange(this.cursor, this.nextBoundary(this.cursor));
    } else if (k === 'left' || (k === 'b' && key.ctrl)) {
      this.cursor = key.meta || key.ctrl ? this.wordLeft() : this.prevBoundary(this.cursor);
    } else if (k === 'right' || (k === 'f' && key.ctrl)) {
      this.cursor = key.meta || key.ctrl ? this.wordRight() : this.nextBoundary(this.cursor);
    } else if (k === 'home' || (k === 'a' && key.ctrl)) {
      this.cursor = this.lineStart(this.cursor);
    } else if (k === 'end' || (k === 'e' && key.ctrl)) {
      this.cursor = this.lineEnd(this.cursor);
    } else if (k === 'u' && key.ctrl) {
      this.deleteRange(this.lineStart(this.cursor), this.cursor);
    } else if (k === 'k' && key.ctrl) {
      this.deleteRange(this.cursor, this.lineEnd(this.cursor));
    } else if (k === 'w' && key.ctrl) {
      this.deleteWordBack();
    } else if (k === 'up' || (k === 'p' && key.ctrl)) {
      if (this.lineStart(this.cursor) > 0) this.moveVertical(-1);
      else {
        const prev = this.history.prev(this.text);
        if (prev === undefined) return { kind: 'handled' };
        this.set(prev);
      }
    } else if (k === 'down' || (k === 'n' && key.ctrl)) {
      if (this.lineEnd(this.cursor) < this.text.length) this.moveVertical(1);
      else {
        const next = this.history.next();
        if (next === undefined) return { kind: 'handled' };
        this.set(next);
      }
    } else {
      return { kind: 'ignored' };
    }
    return { kind: 'handled' };
  }

  /** Rows to draw at `width` columns and the cursor's row and column among them. */
  render(width: number, color: boolean): { lines: Line[]; cursor: { row: number; col: number } } {
    const inner = Math.max(4, width - 2);
    const lines: Line[] = [];
    let cursor = { row: 0, col: 2 };
    if (this.text === '') {
      return { lines: [[sp('› ', { bold: true }), sp(PLACEHOLDER, { dim: true })]], cursor };
    }
    let offset = 0;
    for (const logical of this.text.split('\n')) {
      // Hard-wrap by characters so the cursor maps to exactly one row and column.
      const rows: Array<{ start: number; end: number; text: string }> = [];
      let row = { start: offset, end: offset, text: '' };
      let rowW = 0;
      for (const ch of logical) {
        const cw = widthOf(ch);
        if (rowW + cw > inner && row.text !== '') {
          rows.push(row);
          row = { start: row.end, end: row.end, text: '' };
          rowW = 0;
        }
        row.text += ch;
        row.end += ch.length;
        rowW += cw;
      }
      rows.push(row);
      rows.forEach((r, i) => {
        const last = i === rows.length - 1;
        if (this.cursor >= r.start && (this.cursor < r.end || (last && this.cursor === r.end))) {
          cursor = { row: lines.length, col: 2 + widthOf(this.text.slice(r.start, this.cursor)) };
        }
        lines.push([sp(lines.length === 0 ? '› ' : '  ', { bold: true }), ...this.styled(r.text)]);
      });
      offset += logical.length + 1;
    }
    void color;
    return { lines, cursor };
  }

  /** A row's text with paste and image placeholders in cyan. */
  private styled(text: string): Line {
    const marks = this.attachments.placeholders();
    if (marks.length === 0) return [sp(text)];
    const out: Line = [];
    let rest = text;
    while (rest !== '') {
      let at = -1;
      let mark = '';
      for (const m of marks) {
        const i = rest.indexOf(m);
        if (i >= 0 && (at < 0 || i < at || (i === at && m.length > mark.length))) {
          at = i;
          mark = m;
        }
      }
      if (at < 0) {
        out.push(sp(rest));
        break;
      }
      if (at > 0) out.push(sp(rest.slice(0, at)));
      out.push(sp(mark, { fg: 'cyan' }));
      rest = rest.slice(at + mark.length);
    }
    return out;
  }

  private deleteRange(a: number, b: number): void {
    this.text = this.text.slice(0, a) + this.text.slice(b);
    this.cursor = a;
    if (this.attachments.pastes.length || this.attachments.images.length) this.attachments.prune(this.text);
  }

  /** The placeholder that ends at the cursor, if any. */
  private placeholderBefore(): string | undefined {
    const before = this.text.slice(0, this.cursor);
    return this.attachments.placeholders().find((p) => before.endsWith(p));
  }

  private deleteWordBack(): void {
    this.deleteRange(this.wordLeft(), this.cursor);
  }

  private prevBoundary(i: number): number {
    if (i <= 0) return 0;
    const c = this.text.charCodeAt(i - 1);
    return c >= 0xdc00 && c <= 0xdfff && i >= 2 ? i - 2 : i - 1;
  }

  private nextBoundary(i: number): number {
    if (i >= this.text.length) return this.text.length;
    const c = this.text.charCodeAt(i);
    return c >= 0xd800 && c <= 0xdbff ? i + 2 : i + 1;
  }

  private wordLeft(): number {
    let i = this.cursor;
    while (i > 0 && /\s/.test(this.text[i - 1]!)) i--;
    while (i > 0 && !/\s/.test(this.text[i - 1]!)) i--;
    return i;
  }

  private wordRight(): number {
    let i = this.cursor;
    while (i < this.text.length && /\s/.test(this.text[i]!)) i++;
    while (i < this.text.length && !/\s/.test(this.text[i]!)) i++;
    return i;
  }

  private lineStart(i: number): number {
    return this.text.lastIndexOf('\n', i - 1) + 1;
  }

  private lineEnd(i: number): number {
    const j = this.text.indexOf('\n', i);
    return j < 0 ? this.text.length : j;
  }

  private moveVertical(dir: -1 | 1): void {
    const start = this.lineStart(this.cursor);
    const col = this.cursor - start;
    if (dir < 0) {
      const prevStart = this.lineStart(start - 1);
      this.cursor = Math.min(prevStart + col, start - 1);
    } else {
      const end = this.lineEnd(this.cursor);
      const nextEnd = this.lineEnd(end + 1);
      this.cursor = Math.min(end + 1 + col, nextEnd);
    }
  }
}

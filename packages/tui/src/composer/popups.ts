// The popups tied to the composer: `/` at the start opens the slash-command popup, a word
// starting with `@` opens the file popup. The popup gets ↑/↓ (Ctrl+P/N), Tab, Enter and Esc
// before the composer; every other key edits the text and the popup follows it.
import type { Key } from '../term/keys.js';
import { sp, type Line } from '../term/style.js';
import { filterCommands, type CommandMatch } from '../slash/commands.js';
import type { Composer } from './composer.js';
import { dropFileSearchCache, FilePopup } from './file-popup.js';
import { renderPopup, Selection } from './popup-view.js';

/** What the popup did with a key. */
export type PopupResult = { kind: 'none' } | { kind: 'handled' } | { kind: 'command'; name: string };

/** The `@word` around the cursor: its start (at `@`), end and the text after `@`. */
export function atToken(text: string, cursor: number): { start: number; end: number; query: string } | undefined {
  let start = cursor;
  while (start > 0 && !/\s/.test(text[start - 1]!)) start--;
  let end = cursor;
  while (end < text.length && !/\s/.test(text[end]!)) end++;
  if (text[start] !== '@') return undefined;
  return { start, end, query: text.slice(start + 1, end) };
}

/** `/word` when the whole composer is one slash token still being typed. */
export function slashToken(text: string, cursor: number): string | undefined {
  const m = /^\/(\S*)$/.exec(text);
  if (!m || cursor === 0) return undefined;
  return m[1];
}

/** A path as it goes into the message (quoted when it has spaces). */
export const pathForMessage = (p: string): string => (/\s/.test(p) ? `"${p}"` : p);

export class ComposerPopups {
  private slash: { query: string; items: CommandMatch[]; sel: Selection } | undefined;
  private file: FilePopup | undefined;
  /** The token Esc dismissed; the popup stays closed until the text changes it. */
  private dismissed: string | undefined;

  constructor(
    private readonly composer: Composer,
    /** Where files are searched. */
    private readonly cwd: () => string,
    private readonly redraw: () => void,
  ) {}

  get isOpen(): boolean {
    return this.slash !== undefined || this.file !== undefined;
  }

  get fileQuery(): string | undefined {
    return this.file?.query;
  }

  /** The file popup is still walking or ranking for its current query. */
  get fileSearching(): boolean {
    return this.file?.searching ?? false;
  }

  /** Follow the composer's text after an edit. */
  sync(): void {
    const { text, cursor } = this.composer;
    const slashQ = slashToken(text, cursor);
    if (slashQ !== undefined && this.dismissed !== text) {
      this.closeFile();
      const items = filterCommands(slashQ);
      if (!this.slash || this.slash.query !== slashQ) this.slash = { query: slashQ, items, sel: this.slash?.sel ?? new Selection() };
      this.slash.items = items;
      this.slash.sel.clamp(items.length);
      return;
    }
    this.slash = undefined;
    const at = atToken(text, cursor);
    if (at && this.dismissed !== `@${at.start}:${at.query}`) {
      this.dismissed = undefined;
      if (!this.file) this.file = new FilePopup(this.cwd(), this.redraw);
      this.file.setQuery(at.query);
      return;
    }
    if (!at && slashQ === undefined) this.dismissed = undefined;
    this.closeFile();
  }

  /** Offer a key to the open popup. */
  handle(key: Key): PopupResult {
    if (!this.isOpen) return { kind: 'none' };
    const k = key.name;
    const up = k === 'up' || (k === 'p' && key.ctrl) || k === 'backtab';
    const down = k === 'down' || (k === 'n' && key.ctrl);
    if (up || down) {
      if (this.slash) this.slash.sel.move(up ? -1 : 1, this.slash.items.length);
      else this.file?.move(up ? -1 : 1);
      return { kind: 'handled' };
    }
    if (k === 'escape') {
      const { text, cursor } = this.composer;
      const at = atToken(text, cursor);
      this.dismissed = this.slash ? text : at ? `@${at.start}:${at.query}` : undefined;
      this.slash = undefined;
      this.closeFile();
      return { kind: 'handled' };
    }
    if ((k === 'tab' || k === 'enter') && !key.shift && !key.meta && !key.ctrl) {
      if (this.slash) {
        const chosen = this.slash.items[this.slash.sel.index]?.command;
        if (!chosen) return { kind: 'none' };
        if (k === 'tab') {
          this.composer.set(`/${chosen.name} `);
          this.slash = undefined;
          return { kind: 'handled' };
        }
        this.slash = undefined;
        this.composer.clear();
        return { kind: 'command', name: chosen.name };
      }
      const path = this.file?.selected();
      if (path === undefined) return k === 'tab' ? { kind: 'handled' } : { kind: 'none' };
      this.insertPath(path);
      return { kind: 'handled' };
    }
    return { kind: 'none' };
  }

  /** Replace the `@token` at the cursor with `path` and a space. */
  private insertPath(path: string): void {
    const { text, cursor } = this.composer;
    const at = atToken(text, cursor);
    if (!at) return;
    const insert = `${pathForMessage(path)} `;
    const rest = text.slice(at.end).replace(/^ /, '');
    this.composer.text = text.slice(0, at.start) + insert + rest;
    this.composer.cursor = at.start + insert.length;
    this.closeFile();
  }

  private closeFile(): void {
    this.file?.close();
    this.file = undefined;
  }

  /** Close everything and stop the shared walk (the app is closing). */
  close(): void {
    this.slash = undefined;
    this.closeFile();
    dropFileSearchCache();
  }

  render(width: number): Line[] {
    if (this.slash) {
      const items = this.slash.items.map((m) => ({ label: `/${m.command.name}`, indices: m.indices.map((i) => i + 1), description: m.command.description }));
      return renderPopup(items, this.slash.sel, width, 'no matching commands');
    }
    if (this.file) {
      const rows = this.file.render(width);
      let hint = this.file.matches.length > 0 ? '  tab/enter insert · esc close · ↑/↓ select' : '  esc close';
      if (this.file.capped) hint += ` · searched the first ${this.file.fileCount.toLocaleString('en-US')} files`;
      return [...rows, [sp(hint, { dim: true })]];
    }
    return [];
  }
}

// The transcript pager (Ctrl+T): the whole chat, scrolled-off cells included, re-rendered
// at the current width, drawn over the whole terminal in both render modes. Keys as
// Codex's pager (↑/↓ j/k, PgUp/PgDn, space, Ctrl+B/F/U/D, Home/End, q or Ctrl+T to close)
// plus `/` search with n/N, `v` to select cells, `y` to copy, and Codex's backtrack keys
// (Esc/← an older user message, → a newer one, Enter edits the highlighted one). The mouse
// (mouse.ts): the wheel scrolls, a drag selects rows and copies them on release.
import type { Overlay, OverlayResult } from '../app/overlay.js';
import type { Cell } from '../cells/cell.js';
import type { Key, MouseEvent } from '../term/keys.js';
import { RowSelection } from './mouse.js';
import { plain, sp, type Line, type Span } from '../term/style.js';
import { truncate, truncateLine } from '../term/wrap.js';
import { markMatches } from './search.js';
import type { Transcript } from './transcript.js';

export interface PagerOptions {
  transcript: Transcript;
  /** Cells still changing (shown after the transcript). */
  live?: () => Cell[];
  /** Copies text; resolves with the notice to show ("Copied … via OSC 52"). */
  copy?: (text: string, what: string) => Promise<string>;
  /** Backtrack: the user picked the `nth` user message (0-based) to edit. */
  onEdit?: (nth: number, text: string) => void;
  /** Open in backtrack mode with the latest user message highlighted. */
  backtrack?: boolean;
  /** Ask for a redraw (after an asynchronous copy). */
  redraw?: () => void;
}

type Mode = 'view' | 'select' | 'backtrack' | 'search';
const GUTTER = 2;
const CHROME = 4;

interface Layout {
  width: number;
  revision: number;
  /** Bumped at every rebuild (new cells or a new width): row numbers change with it. */
  serial: number;
  rows: Line[];
  /** Entry index per row (-1: spacing). */
  rowEntry: number[];
  entryStart: number[];
}

export class TranscriptPager implements Overlay {
  readonly fullHeight = true;
  readonly mouse = true;
  private readonly rows = new RowSelection();
  private mode: Mode = 'view';
  private top = 0;
  private follow = true;
  private contentH = 10;
  private layout: Layout | undefined;
  private query = '';
  private typing = '';
  private matches: number[] = [];
  private matchAt = -1;
  private matchRevision = -1;
  private selAnchor = 0;
  private selCursor = 0;
  /** Index into the user entries while backtracking. */
  private btIndex = -1;
  private status = '';
  private pendingEntry: number | undefined;

  constructor(private readonly o: PagerOptions) {
    if (o.backtrack) this.startBacktrack();
  }

  get isBacktrack(): boolean {
    return this.mode === 'backtrack';
  }

  handle(key: Key): OverlayResult {
    if (key.name === 'mouse') return key.mouse ? this.onMouse(key.mouse) : 'keep';
    // Typed fast (or in a test), several characters arrive as one text key.
    if (key.name === 'text' && !key.ctrl && !key.meta && key.text && [...key.text].length > 1) {
      for (const c of key.text) if (this.handle({ name: 'text', text: c }) === 'close') return 'close';
      return 'keep';
    }
    const k = key.name;
    const ch = k === 'text' && !key.ctrl && !key.meta ? key.text : undefined;
    if (this.mode === 'search') return this.handleSearch(key);
    if ((k === 't' && key.ctrl) || ch === 'q') return 'close';
    this.status = '';
    if (this.mode === 'backtrack') {
      if (k === 'escape' || k === 'left') return this.stepBacktrack(-1);
      if (k === 'right') return this.stepBacktrack(1);
      if (k === 'enter') return this.confirmBacktrack();
    } else if (this.mode === 'select') {
      if (k === 'escape') {
        this.mode = 'view';
        return 'keep';
      }
      if (k === 'up' || ch === 'k') return this.moveSelection(-1);
      if (k === 'down' || ch === 'j') return this.moveSelection(1);
      if (ch === 'y' || ch === 'c' || k === 'enter' || (k === 'o' && key.ctrl)) return this.copySelection();
    } else {
      if (k === 'escape' && this.rows.clear()) return 'keep';
      if ((ch === 'y' || ch === 'c' || (k === 'o' && key.ctrl)) && this.rows.range()) return this.copyRows();
      if (k === 'escape') {
        if (this.o.onEdit && this.o.transcript.userEntries().length > 0) return this.startBacktrack();
        return 'close';
      }
      if (ch === 'v' || ch === 'V') {
        const e = this.focusEntry();
        if (e < 0) return 'keep';
        this.mode = 'select';
        this.selAnchor = this.selCursor = e;
        return 'keep';
      }
      if (ch === 'y' || ch === 'c' || (k === 'o' && key.ctrl)) {
        const e = this.focusEntry();
        if (e >= 0) this.copyEntries(e, e);
        return 'keep';
      }
    }
    if (ch === '/') {
      this.mode = 'search';
      this.typing = '';
      return 'keep';
    }
    if (ch === 'n' && this.query) return this.nextMatch(1);
    if (ch === 'N' && this.query) return this.nextMatch(-1);
    return this.scrollKey(key, ch);
  }

  render(width: number, maxRows: number): { lines: Line[] } {
    const h = Math.max(CHROME + 1, maxRows);
    this.contentH = h - CHROME;
    const lay = this.ensureLayout(width);
    const live = this.liveRows(width);
    const total = lay.rows.length + live.length;
    const maxTop = Math.max(0, total - this.contentH);
    this.applyReveal(lay);
    if (this.follow) this.top = maxTop;
    this.top = Math.min(Math.max(0, this.top), maxTop);
    if (this.top === maxTop) this.follow = true;
    const out: Line[] = [this.header(width)];
    const btEntry = this.mode === 'backtrack' ? this.o.transcript.userEntries()[this.btIndex] : undefined;
    for (let r = this.top; r < this.top + this.contentH; r++) {
      if (r < lay.rows.length) out.push(truncateLine(this.decorate(r, lay, btEntry), width));
      else if (r < total) out.push(truncateLine([sp(' '.repeat(GUTTER)), ...live[r - lay.rows.length]!], width));
      else out.push([sp('~', { dim: true })]);
    }
    out.push(this.separator(width, maxTop));
    out.push(...this.footer(width));
    return { lines: out };
  }

  // --- layout -------------------------------------------------------------------------

  private ensureLayout(width: number): Layout {
    const t = this.o.transcript;
    const inner = Math.max(8, width - GUTTER);
    if (this.layout && this.layout.width === inner && this.layout.revision === t.revision) return this.layout;
    const rows: Line[] = [];
    const rowEntry: number[] = [];
    const entryStart: number[] = [];
    t.entries.forEach((e, i) => {
      if (i > 0) {
        rows.push([]);
        rowEntry.push(-1);
      }
      entryStart.push(rows.length);
      for (const l of e.cell.render(inner)) {
        rows.push(l);
        rowEntry.push(i);
      }
    });
    const old = this.layout;
    const oldEntry = old && this.matchAt >= 0 ? old.rowEntry[this.matches[this.matchAt] ?? -1] : undefined;
    this.layout = { width: inner, revision: t.revision, serial: (old?.serial ?? 0) + 1, rows, rowEntry, entryStart };
    // A search stays on the same cell across a re-layout (a resize or new cells).
    if (this.query && oldEntry !== undefined) {
      this.computeMatches();
      const at = this.matches.findIndex((r) => rowEntry[r] === oldEntry);
      this.matchAt = at;
      if (at >= 0 && old!.width !== inner) {
        const row = this.matches[at]!;
        this.top = Math.max(0, row - Math.floor(this.contentH / 3));
        this.follow = false;
      }
    }
    return this.layout;
  }

  private liveRows(width: number): Line[] {
    const cells = this.o.live?.() ?? [];
    const rows: Line[] = [];
    for (const c of cells) rows.push([], ...c.render(Math.max(8, width - GUTTER)));
    return rows;
  }

  private decorate(r: number, lay: Layout, btEntry: number | undefined): Line {
    const e = lay.rowEntry[r]!;
    let line = lay.rows[r]!;
    const selected = this.mode === 'select' && e >= 0 && e >= Math.min(this.selAnchor, this.selCursor) && e <= Math.max(this.selAnchor, this.selCursor);
    if (this.query && this.matchRevision === lay.serial) line = markMatches(line, this.query, r === this.matches[this.matchAt]);
    if (e >= 0 && e === btEntry) {
      return [sp('▌ ', { fg: 'cyan', bold: true }), ...line.map((s) => ({ t: s.t, s: { ...s.s, reverse: true } }))];
    }
    if (this.rows.has(r)) return [sp('▌ ', { fg: 'cyan', bold: true }), ...line.map((s) => ({ t: s.t, s: { ...s.s, reverse: true } }))];
    return [selected ? sp('▌ ', { fg: 'cyan', bold: true }) : sp(' '.repeat(GUTTER)), ...line];
  }

  // --- mouse --------------------------------------------------------------------------

  private onMouse(ev: MouseEvent): OverlayResult {
    const wheel = ev.kind === 'wheel-up' || ev.kind === 'wheel-down';
    // Rows are selected in the plain view (a drag leaves cell selection); the wheel always scrolls.
    if (!wheel && this.mode !== 'view' && this.mode !== 'select') return 'keep';
    if (!wheel && ev.kind === 'press' && ev.button === 0) this.mode = 'view';
    const view = { top: this.top, follow: this.follow, contentH: this.contentH, rowCount: this.layout?.rows.length ?? 0 };
    const copy = this.rows.handle(ev, view) === 'copy';
    this.top = view.top;
    this.follow = view.follow;
    return copy ? this.copyRows() : 'keep';
  }

  private copyRows(): OverlayResult {
    const range = this.rows.range();
    const lay = this.layout;
    if (!range || !lay) return 'keep';
    const text = lay.rows
      .slice(range[0], range[1] + 1)
      .map((l) => plain(l).trimEnd())
      .join('\n')
      .replace(/\n+$/, '');
    const n = range[1] - range[0] + 1;
    this.copyText(text, n === 1 ? 'the line' : 'the selection');
    return 'keep';
  }

  private header(width: number): Line {
    const title = '/ T R A N S C R I P T ';
    const fill = width > title.length ? '/ '.repeat(Math.ceil((width - title.length) / 2)) : '';
    return [sp(truncate(title + fill, width).slice(0, width), { dim: true })];
  }

  private separator(width: number, maxTop: number): Line {
    const pct = maxTop === 0 ? 100 : Math.round((this.top / maxTop) * 100);
    const label = ` ${pct}% `;
    return [sp('─'.repeat(Math.max(0, width - label.length - 1)) + label + (width > label.length ? '─' : ''), { dim: true })];
  }

  private footer(width: number): Line[] {
    const hint = (pairs: Array<[string, string]>): Line => {
      const spans: Span[] = [sp(' ')];
      pairs.forEach(([k, d], i) => spans.push(...(i ? [sp('   ')] : []), sp(k, { bold: true }), sp(` ${d}`, { dim: true })));
      return truncateLine(spans, width);
    };
    if (this.mode === 'search') return [hint([['enter', 'to search'], ['esc', 'to cancel']]), [sp(`/${this.typing}`), sp(' ', { reverse: true })]];
    const first = hint([['↑/↓', 'to scroll'], ['pgup/pgdn', 'to page'], ['home/end', 'to jump'], ['/', 'to search'], ...(this.query ? [['n/N', 'next/prev match'] as [string, string]] : [])]);
    if (this.status) return [first, [sp(truncate(` ${this.status}`, width), { fg: this.status.startsWith('Could not') || this.status.startsWith('Pattern') ? 'yellow' : 'green' })]];
    if (this.mode === 'backtrack') return [first, hint([['q', 'to quit'], ['esc/←', 'to edit prev'], ['→', 'to edit next'], ['enter', 'to edit message']])];
    if (this.mode === 'select') return [first, hint([['↑/↓', 'to extend'], ['y', 'to copy selection'], ['esc', 'to cancel']])];
    const second: Array<[string, string]> = [['q', 'to quit'], ['v', 'to select'], ['y', 'to copy']];
    if (this.o.onEdit) second.push(['esc', 'to edit prev']);
    return [first, hint(second)];
  }

  // --- keys ---------------------------------------------------------------------------

  private scrollKey(key: Key, ch: string | undefined): OverlayResult {
    const k = key.name;
    const page = Math.max(1, this.contentH);
    const half = Math.max(1, Math.ceil(page / 2));
    let d: number | undefined;
    if (k === 'up' || ch === 'k') d = -1;
    else if (k === 'down' || ch === 'j') d = 1;
    else if (k === 'pageup' || (k === 'b' && key.ctrl) || (k === 'text' && key.text === ' ' && key.shift)) d = -page;
    else if (k === 'pagedown' || ch === ' ' || (k === 'f' && key.ctrl)) d = page;
    else if (k === 'u' && key.ctrl) d = -half;
    else if (k === 'd' && key.ctrl) d = half;
    else if (k === 'home' || ch === 'g') {
      this.top = 0;
      this.follow = false;
      return 'keep';
    } else if (k === 'end' || ch === 'G') {
      this.follow = true;
      return 'keep';
    }
    if (d === undefined) return 'keep';
    this.top = Math.max(0, this.top + d);
    this.follow = false;
    return 'keep';
  }

  private handleSearch(key: Key): OverlayResult {
    const k = key.name;
    if (k === 'escape' || (k === 't' && key.ctrl)) {
      this.mode = 'view';
      return 'keep';
    }
    if (k === 'enter') {
      this.mode = 'view';
      if (this.typing !== '') this.query = this.typing;
      this.matchRevision = -1;
      this.matchAt = -1;
      return this.nextMatch(1);
    }
    if (k === 'backspace') this.typing = [...this.typing].slice(0, -1).join('');
    else if ((k === 'text' || k === 'paste') && !key.ctrl && key.text) this.typing += key.text.replace(/[\x00-\x1f\x7f]/g, '');
    else if (k === 'u' && key.ctrl) this.typing = '';
    return 'keep';
  }

  private computeMatches(): void {
    const lay = this.layout;
    if (!lay || this.matchRevision === lay.serial) return;
    const cs = /[A-Z]/.test(this.query);
    const q = cs ? this.query : this.query.toLowerCase();
    this.matches = [];
    lay.rows.forEach((l, r) => {
      const t = plain(l);
      if ((cs ? t : t.toLowerCase()).includes(q)) this.matches.push(r);
    });
    this.matchRevision = lay.serial;
    this.matchAt = -1;
  }

  private nextMatch(dir: 1 | -1): OverlayResult {
    this.computeMatches();
    if (this.matches.length === 0) {
      this.status = `Pattern not found: ${this.query}`;
      return 'keep';
    }
    if (this.matchAt < 0) {
      // From the view: the first match at or below the top row (or above it, going back).
      const from = dir > 0 ? this.matches.findIndex((r) => r >= this.top) : this.matches.findLastIndex((r) => r < this.top + this.contentH);
      this.matchAt = from >= 0 ? from : dir > 0 ? 0 : this.matches.length - 1;
    } else {
      this.matchAt = (this.matchAt + dir + this.matches.length) % this.matches.length;
    }
    const row = this.matches[this.matchAt]!;
    this.reveal(row, row);
    this.status = `Match ${this.matchAt + 1} of ${this.matches.length} for "${this.query}"`;
    return 'keep';
  }

  /** Scroll so rows a..b are on screen (a third from the top when jumping). */
  private reveal(a: number, b: number): void {
    if (a >= this.top && b < this.top + this.contentH) return;
    this.top = Math.max(0, a - Math.floor(this.contentH / 3));
    this.follow = false;
  }

  /** The entry a copy or selection starts from: the current match's, else the first on screen. */
  private focusEntry(): number {
    const lay = this.layout;
    if (!lay || lay.rows.length === 0) return -1;
    const m = this.matches[this.matchAt];
    if (this.query && m !== undefined && m >= this.top && m < this.top + this.contentH) return lay.rowEntry[m]!;
    for (let r = Math.min(this.top, lay.rows.length - 1); r < lay.rows.length; r++) if (lay.rowEntry[r]! >= 0) return lay.rowEntry[r]!;
    return lay.rowEntry[lay.rows.length - 1]!;
  }

  private moveSelection(d: number): OverlayResult {
    const n = this.o.transcript.entries.length;
    this.selCursor = Math.min(n - 1, Math.max(0, this.selCursor + d));
    this.revealEntry(this.selCursor);
    return 'keep';
  }

  /** Bring an entry on screen at the next render (the layout depends on the width). */
  private revealEntry(e: number): void {
    this.pendingEntry = e;
  }

  private applyReveal(lay: Layout): void {
    const e = this.pendingEntry;
    if (e === undefined) return;
    this.pendingEntry = undefined;
    const start = lay.entryStart[e] ?? 0;
    const end = (lay.entryStart[e + 1] ?? lay.rows.length + 1) - 2;
    this.reveal(start, Math.min(end, start + this.contentH - 1));
  }

  private copySelection(): OverlayResult {
    this.copyEntries(Math.min(this.selAnchor, this.selCursor), Math.max(this.selAnchor, this.selCursor));
    this.mode = 'view';
    return 'keep';
  }

  private copyEntries(a: number, b: number): void {
    const t = this.o.transcript;
    const parts: string[] = [];
    for (let i = a; i <= b; i++) parts.push(t.copyText(i));
    this.copyText(parts.join('\n\n'), a === b ? 'the cell' : `${b - a + 1} cells`);
  }

  private copyText(text: string, what: string): void {
    if (!this.o.copy) {
      this.status = 'Could not copy: no clipboard in this session';
      return;
    }
    this.status = 'Copying…';
    void this.o.copy(text, what).then(
      (notice) => {
        this.status = notice;
        this.o.redraw?.();
      },
      (err: unknown) => {
        this.status = `Could not copy: ${(err as Error).message}`;
        this.o.redraw?.();
      },
    );
  }

  private startBacktrack(): OverlayResult {
    const users = this.o.transcript.userEntries();
    if (users.length === 0) return 'close';
    this.mode = 'backtrack';
    this.btIndex = users.length - 1;
    this.revealEntry(users[this.btIndex]!);
    return 'keep';
  }

  private stepBacktrack(d: number): OverlayResult {
    const users = this.o.transcript.userEntries();
    this.btIndex = Math.min(users.length - 1, Math.max(0, this.btIndex + d));
    this.revealEntry(users[this.btIndex]!);
    return 'keep';
  }

  private confirmBacktrack(): OverlayResult {
    const users = this.o.transcript.userEntries();
    const e = users[this.btIndex];
    if (e === undefined) return 'close';
    this.o.onEdit?.(this.btIndex, this.o.transcript.entries[e]!.user ?? '');
    return 'close';
  }
}

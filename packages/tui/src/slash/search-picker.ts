// A picker with a search line (the review's branch and commit pickers): typing filters the
// rows (fuzzy, best first), ↑/↓ select, Enter picks, Esc goes back.
import { fuzzyMatch } from '@codex-ts/file-search';
import type { Overlay, OverlayResult } from '../app/overlay.js';
import type { Key } from '../term/keys.js';
import { sanitize, sp, type Line } from '../term/style.js';
import { truncate } from '../term/wrap.js';

export interface SearchItem {
  label: string;
  /** Shown dimmed after the label; also searched. */
  detail?: string;
}

export interface SearchPickerOptions {
  title: string;
  /** Dim rows under the title (e.g. `Current branch: main`). */
  subtitle?: string[];
  /** Shown while the query is empty, e.g. `Type to search branches`. */
  placeholder: string;
  items: SearchItem[];
  /** Shown when there is nothing to pick at all. */
  empty?: string;
  onPick(item: SearchItem): void;
  onCancel?(): void;
  /** Rows shown at once. */
  maxRows?: number;
}

export class SearchPicker implements Overlay {
  query = '';
  index = 0;
  private scroll = 0;

  constructor(private readonly o: SearchPickerOptions) {}

  /** Items matching the query, best first (all, in order, for an empty query). */
  get matches(): SearchItem[] {
    const q = this.query.trim();
    if (q === '') return this.o.items;
    const scored: Array<{ item: SearchItem; score: number; at: number }> = [];
    this.o.items.forEach((item, at) => {
      const m = fuzzyMatch(q, item.label) ?? (item.detail ? fuzzyMatch(q, item.detail) : null);
      if (m) scored.push({ item, score: m.score, at });
    });
    return scored.sort((a, b) => b.score - a.score || a.at - b.at).map((s) => s.item);
  }

  handle(key: Key): OverlayResult {
    const list = this.matches;
    const n = list.length;
    switch (key.name) {
      case 'escape':
        this.o.onCancel?.();
        return 'close';
      case 'enter': {
        const item = list[this.index];
        if (!item) return 'keep';
        this.o.onPick(item);
        return 'close';
      }
      case 'up':
        if (n) this.index = (this.index - 1 + n) % n;
        return 'keep';
      case 'down':
      case 'tab':
        if (n) this.index = (this.index + 1) % n;
        return 'keep';
      case 'backspace':
        this.query = [...this.query].slice(0, -1).join('');
        this.index = 0;
        return 'keep';
      case 'text':
      case 'paste':
        this.query += (key.text ?? '').replace(/[\r\n\t]+/g, ' ');
        this.index = 0;
        return 'keep';
      default:
        if (key.ctrl && key.name === 'p' && n) this.index = (this.index - 1 + n) % n;
        else if (key.ctrl && key.name === 'n' && n) this.index = (this.index + 1) % n;
        else if (key.ctrl && key.name === 'u') this.query = '';
        return 'keep';
    }
  }

  render(width: number, maxRows: number): { lines: Line[]; cursor: { row: number; col: number } } {
    const lines: Line[] = [[sp(`  ${truncate(this.o.title, Math.max(4, width - 2))}`, { bold: true })]];
    for (const s of this.o.subtitle ?? []) lines.push([sp(`  ${truncate(sanitize(s), Math.max(4, width - 2))}`, { dim: true })]);
    const cursorRow = lines.length;
    const q = sanitize(this.query);
    lines.push(this.query === '' ? [sp('  '), sp(this.o.placeholder, { dim: true })] : [sp('  '), sp(truncate(q, Math.max(4, width - 3)))]);
    const list = this.matches;
    const room = Math.max(1, Math.min(this.o.maxRows ?? 8, maxRows - lines.length - 2));
    if (this.index < this.scroll) this.scroll = this.index;
    if (this.index >= this.scroll + room) this.scroll = this.index - room + 1;
    if (list.length === 0) lines.push([sp(`  ${this.o.items.length === 0 ? (this.o.empty ?? 'nothing to pick') : 'no matches'}`, { dim: true, italic: true })]);
    list.slice(this.scroll, this.scroll + room).forEach((item, i) => {
      const selected = this.scroll + i === this.index;
      const style = selected ? { fg: 'cyan' as const, bold: true } : undefined;
      const label = truncate(sanitize(item.label), Math.max(4, width - 4));
      const row: Line = [sp(selected ? '› ' : '  ', style), sp(label, style)];
      const rest = width - 4 - label.length;
      if (item.detail && rest > 6) row.push(sp(`  ${truncate(sanitize(item.detail), rest - 2)}`, { dim: true }));
      lines.push(row);
    });
    lines.push([sp('  enter select · esc back', { dim: true })]);
    const col = Math.min(width - 1, 2 + (this.query === '' ? 0 : Math.min(q.length, Math.max(4, width - 3))));
    return { lines: lines.slice(0, Math.max(1, maxRows)), cursor: { row: cursorRow, col } };
  }
}

// Rows of a popup under the composer: at most MAX_ROWS items, scrolled so the selected one
// is visible; the selected row is marked `›` and drawn in cyan; matched characters bold.
import { sanitize, sp, type Line, type Span } from '../term/style.js';
import { truncate, widthOf } from '../term/wrap.js';

/** Rows a popup shows at once (Codex shows 8 and scrolls). */
export const MAX_ROWS = 8;

export interface PopupItem {
  label: string;
  /** Code point positions of `label` to draw bold (fuzzy match). */
  indices?: number[];
  description?: string;
}

/** A selection over a list with wrap-around and a scroll window. */
export class Selection {
  index = 0;
  top = 0;

  move(delta: number, count: number): void {
    if (count === 0) return;
    this.index = (((this.index + delta) % count) + count) % count;
  }

  clamp(count: number): void {
    if (this.index >= count) this.index = Math.max(0, count - 1);
  }

  reset(): void {
    this.index = 0;
    this.top = 0;
  }

  /** The visible window [top, top + rows). */
  window(count: number, rows = MAX_ROWS): [number, number] {
    this.clamp(count);
    if (this.index < this.top) this.top = this.index;
    if (this.index >= this.top + rows) this.top = this.index - rows + 1;
    this.top = Math.max(0, Math.min(this.top, Math.max(0, count - rows)));
    return [this.top, Math.min(count, this.top + rows)];
  }
}

function labelSpans(item: PopupItem, selected: boolean): Span[] {
  const base = selected ? { fg: 'cyan' as const, bold: true } : {};
  const marks = new Set(item.indices ?? []);
  if (marks.size === 0) return [sp(item.label, base)];
  const out: Span[] = [];
  let i = 0;
  for (const ch of sanitize(item.label)) {
    out.push(sp(ch, marks.has(i) ? { ...base, bold: true, underline: !selected } : base));
    i++;
  }
  return out;
}

/** Render items (or `empty` when there are none) with the selection marked. */
export function renderPopup(items: PopupItem[], sel: Selection, width: number, empty: string, rows = MAX_ROWS): Line[] {
  if (items.length === 0) return [[sp('  '), sp(empty, { dim: true, italic: true })]];
  const [from, to] = sel.window(items.length, rows);
  const labelW = Math.min(Math.max(...items.slice(from, to).map((it) => widthOf(it.label))) + 2, Math.max(8, Math.floor(width * 0.6)));
  const out: Line[] = [];
  for (let i = from; i < to; i++) {
    const item = items[i]!;
    const selected = i === sel.index;
    const label = widthOf(item.label) > labelW - 2 ? { ...item, label: truncate(item.label, labelW - 2), indices: [] } : item;
    const line: Line = [sp(selected ? '› ' : '  ', selected ? { fg: 'cyan', bold: true } : undefined), ...labelSpans(label, selected)];
    if (item.description) {
      const pad = ' '.repeat(Math.max(1, labelW - widthOf(label.label)));
      const room = width - 2 - labelW;
      if (room > 4) line.push(sp(pad), sp(truncate(sanitize(item.description), room), { dim: !selected, ...(selected ? { fg: 'cyan' as const } : {}) }));
    }
    out.push(line);
  }
  return out;
}

// A list picker overlay (`/model`, `/approvals`): a title, a subtitle, numbered choices with
// descriptions; ↑/↓ or the number picks, Enter confirms, Esc closes.
import type { Overlay, OverlayResult } from '../app/overlay.js';
import type { Key } from '../term/keys.js';
import { sanitize, sp, type Line } from '../term/style.js';
import { truncate, wrapLine } from '../term/wrap.js';

export interface PickerItem {
  label: string;
  description?: string;
  /** Marked `(current)`. */
  current?: boolean;
}

export class ListPicker implements Overlay {
  index: number;

  constructor(
    private readonly title: string,
    private readonly subtitle: string | undefined,
    readonly items: PickerItem[],
    private readonly onPick: (index: number) => void,
    private readonly onCancel?: () => void,
    /** Highlighted first when no item is current. */
    initial = 0,
  ) {
    const cur = items.findIndex((i) => i.current);
    this.index = cur >= 0 ? cur : Math.min(Math.max(0, initial), Math.max(0, items.length - 1));
  }

  handle(key: Key): OverlayResult {
    const n = this.items.length;
    const k = key.name;
    if (k === 'up' || (k === 'p' && key.ctrl) || (k === 'text' && key.text === 'k')) this.index = (this.index - 1 + n) % n;
    else if (k === 'down' || (k === 'n' && key.ctrl) || k === 'tab' || (k === 'text' && key.text === 'j')) this.index = (this.index + 1) % n;
    else if (k === 'text' && /^[1-9]$/.test(key.text ?? '') && Number(key.text) <= n) {
      this.index = Number(key.text) - 1;
      this.onPick(this.index);
      return 'close';
    } else if (k === 'enter') {
      this.onPick(this.index);
      return 'close';
    } else if (k === 'escape') {
      this.onCancel?.();
      return 'close';
    }
    return 'keep';
  }

  render(width: number, maxRows: number): { lines: Line[] } {
    const lines: Line[] = [[sp(`  ${truncate(this.title, Math.max(4, width - 2))}`, { bold: true })]];
    if (this.subtitle) lines.push(...wrapLine([sp(`  ${sanitize(this.subtitle)}`, { dim: true })], width, [sp('  ')]));
    lines.push([]);
    const labelW = Math.min(Math.max(...this.items.map((i, n) => `${n + 1}. ${i.label}${i.current ? ' (current)' : ''}`.length)) + 2, Math.floor(width * 0.5));
    this.items.forEach((item, n) => {
      const selected = n === this.index;
      const label = `${n + 1}. ${item.label}${item.current ? ' (current)' : ''}`;
      const style = selected ? { fg: 'cyan' as const, bold: true } : undefined;
      const row: Line = [sp(selected ? '› ' : '  ', style), sp(item.description ? truncate(label, labelW).padEnd(labelW) : truncate(label, width - 2), style)];
      if (item.description && width - 2 - labelW > 6) row.push(sp(truncate(item.description, width - 2 - labelW), { dim: !selected, ...(selected ? { fg: 'cyan' as const } : {}) }));
      lines.push(row);
    });
    lines.push([], [sp('  Press enter to confirm or esc to go back', { dim: true })]);
    return { lines: lines.slice(Math.max(0, lines.length - maxRows)) };
  }
}

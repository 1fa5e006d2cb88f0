// The warnings tray: warnings from the engine and MCP servers that failed to start are
// collected here instead of interrupting the chat. The footer shows one compact line
// (`⚠ 2 warnings · f2 to view`); F2 opens the list, one warning at a time, collapsed to
// its first line until expanded.
import type { EventMsg } from '@codex-ts/protocol';
import type { Overlay, OverlayResult } from '../app/overlay.js';
import type { Key } from '../term/keys.js';
import { sanitize, sp, type Line, type Span } from '../term/style.js';
import { truncate, truncateLine, wrapLine } from '../term/wrap.js';

export interface TrayWarning {
  /** Where it came from: `MCP · <server>`, `engine`, `config`. */
  source: string;
  text: string;
}

export class WarningsTray {
  readonly items: TrayWarning[] = [];

  add(w: TrayWarning): void {
    // The same warning twice (e.g. a retried start-up) is shown once.
    if (this.items.some((x) => x.source === w.source && x.text === w.text)) return;
    this.items.push({ source: sanitize(w.source), text: sanitize(w.text) });
  }

  /** Take an engine event if it is a warning; true when it was. */
  onEvent(msg: EventMsg): boolean {
    if (msg.type === 'warning') {
      this.add({ source: 'engine', text: String((msg as { message?: unknown }).message ?? '') });
      return true;
    }
    if (msg.type === 'mcp_startup_update' && msg.status.state === 'failed') {
      const err = msg.status.error ?? 'no reason given';
      // Core's message may already name the server; it is not said twice.
      this.add({ source: `MCP · ${msg.server}`, text: err.includes(`\`${msg.server}\``) ? err : `MCP server \`${msg.server}\` failed to start: ${err}` });
      return true;
    }
    return false;
  }

  /** The footer line, when there is anything to show. */
  footer(width: number): Line | undefined {
    const n = this.items.length;
    if (n === 0) return undefined;
    return [sp(truncate(`  ⚠ ${n} warning${n === 1 ? '' : 's'} · f2 to view`, width), { fg: 'yellow' })];
  }
}

/** F2: the warnings, one at a time. */
export class WarningsOverlay implements Overlay {
  private index = 0;
  private expanded = false;
  private status = '';

  constructor(
    private readonly tray: WarningsTray,
    private readonly copy?: (text: string, what: string) => Promise<string>,
    private readonly redraw?: () => void,
  ) {}

  handle(key: Key): OverlayResult {
    const k = key.name;
    const ch = k === 'text' && !key.ctrl ? key.text : undefined;
    const n = this.tray.items.length;
    this.status = '';
    if (k === 'escape' || k === 'f2' || ch === 'q') return 'close';
    if (n === 0) return 'close';
    if (k === 'left' || ch === 'h') this.index = (this.index - 1 + n) % n;
    else if (k === 'right' || ch === 'l' || k === 'tab') this.index = (this.index + 1) % n;
    else if (k === 'enter' || ch === ' ' || ch === 'e') this.expanded = !this.expanded;
    else if (ch === 'd' || k === 'delete') {
      this.tray.items.splice(this.index, 1);
      if (this.tray.items.length === 0) return 'close';
      this.index = Math.min(this.index, this.tray.items.length - 1);
    } else if (ch === 'y' || (k === 'o' && key.ctrl)) {
      const w = this.tray.items[this.index]!;
      if (!this.copy) this.status = 'Could not copy: no clipboard in this session';
      else
        void this.copy(w.text, 'the warning').then((s) => {
          this.status = s;
          this.redraw?.();
        });
    }
    return 'keep';
  }

  render(width: number, maxRows: number): { lines: Line[] } {
    const items = this.tray.items;
    const w = items[this.index];
    const out: Line[] = [];
    out.push([sp('⚠ ', { fg: 'yellow', bold: true }), sp(truncate(`Warnings · ${this.index + 1} of ${items.length} · ${w?.source ?? ''}`, width - 2), { bold: true })]);
    if (w) {
      const body = w.text.split('\n');
      const room = Math.max(1, maxRows - 3);
      let rows: Line[];
      if (this.expanded) rows = body.flatMap((l) => wrapLine([sp(l)], width - 2, [])).map((l) => [sp('  '), ...l]);
      else rows = [[sp('  '), sp(truncate(body[0] ?? '', width - 2))]];
      if (rows.length > room) rows = [...rows.slice(0, room - 1), [sp(`  … +${rows.length - room + 1} lines`, { dim: true })]];
      out.push(...rows);
    }
    if (this.status) out.push([sp(truncate(`  ${this.status}`, width), { fg: this.status.startsWith('Could not') ? 'yellow' : 'green' })]);
    const hints: Array<[string, string]> = [['←/→', 'warning'], ['enter', this.expanded ? 'collapse' : 'expand'], ['d', 'dismiss'], ['y', 'copy'], ['esc', 'close']];
    const spans: Span[] = [sp('  ')];
    hints.forEach(([k, d], i) => spans.push(...(i ? [sp(' · ', { dim: true })] : []), sp(k, { bold: true }), sp(` ${d}`, { dim: true })));
    out.push(truncateLine(spans, width));
    return { lines: out };
  }
}

// A history cell renders itself to rows for a given width. Finished cells are committed
// to scrollback once; live ones are redrawn every frame until they finish.
import { sanitize, sp, type Line, type Style } from '../term/style.js';
import { wrapLine } from '../term/wrap.js';

/** Something in the chat. */
export interface Cell {
  render(width: number): Line[];
}

/** Prefix the first row with `first`, later rows with spaces of the same width. */
export function prefixed(rows: Line[], first: Line, rest: Line): Line[] {
  return rows.map((r, i) => [...(i === 0 ? first : rest), ...r]);
}

/** A user message: `› text`, dimmed background-free so it reads in any theme. */
export class UserCell implements Cell {
  constructor(readonly text: string) {}
  render(width: number): Line[] {
    return sanitize(this.text)
      .split('\n')
      .flatMap((l, i) => wrapLine([sp(i === 0 ? '› ' : '  ', { bold: true, fg: 'cyan' }), sp(l, { bold: true })], width, [sp('  ')]));
  }
}

/** A one-line (wrapped) notice: errors, retries, warnings, info. */
export class NoticeCell implements Cell {
  constructor(
    private readonly text: string,
    private readonly kind: 'error' | 'warning' | 'info' | 'retry',
  ) {}
  render(width: number): Line[] {
    const style: Style =
      this.kind === 'error' ? { fg: 'red' } : this.kind === 'warning' || this.kind === 'retry' ? { fg: 'yellow' } : { dim: true };
    const mark = this.kind === 'error' ? '■ ' : this.kind === 'info' ? '• ' : '⚠ ';
    return sanitize(this.text)
      .split('\n')
      .flatMap((l, i) => wrapLine([sp(i === 0 ? mark : '  ', style), sp(l, style)], width, [sp('  ')]));
  }
}

/** The user's answer to an approval: `✔ You approved …` / `✗ You did not approve …`. */
export class DecisionCell implements Cell {
  constructor(private readonly text: string, private readonly ok: boolean) {}
  render(width: number): Line[] {
    return wrapLine([sp(this.ok ? '✔ ' : '✗ ', { fg: this.ok ? 'green' : 'red', bold: true }), sp(sanitize(this.text))], width, [sp('  ')]);
  }
}

/** The session header box shown first. */
export class HeaderCell implements Cell {
  constructor(private readonly rows: Array<[string, string]>, private readonly title: string) {}
  render(width: number): Line[] {
    const body: string[] = [this.title, '', ...this.rows.map(([k, v]) => `${`${k}:`.padEnd(11)}${v}`)];
    const inner = Math.min(Math.max(...body.map((b) => b.length)) + 2, Math.max(10, width - 2));
    const cut = (s: string): string => (s.length > inner - 2 ? `${s.slice(0, inner - 3)}…` : s);
    return [
      [sp(`╭${'─'.repeat(inner)}╮`, { dim: true })],
      ...body.map((b, i): Line => [sp('│ ', { dim: true }), sp(cut(b).padEnd(inner - 1), i === 0 ? { bold: true } : { dim: i > 1 }), sp('│', { dim: true })]),
      [sp(`╰${'─'.repeat(inner)}╯`, { dim: true })],
    ];
  }
}

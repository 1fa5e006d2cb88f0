// Ctrl+R: search the message history, newest first, as a shell's reverse-i-search. Typing
// narrows (case-insensitive substring), Ctrl+R again goes to the next older match, Enter
// (or →) puts the match in the composer, Esc or Ctrl+G leaves the composer as it was.
import type { Overlay, OverlayResult } from '../app/overlay.js';
import type { Key } from '../term/keys.js';
import { sanitize, sp, type Line } from '../term/style.js';
import { truncate } from '../term/wrap.js';

export class HistorySearch implements Overlay {
  query = '';
  /** How many matches to skip (Ctrl+R again). */
  private skip = 0;

  constructor(
    private readonly entries: readonly string[],
    private readonly original: string,
    private readonly accept: (text: string) => void,
  ) {}

  /** Matching entries, newest first, each once. */
  matches(): string[] {
    const q = this.query.toLowerCase();
    const seen = new Set<string>();
    const out: string[] = [];
    for (let i = this.entries.length - 1; i >= 0; i--) {
      const e = this.entries[i]!;
      if (seen.has(e) || !e.toLowerCase().includes(q)) continue;
      seen.add(e);
      out.push(e);
    }
    return out;
  }

  get current(): string | undefined {
    const m = this.matches();
    return m[Math.min(this.skip, m.length - 1)];
  }

  handle(key: Key): OverlayResult {
    if (key.ctrl && key.name === 'r') {
      if (this.skip + 1 < this.matches().length) this.skip += 1;
      return 'keep';
    }
    if (key.ctrl && key.name === 's') {
      this.skip = Math.max(0, this.skip - 1);
      return 'keep';
    }
    if (key.name === 'escape' || (key.ctrl && key.name === 'g')) {
      this.accept(this.original);
      return 'close';
    }
    if (key.name === 'enter' || key.name === 'right' || key.name === 'end' || key.name === 'tab') {
      this.accept(this.current ?? this.original);
      return 'close';
    }
    if (key.name === 'backspace') {
      this.query = [...this.query].slice(0, -1).join('');
      this.skip = 0;
      return 'keep';
    }
    if (key.name === 'text' || key.name === 'paste') {
      this.query += (key.text ?? '').replace(/[\r\n]+/g, ' ');
      this.skip = 0;
      return 'keep';
    }
    return 'keep';
  }

  render(width: number, maxRows: number): { lines: Line[]; cursor: { row: number; col: number } } {
    const m = this.current;
    const found = m !== undefined;
    const label = found ? 'reverse-i-search' : 'failing reverse-i-search';
    const q = sanitize(this.query);
    const head: Line = [sp(`(${label})\``, { dim: true }), sp(q, { bold: true }), sp("': ", { dim: true })];
    const headW = label.length + 5 + q.length;
    const lines: Line[] = [head];
    if (found) {
      const rows = sanitize(m).split('\n');
      const avail = Math.max(1, maxRows - 2);
      for (const [i, r] of rows.slice(0, avail).entries()) lines.push([sp(i === 0 ? '› ' : '  ', { fg: 'cyan' }), sp(truncate(r, Math.max(4, width - 3)))]);
      if (rows.length > avail) lines.push([sp(`  … +${rows.length - avail} lines`, { dim: true })]);
    } else lines.push([sp(this.entries.length === 0 ? '  no history yet' : '  no match', { dim: true, italic: true })]);
    lines.push([sp('  enter accept · ctrl+r older · esc cancel', { dim: true })]);
    return { lines: lines.slice(0, Math.max(1, maxRows)), cursor: { row: 0, col: Math.min(width - 1, headW - 3) } };
  }
}

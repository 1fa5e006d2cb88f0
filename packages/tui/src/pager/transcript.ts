// The whole chat as cells, kept for the transcript pager (Ctrl+T) and backtrack: the
// inline renderer hands finished rows to the terminal's scrollback and forgets them, so
// this is the only copy that can be re-rendered at another width, searched and copied.
// Entries are appended once; a backtrack fork cuts the list at a user message.
import { plain, type Line } from '../term/style.js';
import type { Cell } from '../cells/cell.js';

export interface TranscriptEntry {
  cell: Cell;
  /** The text of a user message (backtrack targets). */
  user?: string;
  /** The text to copy (markdown source, the message); else the rendered rows. */
  source?: string;
}

/** A cell of fixed rows (e.g. a collapsed reasoning title). */
export class RowsCell implements Cell {
  constructor(private readonly rows: Line[]) {}
  render(): Line[] {
    return this.rows;
  }
}

export class Transcript {
  private list: TranscriptEntry[] = [];
  /** Bumped on every change, so views can cache their layout. */
  revision = 0;

  get entries(): readonly TranscriptEntry[] {
    return this.list;
  }

  push(entry: TranscriptEntry): void {
    this.list.push(entry);
    this.revision += 1;
  }

  /** Entry indices of the user messages, oldest first. */
  userEntries(): number[] {
    const out: number[] = [];
    this.list.forEach((e, i) => {
      if (e.user !== undefined) out.push(i);
    });
    return out;
  }

  /** Drop the `n`-th user message (0-based) and everything after it. */
  cutAtUser(n: number): void {
    const at = this.userEntries()[n];
    if (at === undefined) return;
    this.list = this.list.slice(0, at);
    this.revision += 1;
  }

  /** Plain text of an entry for the clipboard. */
  copyText(i: number, width = 200): string {
    const e = this.list[i];
    if (!e) return '';
    if (e.source !== undefined) return e.source;
    return e.cell
      .render(width)
      .map((l) => plain(l).trimEnd())
      .join('\n');
  }
}

// The inline renderer: finished cells are written once into the terminal's own
// scrollback; only the live area at the bottom (streaming cell, composer, status) is
// redrawn, by moving the cursor to its top and clearing *below* it. The screen is never
// cleared. Redraws are batched to one per frame and wrapped in synchronized output.
import { toAnsi, type Line } from './style.js';
import { lineWidth } from './wrap.js';

/** Where the renderer writes. */
export interface TermOut {
  write(data: string): unknown;
  columns?: number;
  rows?: number;
}

/** The live area: rows to draw and where the cursor goes (row within it, column). */
export interface LiveFrame {
  lines: Line[];
  cursor?: { row: number; col: number };
  /** Drawn over the whole terminal (the transcript pager): inline mode uses the alternate screen for it. */
  fullScreen?: boolean;
  /** Mouse reporting on while this frame is shown (the pager); off again with the next frame without it. */
  mouse?: boolean;
}

/** SGR mouse reporting: buttons, drags (1002) and SGR coordinates (1006); and back off. */
export const MOUSE_ON = '\x1b[?1000h\x1b[?1002h\x1b[?1006h';
export const MOUSE_OFF = '\x1b[?1006l\x1b[?1002l\x1b[?1000l';

const FRAME_MS = 16;

/** Batches redraws; `commit` appends finished lines above the live area. */
export class InlineRenderer {
  private pending: Line[] = [];
  private liveWidths: number[] = [];
  private cursorRow = 0;
  private timer: NodeJS.Timeout | undefined;
  private lastCols: number;
  private closed = false;
  /** Frames drawn (for the benchmark and tests). */
  frames = 0;
  private lastDraw = -Infinity;
  /** On the alternate screen for a full-screen frame; commits wait until it is left. */
  private inAlt = false;
  /** Set by `rewrite`: the next frame clears screen and scrollback and prints these first. */
  private rewriteWith: Line[] | undefined;
  private mouseOn = false;

  constructor(
    private readonly out: TermOut,
    private readonly color: boolean,
    private readonly frame: () => LiveFrame,
  ) {
    this.lastCols = this.cols;
  }

  get cols(): number {
    return Math.max(10, this.out.columns ?? 80);
  }

  get rows(): number {
    return Math.max(5, this.out.rows ?? 24);
  }

  /** Lines that go to scrollback at the next frame. */
  commit(lines: Line[]): void {
    this.pending.push(...lines);
    this.schedule();
  }

  /**
   * Replace everything printed so far with `lines`: the next normal frame clears the screen
   * and the scrollback (ED 2, ED 3) and prints them, then what was committed since, then the
   * live area. Codex does the same after a backtrack; callers never do it while streaming.
   */
  rewrite(lines: Line[]): void {
    this.rewriteWith = lines;
    this.pending = [];
    this.schedule();
  }

  /** Ask for a redraw at the next frame. */
  schedule(): void {
    if (this.timer || this.closed) return;
    // At most one frame per FRAME_MS, but a change after a quiet spell is drawn at once.
    const wait = Math.max(0, FRAME_MS - (performance.now() - this.lastDraw));
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.draw();
    }, wait);
  }

  /** Draw now (first frame, exit). */
  draw(final = false): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    const cols = this.cols;
    // The frame first: building it may commit rows (a long streaming answer).
    const frame: LiveFrame = final ? { lines: [] } : this.frame();
    if (frame.fullScreen) return this.drawFull(frame);
    let buf = '\x1b[?2026h\x1b[?25l';
    if (this.mouseOn) buf += MOUSE_OFF;
    this.mouseOn = false;
    // Back from a full-screen frame: the normal screen and the cursor (saved by 1049h) return.
    if (this.inAlt) buf += '\x1b[?1049l';
    this.inAlt = false;
    if (this.rewriteWith && !final) {
      buf += '\x1b[H\x1b[2J\x1b[3J';
      for (const line of this.rewriteWith) buf += `${toAnsi(line, this.color)}\r\n`;
      this.rewriteWith = undefined;
    } else {
      buf += this.moveToTop(cols);
      buf += '\x1b[J';
    }
    for (const line of this.pending) buf += `${toAnsi(line, this.color)}\r\n`;
    this.pending = [];
    // Keep the live area within the screen: its top rows are dropped if it is too tall.
    const max = this.rows - 1;
    const drop = Math.max(0, frame.lines.length - max);
    const lines = frame.lines.slice(drop);
    buf += lines.map((l) => toAnsi(l, this.color)).join('\r\n');
    this.liveWidths = lines.map(lineWidth);
    const last = Math.max(0, lines.length - 1);
    if (frame.cursor && !final) {
      const row = Math.min(last, Math.max(0, frame.cursor.row - drop));
      if (last - row > 0) buf += `\x1b[${last - row}A`;
      buf += `\r${frame.cursor.col > 0 ? `\x1b[${frame.cursor.col}C` : ''}\x1b[?25h`;
      this.cursorRow = row;
    } else {
      this.cursorRow = last;
      if (final) buf += '\x1b[?25h';
    }
    buf += '\x1b[?2026l';
    this.lastCols = cols;
    this.frames += 1;
    this.lastDraw = performance.now();
    this.out.write(buf);
  }

  /**
   * A full-screen frame (the pager) on the alternate screen, so the scrollback and the live
   * area below stay untouched; rows are rewritten in place. Commits are held meanwhile.
   */
  private drawFull(frame: LiveFrame): void {
    const rows = this.rows;
    const cols = this.cols;
    const lines = frame.lines.slice(0, rows);
    let buf = '\x1b[?2026h\x1b[?25l';
    if (!this.inAlt) {
      // Leave the normal screen without a live area (pending rows flushed to scrollback, the
      // cursor at column 0 below them): nothing there can be re-wrapped by a resize while the
      // pager is open, so coming back needs no guess about where the live area went.
      buf += `${this.moveToTop(cols)}\x1b[J`;
      for (const line of this.pending) buf += `${toAnsi(line, this.color)}\r\n`;
      this.pending = [];
      this.liveWidths = [];
      this.cursorRow = 0;
      this.lastCols = cols;
      buf += '\x1b[?1049h';
    }
    if (Boolean(frame.mouse) !== this.mouseOn) buf += frame.mouse ? MOUSE_ON : MOUSE_OFF;
    this.mouseOn = Boolean(frame.mouse);
    buf += '\x1b[H';
    buf += lines.map((l) => `${toAnsi(l, this.color)}\x1b[K`).join('\r\n');
    buf += '\x1b[J\x1b[?2026l';
    this.inAlt = true;
    this.frames += 1;
    this.lastDraw = performance.now();
    this.out.write(buf);
  }

  /** Stop drawing; the live area is erased and the cursor left below the scrollback. */
  close(): void {
    this.draw(true);
    this.closed = true;
  }

  /**
   * Cursor movement to the live area's first row. After a resize to fewer columns the
   * terminal has re-wrapped the old rows, so each counts as ceil(width / cols) rows.
   */
  private moveToTop(cols: number): string {
    let up = 0;
    for (let i = 0; i < this.cursorRow && i < this.liveWidths.length; i++) {
      const w = this.liveWidths[i]!;
      up += cols < this.lastCols && w > cols ? Math.ceil(w / cols) : 1;
    }
    return `\r${up > 0 ? `\x1b[${up}A` : ''}`;
  }
}

// The full-screen renderer (alternate screen, `tui.alternate_screen = true`): the chat
// is kept in memory (last MAX_ROWS rows) and the bottom of it is painted above the live
// area. Each frame rewrites rows in place (erase-to-end-of-line), never clearing the
// whole screen, inside synchronized output. Rows are re-wrapped only for new commits;
// after a resize old rows are drawn cut to the new width.
import { toAnsi, type Line } from './style.js';
import { MOUSE_OFF, MOUSE_ON, type LiveFrame, type TermOut } from './inline-renderer.js';
import { truncate } from './wrap.js';
import { plain } from './style.js';
import { lineWidth } from './wrap.js';

const FRAME_MS = 16;
const MAX_ROWS = 5000;

export class AltScreenRenderer {
  private history: Line[] = [];
  private timer: NodeJS.Timeout | undefined;
  private closed = false;
  frames = 0;
  private lastDraw = -Infinity;
  private mouseOn = false;

  constructor(
    private readonly out: TermOut,
    private readonly color: boolean,
    private readonly frame: () => LiveFrame,
  ) {}

  get cols(): number {
    return Math.max(10, this.out.columns ?? 80);
  }

  get rows(): number {
    return Math.max(5, this.out.rows ?? 24);
  }

  commit(lines: Line[]): void {
    this.history.push(...lines);
    if (this.history.length > MAX_ROWS) this.history.splice(0, this.history.length - MAX_ROWS);
    this.schedule();
  }

  /** Replace the kept chat rows (drawn at the next frame). */
  rewrite(lines: Line[]): void {
    this.history = lines.slice(-MAX_ROWS);
    this.schedule();
  }

  schedule(): void {
    if (this.timer || this.closed) return;
    // At most one frame per FRAME_MS, but a change after a quiet spell is drawn at once.
    const wait = Math.max(0, FRAME_MS - (performance.now() - this.lastDraw));
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.draw();
    }, wait);
  }

  draw(final = false): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    if (final) {
      if (this.mouseOn) this.out.write(MOUSE_OFF);
      this.mouseOn = false;
      return;
    }
    const rows = this.rows;
    const cols = this.cols;
    const frame = this.frame();
    const live = frame.lines.slice(-rows);
    const room = rows - live.length;
    const hist = room > 0 ? this.history.slice(-room) : [];
    const screen = [...Array<Line>(Math.max(0, room - hist.length)).fill([]), ...hist, ...live];
    let buf = '\x1b[?2026h\x1b[?25l\x1b[H';
    if (Boolean(frame.mouse) !== this.mouseOn) buf += frame.mouse ? MOUSE_ON : MOUSE_OFF;
    this.mouseOn = Boolean(frame.mouse);
    screen.forEach((line, i) => {
      const fitted = lineWidth(line) > cols ? [{ t: truncate(plain(line), cols) }] : line;
      buf += `${toAnsi(fitted, this.color)}\x1b[K${i < screen.length - 1 ? '\r\n' : ''}`;
    });
    if (frame.cursor) {
      const row = rows - live.length + frame.cursor.row + 1;
      buf += `\x1b[${row};${frame.cursor.col + 1}H\x1b[?25h`;
    }
    buf += '\x1b[?2026l';
    this.frames += 1;
    this.lastDraw = performance.now();
    this.out.write(buf);
  }

  close(): void {
    this.draw(true);
    this.closed = true;
  }

  /** The chat rows kept (for printing after leaving the alternate screen, if wanted). */
  get transcript(): Line[] {
    return this.history;
  }
}

// Mouse in the transcript pager. While the pager is open the renderer turns SGR mouse
// reporting on (and off again when it closes, on exit and in the crash handler), so the
// terminal's own selection is replaced by ours: the wheel scrolls three rows, a drag with
// the left button selects whole rows (the view scrolls when the drag leaves the content
// area), and releasing copies them, like the `v`/`y` keys do for cells; `y` copies the rows
// again and Esc clears them. A click without a drag clears a selection.
import type { MouseEvent } from '../term/keys.js';

/** What the selection needs of the pager's view. */
export interface MouseView {
  /** First layout row on screen, and whether the view follows the end. */
  top: number;
  follow: boolean;
  /** Content rows on screen; the header takes screen row 1. */
  readonly contentH: number;
  /** Rows in the layout (transcript) below which nothing can be selected. */
  readonly rowCount: number;
}

export const WHEEL_ROWS = 3;
/** Screen rows above the content (the pager's header). */
const HEADER_ROWS = 1;

export class RowSelection {
  private anchor: number | undefined;
  private cursor: number | undefined;
  private dragging = false;
  private moved = false;

  /** The selected layout rows, first and last, when there is a selection. */
  range(): [number, number] | undefined {
    if (this.anchor === undefined || this.cursor === undefined) return undefined;
    return [Math.min(this.anchor, this.cursor), Math.max(this.anchor, this.cursor)];
  }

  has(row: number): boolean {
    const r = this.range();
    return r !== undefined && row >= r[0] && row <= r[1];
  }

  clear(): boolean {
    const had = this.anchor !== undefined;
    this.anchor = this.cursor = undefined;
    this.dragging = false;
    return had;
  }

  /** Apply one report; returns 'copy' when a drag ended with rows selected. */
  handle(ev: MouseEvent, view: MouseView): 'copy' | undefined {
    if (ev.kind === 'wheel-up' || ev.kind === 'wheel-down') {
      view.top = Math.max(0, view.top + (ev.kind === 'wheel-up' ? -WHEEL_ROWS : WHEEL_ROWS));
      view.follow = false;
      return undefined;
    }
    if (ev.button !== 0 || ev.kind === 'move') return undefined;
    const row = this.rowAt(ev.y, view);
    if (ev.kind === 'press') {
      this.clear();
      if (row === undefined) return undefined;
      this.anchor = this.cursor = row;
      this.dragging = true;
      this.moved = false;
      return undefined;
    }
    if (!this.dragging) return undefined;
    if (ev.kind === 'drag') {
      // Past the content's top or bottom edge the view scrolls along with the drag.
      const screenRow = ev.y - HEADER_ROWS - 1;
      if (screenRow < 0 && view.top > 0) {
        view.top -= 1;
        view.follow = false;
      } else if (screenRow >= view.contentH && view.top + view.contentH < view.rowCount) {
        view.top += 1;
        view.follow = false;
      }
      const at = this.clampRow(screenRow, view);
      if (at !== undefined && at !== this.cursor) {
        this.cursor = at;
        this.moved = true;
      }
      return undefined;
    }
    // Release.
    this.dragging = false;
    if (row !== undefined && row !== this.cursor) {
      this.cursor = row;
      this.moved = true;
    }
    if (!this.moved) {
      this.clear();
      return undefined;
    }
    return 'copy';
  }

  /** The layout row under screen row `y` (1-based), if it is a content row with text. */
  private rowAt(y: number, view: MouseView): number | undefined {
    const screenRow = y - HEADER_ROWS - 1;
    if (screenRow < 0 || screenRow >= view.contentH) return undefined;
    const r = view.top + screenRow;
    return r < view.rowCount ? r : undefined;
  }

  private clampRow(screenRow: number, view: MouseView): number | undefined {
    if (view.rowCount === 0) return undefined;
    const r = view.top + Math.min(Math.max(0, screenRow), view.contentH - 1);
    return Math.min(r, view.rowCount - 1);
  }
}

// Views that take the keyboard for a while: pickers (model, approvals, sessions), the
// transcript pager, the backtrack selector. The top overlay gets every key before the
// composer and is drawn in place of the composer; popups tied to the composer (`@`, `/`)
// are the composer's own business and are not overlays.
import type { Key } from '../term/keys.js';
import type { Line } from '../term/style.js';

/** What an overlay did with a key. */
export type OverlayResult =
  /** Handled; keep the overlay open. */
  | 'keep'
  /** Handled; close the overlay. */
  | 'close'
  /** Not handled; the app handles it as if no overlay were open (Ctrl+C still quits). */
  | 'pass';

export interface Overlay {
  /** Handle one key (paste included). */
  handle(key: Key): OverlayResult;
  /** Rows to draw in place of the composer, at most `maxRows`; cursor relative to them. */
  render(width: number, maxRows: number): { lines: Line[]; cursor?: { row: number; col: number } };
  /** Full screen overlays (the pager) get the whole terminal height. */
  readonly fullHeight?: boolean;
  /** Wants mouse reports (SGR) while it is drawn full height; the renderer turns them on and off. */
  readonly mouse?: boolean;
  /** Called once when the overlay is closed (by a key, by the app, or on quit). */
  onClose?(): void;
}

/**
 * Session-level actions the slash commands and pickers call (`/new`, `/resume`, `/fork`,
 * backtrack). run-tui implements them: each shuts the current session down and spawns the
 * next one in the same app, keeping the terminal.
 */
export interface SessionActions {
  /** A fresh session with the same settings (`/new`). */
  newSession(): Promise<void>;
  /** Open the resume picker (`/resume`); resumes the chosen session. */
  resume(): Promise<void>;
  /**
   * Fork the current session (`/fork`), or an earlier point: keep the first `nthUserMessage`
   * user messages. Backtrack (Esc Esc) passes the edited message as `prefill` and, once this
   * resolves, sends it itself as the fork's first turn (and cuts the transcript there); an
   * implementation may show `prefill` but must not send it. `redraw: false` (backtrack): the
   * caller re-draws the kept transcript itself, so no new header and no replay are shown.
   */
  fork(opts?: { nthUserMessage?: number; prefill?: string; redraw?: false }): Promise<void>;
}

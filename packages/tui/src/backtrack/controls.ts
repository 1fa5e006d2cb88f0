// The control keys that sit between the composer and the app: Esc Esc backtrack (edit an
// earlier user message and send it as a fork of the session), Ctrl+T the transcript pager,
// F2 the warnings tray, and the footer hints they need. Backtrack as Codex: the first Esc on
// an empty composer shows "esc again to edit previous message", the second opens the pager
// with the latest user message highlighted; Enter puts it into the composer, and sending it
// forks the session before that message (`sessions.fork({ nthUserMessage, prefill })`). Then,
// as Codex after a backtrack, the chat on screen is re-drawn from the kept transcript (inline
// mode clears the screen and the scrollback first, so the dropped messages are gone), never
// while a turn streams: a fork is only sent when no turn runs.
import type { Composer } from '../composer/composer.js';
import { NoticeCell, type Cell } from '../cells/cell.js';
import type { ChatView } from '../app/chat-view.js';
import type { Overlay, SessionActions } from '../app/overlay.js';
import { TranscriptPager } from '../pager/pager.js';
import type { Key } from '../term/keys.js';
import { sp, type Line } from '../term/style.js';
import { truncate } from '../term/wrap.js';
import { WarningsOverlay, WarningsTray } from '../warnings/tray.js';

/** Copies text and returns the notice saying what was copied and how. */
export type CopyFn = (text: string, what: string) => Promise<string>;

/** What the controls need from the app. */
export interface ControlHost {
  readonly composer: Composer;
  readonly chat: ChatView;
  readonly deps: { sessions?: SessionActions; clipboard?: CopyFn; log?: { warn(o: object, m?: string): void } | undefined };
  readonly isRunning: boolean;
  readonly topOverlay: Overlay | undefined;
  openOverlay(o: Overlay): void;
  show(cell: Cell): void;
  submitText(text: string): void;
  requestFrame(): void;
  /** Replace the chat on screen with these rows (rendered at the terminal's width). */
  rewriteChat?(render: (cols: number) => Line[]): boolean;
}

export class Controls {
  readonly tray = new WarningsTray();
  private escPrimed = false;
  /** Set between Enter on a backtrack selection and sending the edited message. */
  private pendingFork: { nth: number } | undefined;

  constructor(private readonly app: ControlHost) {}

  get editing(): { nth: number } | undefined {
    return this.pendingFork;
  }

  /** A key the composer would otherwise get (no modal or overlay open). True when taken. */
  onKey(key: Key): boolean {
    const primed = this.escPrimed;
    this.escPrimed = false;
    if (key.name === 't' && key.ctrl) {
      this.openPager(false);
      return true;
    }
    if (key.name === 'f2') {
      if (this.tray.items.length === 0) this.app.show(new NoticeCell('No warnings.', 'info'));
      else this.app.openOverlay(new WarningsOverlay(this.tray, this.app.deps.clipboard, () => this.app.requestFrame()));
      return true;
    }
    if (key.name !== 'escape' || this.app.isRunning) return false;
    if (this.pendingFork) {
      // Esc leaves the edit: the composer is cleared, nothing is forked.
      this.pendingFork = undefined;
      this.app.composer.clear();
      return true;
    }
    if (!this.app.composer.isEmpty) return false;
    if (!primed) {
      this.escPrimed = this.app.chat.transcript.userEntries().length > 0;
      return this.escPrimed;
    }
    this.openPager(true);
    return true;
  }

  /** The composer submitted `text`; true when it was an edited earlier message (a fork). */
  onSubmit(text: string): boolean {
    const pending = this.pendingFork;
    if (!pending) return false;
    const sessions = this.app.deps.sessions;
    if (!sessions) {
      this.app.show(new NoticeCell('Editing an earlier message forks the session, and this build cannot switch sessions yet; nothing was sent. Esc leaves the edit.', 'warning'));
      this.app.composer.set(text);
      return true;
    }
    if (this.app.isRunning) {
      this.app.show(new NoticeCell('A turn is running: interrupt it (esc) or wait, then send the edited message again.', 'warning'));
      this.app.composer.set(text);
      return true;
    }
    this.pendingFork = undefined;
    void this.fork(sessions, pending.nth, text);
    return true;
  }

  /** Footer rows above the status line. */
  footer(width: number): Line[] {
    const out: Line[] = [];
    if (this.escPrimed) out.push([sp(truncate('  esc again to edit previous message', width), { dim: true })]);
    if (this.pendingFork) out.push([sp(truncate(`  editing message ${this.pendingFork.nth + 1}: enter sends it as a fork of the session · esc cancels`, width), { fg: 'cyan' })]);
    const tray = this.tray.footer(width);
    if (tray) out.push(tray);
    return out;
  }

  /** Ctrl+T (or Esc Esc with `backtrack`). */
  openPager(backtrack: boolean): void {
    const transcript = this.app.chat.transcript;
    if (backtrack && transcript.userEntries().length === 0) return;
    this.app.openOverlay(
      new TranscriptPager({
        transcript,
        live: () => this.app.chat.liveCells(),
        ...(this.app.deps.clipboard ? { copy: this.app.deps.clipboard } : {}),
        onEdit: (nth, text) => {
          this.pendingFork = { nth };
          this.app.composer.set(text);
        },
        backtrack,
        redraw: () => this.app.requestFrame(),
      }),
    );
  }

  private async fork(sessions: SessionActions, nth: number, text: string): Promise<void> {
    try {
      await sessions.fork({ nthUserMessage: nth, prefill: text, redraw: false });
    } catch (err: unknown) {
      this.app.deps.log?.warn({ err }, 'backtrack fork failed');
      this.app.show(new NoticeCell(`Could not fork the session: ${(err as Error).message}`, 'error'));
      this.pendingFork = { nth };
      this.app.composer.set(text);
      return;
    }
    // The new session holds the first `nth` user messages; the transcript follows it.
    const transcript = this.app.chat.transcript;
    transcript.cutAtUser(nth);
    // Never while a turn streams (one sent meanwhile from the composer): then only a notice.
    if (this.app.isRunning || !this.app.rewriteChat?.((cols) => transcript.entries.flatMap((e) => [...e.cell.render(cols), []]))) this.app.show(new NoticeCell(`Forked the session before message ${nth + 1}; later messages are not part of it.`, 'info'));
    // An implementation may have put the text into the composer; it is sent here, once.
    if (this.app.composer.text === text) this.app.composer.clear();
    this.app.submitText(text);
  }
}

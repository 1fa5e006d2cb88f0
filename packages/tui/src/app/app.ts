// The interactive controller: keys go to the approval modal, the composer or the
// control actions (Esc interrupts, Ctrl+C twice quits); engine events go to the chat;
// every change asks the renderer for one batched frame.
import type { Event, Op, ReviewDecision, TokenUsage } from '@codex-ts/protocol';
import { DecisionCell, UserCell, type Cell } from '../cells/cell.js';
import { Composer } from '../composer/composer.js';
import { ComposerPopups } from '../composer/popups.js';
import { SlashCommands, type SlashEnv } from '../slash/run.js';
import type { Key } from '../term/keys.js';
import { sp, type Line } from '../term/style.js';
import type { LiveFrame } from '../term/inline-renderer.js';
import { ApprovalModal, type ApprovalRequest } from './approval.js';
import { ChatView, type Sink } from './chat-view.js';
import type { Overlay, SessionActions } from './overlay.js';
import { runSessionCommand } from '../sessions/session-commands.js';
import type { NotificationKind } from './notifications.js';
import { shortcutRows } from './shortcuts.js';
import { statusLine, workingLine, type StatusInfo } from './status.js';
import { Controls, type CopyFn } from '../backtrack/controls.js';
import { handleComposerKey } from '../composer/keys.js';

/** The slice of core's Codex the TUI drives. */
export interface Engine {
  submit(op: Op): Promise<string>;
  events(): AsyncIterable<Event>;
}

/** A renderer (inline or alternate screen). */
export interface Renderer extends Sink {
  readonly rows: number;
  draw(final?: boolean): void;
  close(): void;
  /** Replace the chat shown so far (inline: the terminal's screen and scrollback) with `lines`. */
  rewrite?(lines: Line[]): void;
}

/** Settings of the turns this app submits. */
export type TurnSettings = Pick<Extract<Op, { type: 'user_turn' }>, 'cwd' | 'approval_policy' | 'sandbox_policy' | 'model' | 'effort' | 'summary'>;

export interface AppDeps {
  engine: Engine;
  status: StatusInfo;
  /** Unset until the config is loaded; messages typed before wait for it. */
  turn?: TurnSettings;
  history: string[];
  /** Bell + desktop notification (OSC 9). */
  notify(text: string): void;
  /** Which events notify (default: approvals only). */
  notifyOn?: Set<NotificationKind>;
  log?: { info(o: object, m?: string): void; warn(o: object, m?: string): void } | undefined;
  /** Set by run-tui once sessions can be switched (`/new`, `/resume`, `/fork`, backtrack). */
  sessions?: SessionActions;
  /** Copies text to the clipboard (OSC 52 / platform tool); returns what was copied and how. */
  clipboard?: CopyFn;
  /** What the slash commands need beyond the turn (codex home, provider, env). */
  slash?: SlashEnv;
}

export class App {
  readonly composer: Composer;
  readonly chat: ChatView;
  /** Backtrack, the transcript pager, the warnings tray. */
  readonly controls: Controls;
  /** The `/` and `@` popups under the composer. */
  readonly popups: ComposerPopups;
  readonly commands: SlashCommands;
  private renderer: Renderer;
  /** Shown at the top of the live area until the config is loaded. */
  private liveHeader: Cell | undefined;
  private readonly waiting: Array<{ text: string; images: string[] }> = [];
  private readonly modals: ApprovalModal[] = [];
  /** Pickers, pager, backtrack: the top one takes the keys and replaces the composer. */
  private readonly overlays: Overlay[] = [];
  private running = false;
  private turnStart = 0;
  private ticker: NodeJS.Timeout | undefined;
  private quitArmed = false;
  private help = false;
  private quitting = false;
  private resolveQuit!: () => void;
  readonly quit: Promise<void>;
  usage: TokenUsage | undefined;
  shutdownSeen = false;

  constructor(readonly deps: AppDeps, makeRenderer: (frame: () => LiveFrame) => Renderer) {
    this.composer = new Composer(deps.history);
    this.quit = new Promise((res) => (this.resolveQuit = res));
    this.renderer = makeRenderer(() => this.frame());
    const self = this;
    this.chat = new ChatView({
      commit: (lines) => self.renderer.commit(lines),
      schedule: () => self.renderer.schedule(),
      get cols() {
        return self.renderer.cols;
      },
    });
    this.chat.cwd = deps.turn?.cwd;
    this.composer.cwd = deps.turn?.cwd ?? deps.status.cwd;
    this.popups = new ComposerPopups(this.composer, () => this.deps.turn?.cwd ?? this.deps.status.cwd, () => this.renderer.schedule());
    this.commands = new SlashCommands(this);
    this.controls = new Controls(this);
  }

  /** Ask for a redraw at the next frame. */
  requestFrame(): void {
    this.renderer.schedule();
  }

  /** A header kept live (not yet in scrollback) until `configure`. */
  setLiveHeader(cell: Cell | undefined): void {
    this.liveHeader = cell;
    this.renderer.schedule();
  }

  /** Replace the renderer (inline → full screen once the config asks for it). */
  switchRenderer(make: (frame: () => LiveFrame) => Renderer, between?: () => void): void {
    // The old renderer erases its live area first, on the screen it drew it on.
    this.renderer.close();
    between?.();
    this.renderer = make(() => this.frame());
    this.renderer.schedule();
  }

  /** The config is loaded: turn settings known, messages typed meanwhile are sent. */
  configure(turn: TurnSettings, status: StatusInfo): void {
    this.deps.turn = turn;
    this.deps.status = status;
    this.chat.cwd = turn.cwd;
    this.composer.cwd = turn.cwd;
    for (const w of this.waiting.splice(0)) this.send(w.text, w.images);
    this.renderer.schedule();
  }

  get isRunning(): boolean {
    return this.running;
  }

  /** Replace the chat on screen (a backtrack fork re-draws the kept transcript); false when the renderer cannot. */
  rewriteChat(render: (cols: number) => Line[]): boolean {
    if (!this.renderer.rewrite) return false;
    this.renderer.rewrite(render(this.renderer.cols));
    return true;
  }

  /** Commit a cell (e.g. the header) and draw. */
  show(cell: Cell): void {
    this.chat.commit(cell);
    this.renderer.schedule();
  }

  drawNow(): void {
    this.renderer.draw();
  }

  /** Submit a user message (also used for the prompt given on the command line); `images` are local paths. */
  submitText(text: string, images: string[] = []): void {
    if (runSessionCommand(text, this.deps.sessions)) return;
    this.chat.commit(new UserCell(text));
    this.quitArmed = false;
    if (this.deps.turn) this.send(text, images);
    else this.waiting.push({ text, images });
    this.renderer.schedule();
  }

  schedule(): void {
    this.renderer.schedule();
  }

  syncPopups(): void {
    this.popups.sync();
  }

  private send(text: string, images: string[] = []): void {
    // As Codex's TUI: every message sent also goes to $CODEX_HOME/history.jsonl (Up recalls it).
    void this.deps.engine.submit({ type: 'add_to_history', text }).catch((err: unknown) => {
      this.deps.log?.warn({ err }, 'add_to_history failed');
    });
    const items: Extract<Op, { type: 'user_turn' }>['items'] = [...images.map((path) => ({ type: 'local_image' as const, path })), { type: 'text', text }];
    void this.deps.engine.submit({ type: 'user_turn', items, ...this.deps.turn! }).catch((err: unknown) => {
      this.deps.log?.warn({ err }, 'submit failed');
    });
  }

  onEvent(ev: Event): void {
    const msg = ev.msg;
    if (this.controls.tray.onEvent(msg)) return this.renderer.schedule();
    switch (msg.type) {
      case 'task_started':
        this.setRunning(true);
        if (msg.model_context_window) this.deps.status.contextWindow = msg.model_context_window;
        break;
      case 'task_complete':
        this.chat.endTurn();
        this.setRunning(false);
        if (this.deps.notifyOn?.has('agent-turn-complete')) this.deps.notify('Codex: turn complete');
        break;
      case 'turn_aborted':
        this.modals.length = 0;
        this.chat.endTurn({ text: 'Interrupted. Tell the model what to do differently.', kind: 'error' });
        this.setRunning(false);
        break;
      case 'token_count':
        if (msg.info) {
          this.usage = msg.info.total_token_usage;
          this.deps.status.usage = this.usage;
          if (msg.info.model_context_window) this.deps.status.contextWindow = msg.info.model_context_window;
        }
        break;
      case 'session_configured':
        this.deps.status.model = msg.model;
        this.deps.status.sessionId = msg.session_id;
        break;
      case 'exec_approval_request':
        this.openModal({ kind: 'exec', id: ev.id, callId: msg.call_id, command: msg.command, cwd: msg.cwd, reason: msg.reason ?? null });
        break;
      case 'apply_patch_approval_request':
        this.openModal({ kind: 'patch', id: ev.id, callId: msg.call_id, changes: msg.changes, reason: msg.reason ?? null, grantRoot: msg.grant_root ?? null });
        break;
      case 'shutdown_complete':
        this.shutdownSeen = true;
        break;
      default:
        if (!this.chat.onEvent(msg) && !this.commands.onEvent(msg)) return;
    }
    this.renderer.schedule();
  }

  onKey(key: Key): void {
    if (this.quitting) return;
    const modal = this.modals[0];
    if (key.name === 'c' && key.ctrl) return this.ctrlC();
    if (key.name === 'd' && key.ctrl && this.composer.isEmpty && !modal) return this.requestQuit();
    if (this.quitArmed) this.quitArmed = false;
    const overlay = this.topOverlay;
    if (overlay && !modal) {
      const r = overlay.handle(key);
      if (r === 'close') this.closeOverlay(overlay);
      if (r !== 'pass') {
        this.renderer.schedule();
        return;
      }
    }
    if (modal) {
      const decision = modal.handle(key);
      if (decision) this.answer(modal, decision);
      this.renderer.schedule();
      return;
    }
    if (this.help) {
      this.help = false;
      this.renderer.schedule();
      if (key.name === 'escape' || (key.name === 'text' && key.text === '?')) return;
    } else if (key.name === 'text' && key.text === '?' && this.composer.isEmpty) {
      this.help = true;
      this.renderer.schedule();
      return;
    }
    const p = this.popups.handle(key);
    if (p.kind === 'command') this.commands.run(p.name);
    if (p.kind !== 'none') {
      this.renderer.schedule();
      return;
    }
    if (handleComposerKey(this, key) || this.controls.onKey(key)) return this.renderer.schedule();
    if (key.name === 'escape') {
      if (this.running) this.interrupt();
      return;
    }
    if (key.name === 'v' && key.ctrl) return void import('../clipboard/paste-key.js').then((m) => m.pasteClipboardImage(this));
    const r = this.composer.handle(key);
    if (r.kind === 'submit' && !this.controls.onSubmit(r.text) && !this.commands.tryRun(r.text)) this.submitText(r.text, r.images);
    this.popups.sync();
    if (r.kind !== 'ignored') this.renderer.schedule();
  }

  /** Open an overlay on top of the others; it gets the keys until it closes. */
  openOverlay(overlay: Overlay): void {
    this.overlays.push(overlay);
    this.renderer.schedule();
  }

  /** Close an overlay (the top one when none is given). */
  closeOverlay(overlay?: Overlay): void {
    const i = overlay ? this.overlays.lastIndexOf(overlay) : this.overlays.length - 1;
    if (i < 0) return;
    const [closed] = this.overlays.splice(i, 1);
    closed?.onClose?.();
    this.renderer.schedule();
  }

  get topOverlay(): Overlay | undefined {
    return this.overlays[this.overlays.length - 1];
  }

  /** A session switch (`/new`, `/resume`, `/fork`): nothing of the old session stays live. */
  resetForSession(): void {
    this.modals.length = 0;
    this.chat.endTurn();
    this.setRunning(false);
    this.usage = undefined;
    this.deps.status.usage = undefined;
    this.shutdownSeen = false;
    this.renderer.schedule();
  }

  /** Redraw at the new size. */
  onResize(): void {
    this.renderer.schedule();
  }

  /** Stop the ticker and the renderer (the caller restores the terminal). */
  close(): void {
    this.quitting = true;
    this.popups.close();
    while (this.overlays.length) this.overlays.pop()?.onClose?.();
    if (this.ticker) clearInterval(this.ticker);
    this.ticker = undefined;
    this.renderer.close();
  }

  requestQuit(): void {
    if (this.quitting) return;
    this.quitting = true;
    this.resolveQuit();
  }

  private ctrlC(): void {
    const modal = this.modals[0];
    if (modal) {
      this.answer(modal, 'abort');
    } else if (this.topOverlay) {
      this.closeOverlay();
      return;
    } else if (this.running) {
      this.interrupt();
    } else if (!this.composer.isEmpty) {
      this.composer.clear();
    } else if (this.quitArmed) {
      return this.requestQuit();
    }
    this.quitArmed = true;
    this.renderer.schedule();
  }

  private interrupt(): void {
    void this.deps.engine.submit({ type: 'interrupt' }).catch(() => undefined);
  }

  private openModal(req: ApprovalRequest): void {
    const modal = new ApprovalModal(req, this.deps.turn?.cwd);
    this.modals.push(modal);
    if (this.deps.notifyOn?.has('approval-requested') ?? true) this.deps.notify(modal.summary());
  }

  private answer(modal: ApprovalModal, decision: ReviewDecision): void {
    this.modals.shift();
    const req = modal.req;
    this.deps.log?.info({ call_id: req.callId, decision }, 'approval answered');
    const d = modal.decisionText(decision);
    this.chat.commit(new DecisionCell(d.text, d.ok));
    const op: Op = req.kind === 'exec' ? { type: 'exec_approval', id: req.id, decision } : { type: 'patch_approval', id: req.id, decision };
    void this.deps.engine.submit(op).catch(() => undefined);
    if (decision === 'abort') this.interrupt();
  }

  private setRunning(on: boolean): void {
    this.running = on;
    if (on && !this.ticker) {
      this.turnStart = Date.now();
      // Once a second while working, for the elapsed time; nothing ticks when idle.
      this.ticker = setInterval(() => this.renderer.schedule(), 1000);
    } else if (!on && this.ticker) {
      clearInterval(this.ticker);
      this.ticker = undefined;
    }
  }

  /** The live area: streaming cells, modal or composer, status. */
  private frame(): LiveFrame {
    const width = this.renderer.cols;
    const footer: Line[] = [];
    let cursor: { row: number; col: number } | undefined;
    const modal = this.modals[0];
    const overlay = this.topOverlay;
    let body: Line[];
    if (modal) {
      body = modal.render(width, this.renderer.rows - 2);
    } else if (overlay) {
      const o = overlay.render(width, overlay.fullHeight ? this.renderer.rows : this.renderer.rows - 2);
      if (overlay.fullHeight) return { ...o, fullScreen: true, ...(overlay.mouse ? { mouse: true } : {}) };
      body = o.lines;
      if (o.cursor) cursor = { ...o.cursor };
    } else {
      const c = this.composer.render(width, true);
      body = this.help ? [...shortcutRows(width), [], ...c.lines] : [...c.lines, ...this.popups.render(width)];
      if (this.help) c.cursor.row += body.length - c.lines.length;
      cursor = { row: c.cursor.row, col: Math.min(c.cursor.col, width - 1) };
    }
    footer.push(...this.controls.footer(width));
    footer.push(this.quitArmed ? [sp('  ctrl+c again to quit', { fg: 'yellow' })] : statusLine(this.deps.status, width, this.composer.isEmpty && !this.help));
    const head: Line[] = this.liveHeader ? [...this.liveHeader.render(width), []] : [];
    if (this.running) head.push(workingLine(this.turnStart, Date.now(), width), []);
    const budget = this.renderer.rows - 1 - body.length - footer.length - head.length;
    const live = this.chat.liveRows(width, budget);
    const lines = [...live, ...(live.length ? [[] as Line] : []), ...head, ...body, ...footer];
    if (cursor) cursor = { row: live.length + (live.length ? 1 : 0) + head.length + cursor.row, col: cursor.col };
    return cursor ? { lines, cursor } : { lines };
  }
}

// The session lifecycle inside one TUI: spawn a session (new, resumed or forked), pump its
// events into the app, shut it down, and switch to the next one in the same app and
// terminal (`/new`, `/resume`, `/fork`, backtrack). The app talks to a stable engine proxy
// whose ops wait for whichever session is current. One switch at a time; the old session's
// events stop (shutdown_complete or the grace period) before the next session starts.
import type { Event, Op } from '@codex-ts/protocol';
import type { App, Engine } from '../app/app.js';
import type { SessionActions } from '../app/overlay.js';
import { NoticeCell } from '../cells/cell.js';
import { eventsHaveConversation, replayEvents, replayHistory } from './replay.js';
import { ResumePicker, type PickerSession } from './resume-picker.js';

type Core = typeof import('@codex-ts/core');
type Config = import('@codex-ts/core').Config;
type Logger = ReturnType<Core['openLogFile']>;

/** How long to wait for `shutdown_complete`. */
const SHUTDOWN_GRACE_MS = 3_000;

/** Which session to start. */
export type SessionSpec =
  | { kind: 'new' }
  | { kind: 'resume'; path: string }
  | { kind: 'fork'; path: string; nthUserMessage?: number; prefill?: string; redraw?: false };

export interface SessionHostOptions {
  core: Core;
  config: Config;
  logger: Logger;
  app: App;
  env: NodeJS.ProcessEnv;
  version: string;
  /** Commit the session header (at start and at every switch). */
  showHeader(): void;
  /** Include `exec`/`mcp` sessions in the picker (`--include-non-interactive`). */
  includeNonInteractive?: boolean;
}

interface Current {
  codex: Engine & { submit(op: Op): Promise<string> };
  sessionId: string;
  rolloutPath: string;
  pump: Promise<void>;
}

/** Sessions a person started (the picker and `--last` skip `codex exec` runs, as Codex does). */
export function isInteractiveSource(source: unknown): boolean {
  return source === undefined || source === 'cli' || source === 'vscode';
}

export class SessionHost implements SessionActions {
  private current: Current | undefined;
  private ready!: Promise<Engine | Error>;
  private resolveReady!: (e: Engine | Error) => void;
  /** Whether `ready` has been resolved (a new one is made for the next session). */
  private readySettled = false;
  private switching: Promise<void> = Promise.resolve();
  /** The engine the app submits to; ops wait for the current session. */
  readonly engine: Engine;

  constructor(private readonly o: SessionHostOptions) {
    this.resetReady();
    this.engine = {
      submit: async (op: Op) => {
        const e = await this.ready;
        if (e instanceof Error) throw e;
        return e.submit(op);
      },
      events: () => {
        throw new Error('events() is read by the session host');
      },
    };
  }

  private resetReady(): void {
    this.readySettled = false;
    this.ready = new Promise((res) => {
      this.resolveReady = (e) => {
        this.readySettled = true;
        res(e);
      };
    });
  }

  private lastId: string | undefined;

  /** The last session started (still named after `close()`, for the `codex resume <id>` line). */
  get lastSessionId(): string | undefined {
    return this.lastId;
  }

  /** The current session's id. */
  get sessionId(): string | undefined {
    return this.current?.sessionId;
  }

  get rolloutPath(): string | undefined {
    return this.current?.rolloutPath;
  }

  /** Sessions for the picker: this directory's (or all), interactive ones, newest first. */
  listSessions(all: boolean): PickerSession[] {
    const { core, config } = this.o;
    const list = core.listSessions(config.codex_home, all ? {} : { cwd: config.cwd });
    return list.filter((s) => s.id !== this.current?.sessionId && (this.o.includeNonInteractive || isInteractiveSource(s.source)));
  }

  /** Start the first session (no session is running yet). */
  async start(spec: SessionSpec): Promise<boolean> {
    return this.spawn(spec);
  }

  newSession(): Promise<void> {
    return this.switchTo({ kind: 'new' });
  }

  resume(): Promise<void> {
    return new Promise<void>((res) => {
      this.o.app.openOverlay(
        new ResumePicker({
          load: (all) => this.listSessions(all),
          inSession: true,
          onPick: (s) => void this.switchTo({ kind: 'resume', path: s.path }).then(res),
          onCancel: () => res(),
          onAbort: () => res(),
        }),
      );
    });
  }

  async fork(opts: { nthUserMessage?: number; prefill?: string; redraw?: false } = {}): Promise<void> {
    const from = this.current?.rolloutPath;
    if (!from) {
      this.o.app.show(new NoticeCell('Nothing to fork yet: the session has not started.', 'error'));
      return;
    }
    return this.switchTo({ kind: 'fork', path: from, ...opts });
  }

  /** Shut the current session down and start `spec` in the same app. */
  switchTo(spec: SessionSpec): Promise<void> {
    const run = this.switching.then(async () => {
      await this.stop();
      this.o.app.resetForSession();
      await this.spawn(spec);
    });
    this.switching = run.catch((err: unknown) => this.o.logger.error({ err }, 'session switch failed'));
    return this.switching;
  }

  /** On quit: let a switch in progress finish, then shut the current session down. */
  async close(): Promise<void> {
    await this.switching;
    await this.stop();
  }

  /** Interrupt and shut down the current session; waits for its last events (bounded). */
  async stop(): Promise<void> {
    const cur = this.current;
    if (!cur) return;
    this.current = undefined;
    this.resetReady();
    if (this.o.app.isRunning) void cur.codex.submit({ type: 'interrupt' }).catch(() => undefined);
    void cur.codex.submit({ type: 'shutdown' }).catch(() => undefined);
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([cur.pump, new Promise((res) => (timer = setTimeout(res, SHUTDOWN_GRACE_MS)))]);
    if (timer) clearTimeout(timer);
  }

  private async spawn(spec: SessionSpec): Promise<boolean> {
    const { core, config, logger, app } = this.o;
    // After a failed start, ops wait for this one instead of failing with the old error.
    if (this.readySettled) this.resetReady();
    let resumePath: string | undefined;
    try {
      if (spec.kind === 'resume') resumePath = spec.path;
      if (spec.kind === 'fork') {
        resumePath = core.forkSession(config.codex_home, spec.path, {
          ...(spec.nthUserMessage !== undefined ? { nthUserMessage: spec.nthUserMessage } : {}),
          cwd: config.cwd,
          originator: 'codex_cli_rs',
          version: this.o.version,
        }).path;
      }
      const redraw = !(spec.kind === 'fork' && spec.redraw === false);
      if (redraw) this.o.showHeader();
      const spawned = await core.Codex.spawn(config, {
        logger,
        originator: 'codex_cli_rs',
        sessionSource: 'cli',
        env: this.o.env,
        version: this.o.version,
        ...(resumePath !== undefined ? { resumePath } : {}),
      });
      const codex = spawned.codex as Current['codex'];
      const events = codex.events() as AsyncIterable<Event>;
      const pump = (async () => {
        for await (const ev of events) {
          try {
            if (ev.msg.type === 'session_configured' && resumePath !== undefined && redraw) this.replay(ev.msg.initial_messages ?? [], resumePath);
            app.onEvent(ev);
          } catch (err: unknown) {
            logger.error({ err, type: ev.msg.type }, 'event handling failed');
          }
          if (ev.msg.type === 'shutdown_complete') break;
        }
      })().catch((err: unknown) => logger.error({ err }, 'event pump failed'));
      this.current = { codex, sessionId: spawned.sessionId, rolloutPath: spawned.rolloutPath, pump };
      this.lastId = spawned.sessionId;
      this.resolveReady(codex);
      logger.info({ session: spawned.sessionId, kind: spec.kind, from: spec.kind === 'new' ? undefined : spec.path }, 'session started');
      if (spec.kind === 'fork' && spec.prefill !== undefined) app.composer.set(spec.prefill);
      return true;
    } catch (err: unknown) {
      this.resolveReady(err as Error);
      logger.error({ err }, 'could not start the session');
      app.show(new NoticeCell(`Could not start the session: ${(err as Error).message}`, 'error'));
      return false;
    }
  }

  /** Show the resumed conversation: its recorded events, or its history items for a codex-ts fork. */
  private replay(events: ReadonlyArray<{ type: string }>, path: string): void {
    const chat = this.o.app.chat;
    if (eventsHaveConversation(events)) {
      replayEvents(chat, events);
      return;
    }
    try {
      replayHistory(chat, this.o.core.loadRollout(path).history);
    } catch (err: unknown) {
      this.o.logger.warn({ err, path }, 'could not read the session back for display');
    }
  }
}

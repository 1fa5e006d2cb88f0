// `codex [PROMPT]`: the interactive TUI. Sets the terminal up and paints the first frame
// before the engine is loaded, then loads the config, spawns the session, pumps events
// into the app and keys from stdin, and on quit shuts the session down, restores the
// terminal and prints the token usage and the `codex resume` line.
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { AskForApproval, Event, Op, ReasoningEffort, ReasoningSummary, SandboxMode } from '@codex-ts/protocol';
import { App, type Engine, type Renderer } from './app/app.js';
import { tokenUsageLine } from './app/status.js';
import { HeaderCell, NoticeCell } from './cells/cell.js';
import { readHistory } from './composer/history.js';
import type { TuiIo, TuiOptions } from './options.js';
import { AltScreenRenderer } from './term/alt-renderer.js';
import { InlineRenderer, type LiveFrame } from './term/inline-renderer.js';
import { KeyDecoder } from './term/keys.js';
import { colorEnabled, enterTerminal, notifyBytes } from './term/terminal.js';

/** How long to wait for `shutdown_complete` on quit. */
const SHUTDOWN_GRACE_MS = 3_000;

function defaultIo(io: Partial<TuiIo>): TuiIo {
  return {
    stdin: io.stdin ?? process.stdin,
    stdout: io.stdout ?? process.stdout,
    stderr: io.stderr ?? process.stderr,
    env: io.env ?? process.env,
    cwd: io.cwd ?? process.cwd(),
    version: io.version ?? '0.0.0',
  };
}

/** Sandbox and approval from the flags, Codex's precedence: --full-auto, --yolo, then -s/-a. */
export function permissionsFromFlags(o: TuiOptions): { sandbox?: SandboxMode; approval?: AskForApproval } {
  if (o.fullAuto) return { sandbox: 'workspace-write', approval: 'on-request' };
  if (o.dangerouslyBypassApprovalsAndSandbox) return { sandbox: 'danger-full-access', approval: 'never' };
  return { ...(o.sandbox ? { sandbox: o.sandbox } : {}), ...(o.approvalPolicy ? { approval: o.approvalPolicy } : {}) };
}

/** Run the TUI until the user quits. Returns the exit code; never throws. */
export async function runTui(options: TuiOptions = {}, ioIn: Partial<TuiIo> = {}): Promise<number> {
  const io = defaultIo(ioIn);
  if (!io.stdin.isTTY || !io.stdout.isTTY) {
    io.stderr.write('Error: the interactive TUI needs a terminal (stdin and stdout must be a TTY); use `codex exec` for scripts.\n');
    return 1;
  }
  let cwd = io.cwd;
  if (options.cd !== undefined) {
    cwd = resolve(io.cwd, options.cd);
    if (!existsSync(cwd) || !statSync(cwd).isDirectory()) {
      io.stderr.write(`Error: --cd ${options.cd}: ${cwd} is not a directory.\n`);
      return 1;
    }
  }
  const core = await import('@codex-ts/core');
  let config: import('@codex-ts/core').Config;
  try {
    const perms = permissionsFromFlags(options);
    config = core.loadConfig({
      env: io.env,
      overrides: [...(options.config ?? [])],
      cli: {
        ...(options.model !== undefined ? { model: options.model } : {}),
        ...(options.profile !== undefined ? { profile: options.profile } : {}),
        ...(perms.sandbox ? { sandbox_mode: perms.sandbox } : {}),
        ...(perms.approval ? { approval_policy: perms.approval } : {}),
        cwd,
        ...(options.oss ? { oss: true } : {}),
        ...(options.addDir?.length ? { additional_writable_roots: options.addDir.map((d) => resolve(cwd, d)) } : {}),
      },
    });
  } catch (err: unknown) {
    io.stderr.write(`Error loading configuration: ${(err as Error).message}\n`);
    return 1;
  }
  const logger = core.openLogFile(config.codex_home, 'codex-tui', io.env);
  const tuiTable = (config.toml['tui'] ?? {}) as Record<string, unknown>;
  const alt = options.altScreen ?? tuiTable['alternate_screen'] === true;
  const color = colorEnabled(io.env);
  const out = io.stdout;

  // The engine arrives after the first frame; ops sent before wait for it.
  let resolveEngine!: (e: Engine | Error) => void;
  const enginePromise = new Promise<Engine | Error>((res) => (resolveEngine = res));
  const engine: Engine = {
    submit: async (op: Op) => {
      const e = await enginePromise;
      if (e instanceof Error) throw e;
      return e.submit(op);
    },
    events: () => {
      throw new Error('not used');
    },
  };
  const restore = enterTerminal(io.stdin, out, alt);
  const app = new App(
    {
      engine,
      status: { model: config.model, cwd: config.cwd, sandbox: config.sandbox_mode, approval: config.approval_policy },
      turn: {
        cwd: config.cwd,
        approval_policy: config.approval_policy,
        sandbox_policy: config.sandbox_policy,
        model: config.model,
        ...(config.model_reasoning_effort !== undefined ? { effort: config.model_reasoning_effort as ReasoningEffort } : {}),
        summary: config.model_reasoning_summary as ReasoningSummary,
      },
      history: readHistory(config.codex_home),
      notify: (text) => out.write(notifyBytes(text)),
      log: logger,
    },
    (frame: () => LiveFrame): Renderer => (alt ? new AltScreenRenderer(out, color, frame) : new InlineRenderer(out, color, frame)),
  );
  app.show(
    new HeaderCell(
      [
        ['model', config.model],
        ['directory', config.cwd],
        ['approval', config.approval_policy],
        ['sandbox', config.sandbox_mode],
      ],
      `>_ Codex-TS (v${io.version})`,
    ),
  );
  app.drawNow();
  logger.info({ alt, color, cols: out.columns, rows: out.rows }, 'tui started');

  const decoder = new KeyDecoder();
  const onData = (d: string | Buffer): void => {
    for (const key of decoder.feed(typeof d === 'string' ? d : d.toString('utf8'))) app.onKey(key);
  };
  const onResize = (): void => app.onResize();
  const onSignal = (): void => app.requestQuit();
  io.stdin.on('data', onData);
  out.on?.('resize', onResize);
  const signals: NodeJS.Signals[] = ['SIGTERM', 'SIGHUP'];
  for (const s of signals) process.on(s, onSignal);

  let spawned: { codex: Engine; sessionId: string } | undefined;
  let pump: Promise<void> = Promise.resolve();
  try {
    spawned = await core.Codex.spawn(config, { logger, originator: 'codex_cli_rs', sessionSource: 'cli', env: io.env, version: io.version });
    resolveEngine(spawned.codex);
    const events = spawned.codex.events();
    pump = (async () => {
      for await (const ev of events as AsyncIterable<Event>) {
        app.onEvent(ev);
        if (ev.msg.type === 'shutdown_complete') break;
      }
    })().catch((err: unknown) => logger.error({ err }, 'event pump failed'));
    if (options.prompt !== undefined && options.prompt.trim() !== '') app.submitText(options.prompt);
  } catch (err: unknown) {
    resolveEngine(err as Error);
    logger.error({ err }, 'could not start the session');
    app.show(new NoticeCell(`Could not start the session: ${(err as Error).message}`, 'error'));
  }

  await app.quit;
  if (spawned) {
    const codex = spawned.codex;
    if (app.isRunning) void codex.submit({ type: 'interrupt' }).catch(() => undefined);
    void codex.submit({ type: 'shutdown' }).catch(() => undefined);
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([pump, new Promise((res) => (timer = setTimeout(res, SHUTDOWN_GRACE_MS)))]);
    if (timer) clearTimeout(timer);
  }
  app.close();
  io.stdin.off('data', onData);
  out.off?.('resize', onResize);
  for (const s of signals) process.off(s, onSignal);
  restore();
  if (app.usage && app.usage.total_tokens > 0) out.write(`${tokenUsageLine(app.usage)}\n`);
  if (spawned) out.write(`To continue this session, run codex resume ${spawned.sessionId}\n`);
  logger.info({ session: spawned?.sessionId }, 'tui exited');
  return 0;
}

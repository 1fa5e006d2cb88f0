// `codex [PROMPT]`: the interactive TUI, second stage. start.ts has set up the terminal and
// painted the first frame (a "loading" header and the composer) from a few small modules;
// here the App takes over that renderer and the keys typed meanwhile, before the engine is
// even imported; then the config is loaded, first-run onboarding asks what it
// must (sign-in, trust), the session is chosen (new, `codex resume/fork` id, --last or
// picker) and started by the SessionHost, which also switches sessions later (/new,
// /resume, /fork, backtrack). On quit: shut the session down, restore the terminal,
// print the token usage and the `codex resume` line.
import { resolve } from 'node:path';
import type { AskForApproval, Event, Op, ReasoningEffort, ReasoningSummary, SandboxMode } from '@codex-ts/protocol';
import { App, type Engine, type Renderer, type TurnSettings } from './app/app.js';
import { notificationKinds } from './app/notifications.js';
import { tokenUsageLine } from './app/status.js';
import { NoticeCell } from './cells/cell.js';
import { readHistory } from './composer/history.js';
import { runOnboarding } from './onboarding/onboarding.js';
import { foldPasteBurst } from './composer/paste-burst.js';
import type { TuiIo, TuiOptions } from './options.js';
import { SessionHost, type SessionSpec } from './sessions/session-host.js';
import { suspendTui } from './composer/suspend.js';
import { pickAtStart, resolveChoice } from './sessions/start-choice.js';
import { AltScreenRenderer } from './term/alt-renderer.js';
import { InlineRenderer, type LiveFrame } from './term/inline-renderer.js';
import { KeyDecoder } from './term/keys.js';
import { notifyBytes } from './term/terminal.js';
import { startHeader, type Boot } from './start.js';
import { preloadWidth } from './term/wrap.js';
import { resolveTheme, setTheme } from './term/theme.js';
import { copyNotice, copyToClipboard } from './clipboard/clipboard.js';

type Core = typeof import('@codex-ts/core');
type Config = import('@codex-ts/core').Config;

/** Sandbox and approval from the flags, Codex's precedence: --full-auto, --yolo, then -s/-a. */
export function permissionsFromFlags(o: TuiOptions): { sandbox?: SandboxMode; approval?: AskForApproval } {
  if (o.fullAuto) return { sandbox: 'workspace-write', approval: 'on-request' };
  if (o.dangerouslyBypassApprovalsAndSandbox) return { sandbox: 'danger-full-access', approval: 'never' };
  return { ...(o.sandbox ? { sandbox: o.sandbox } : {}), ...(o.approvalPolicy ? { approval: o.approvalPolicy } : {}) };
}

function loadTuiConfig(core: Core, options: TuiOptions, io: TuiIo, cwd: string, extra: { sandbox_mode?: SandboxMode } = {}): Config {
  const perms = permissionsFromFlags(options);
  return core.loadConfig({
    env: io.env,
    overrides: [...(options.config ?? [])],
    cli: {
      ...(options.model !== undefined ? { model: options.model } : {}),
      ...(options.profile !== undefined ? { profile: options.profile } : {}),
      ...(perms.sandbox ? { sandbox_mode: perms.sandbox } : {}),
      ...(perms.approval ? { approval_policy: perms.approval } : {}),
      ...extra,
      cwd,
      ...(options.oss ? { oss: true } : {}),
      ...(options.addDir?.length ? { additional_writable_roots: options.addDir.map((d) => resolve(cwd, d)) } : {}),
    },
  });
}

function turnSettings(config: Config): TurnSettings {
  return {
    cwd: config.cwd,
    approval_policy: config.approval_policy,
    sandbox_policy: config.sandbox_policy,
    model: config.model,
    ...(config.model_reasoning_effort !== undefined ? { effort: config.model_reasoning_effort as ReasoningEffort } : {}),
    summary: config.model_reasoning_summary as ReasoningSummary,
  };
}

const header = startHeader;

/** `-i` images without a prompt wait in the composer for the first message. */
function attachToComposer(app: App, images: string[]): void {
  for (const p of images) if (!app.composer.attachImagePath(p)) app.show(new NoticeCell(`--image ${p}: not a PNG, JPEG, GIF or WebP image; not attached`, 'warning'));
  app.drawNow();
}

/** The second stage of `runTui` (start.ts): the App takes over the first frame's renderer and the keys typed so far. */
export async function runApp(boot: Boot, options: TuiOptions): Promise<number> {
  const { io, cwd, images, color, term, status } = boot;
  const out = io.stdout;
  const makeRenderer =
    (alt: boolean) =>
    (frame: () => LiveFrame): Renderer =>
      alt ? new AltScreenRenderer(out, color, frame) : new InlineRenderer(out, color, frame);

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
      throw new Error('events() is read from the spawned session');
    },
  };
  const clipboard = async (text: string, what: string): Promise<string> => copyNotice(what, text, await copyToClipboard(text, { write: (d) => out.write(d), env: io.env }));
  const app = new App({ engine, status, history: [], notify: (text) => out.write(notifyBytes(text)), clipboard }, (frame) => boot.adopt(frame));
  io.onApp?.(app);
  app.setLiveHeader(header(io.version, [['model', 'loading'], ['directory', cwd]]));
  app.drawNow();

  const decoder = new KeyDecoder();
  let log: { error(o: object, m?: string): void } | undefined;
  const onData = (d: string | Buffer): void => {
    for (const key of foldPasteBurst(decoder.feed(typeof d === 'string' ? d : d.toString('utf8')))) {
      // A bug in one key's handling must not take the terminal down in raw mode.
      try {
        app.onKey(key);
      } catch (err: unknown) {
        log?.error({ err, key: key.name }, 'key handling failed');
      }
    }
  };
  const onResize = (): void => app.onResize();
  const onSignal = (): void => app.requestQuit();
  const typed = boot.takeInput();
  io.stdin.on('data', onData);
  out.on?.('resize', onResize);
  for (const d of typed) onData(d);
  // Keys typed over the first frame show now, before the engine's modules load.
  if (typed.length > 0) app.drawNow();
  const signals: NodeJS.Signals[] = ['SIGTERM', 'SIGHUP'];
  for (const s of signals) process.on(s, onSignal);
  // Whatever happens (even a crash), the terminal leaves raw mode and the alternate screen.
  const onExit = (): void => term.restore();
  process.on('exit', onExit);
  const cleanup = (): void => {
    process.off('exit', onExit);
    app.close();
    io.stdin.off('data', onData);
    out.off?.('resize', onResize);
    for (const s of signals) process.off(s, onSignal);
    term.restore();
  };

  let core: Core;
  let config: Config;
  try {
    void preloadWidth();
    core = await import('@codex-ts/core');
    config = loadTuiConfig(core, options, io, cwd);
  } catch (err: unknown) {
    cleanup();
    io.stderr.write(`Error loading configuration: ${(err as Error).message}\n`);
    return 1;
  }
  const logger = core.openLogFile(config.codex_home, 'codex-tui', io.env);
  log = logger;
  const tuiTable = (config.toml['tui'] ?? {}) as Record<string, unknown>;
  const alt = options.altScreen ?? tuiTable['alternate_screen'] === true;
  setTheme(resolveTheme(tuiTable['theme'], io.env, (text) => app.controls.tray.add({ source: 'config', text })));
  if (alt && options.altScreen !== true) {
    app.switchRenderer(makeRenderer(true), () => term.enterAlt());
  }
  app.composer.setHistory(readHistory(config.codex_home));
  app.setLiveHeader(undefined);
  const showHeader = (): void =>
    app.show(
      header(io.version, [
        ['model', config.model],
        ['directory', config.cwd],
        ['approval', config.approval_policy],
        ['sandbox', config.sandbox_mode],
      ]),
    );
  app.deps.notify = (text) => out.write(notifyBytes(text));
  app.deps.notifyOn = notificationKinds(tuiTable['notifications']);
  app.deps.log = logger;
  const configureApp = (): void => {
    app.deps.slash = { codexHome: config.codex_home, authStore: config.toml['cli_auth_credentials_store'], provider: config.model_provider_id, env: io.env, clearScreen: () => app.switchRenderer(makeRenderer(alt), () => out.write('\x1b[H\x1b[2J\x1b[3J')), suspend: (fn) => suspendTui({ app, stdin: io.stdin, stdout: out, onData, alt, makeRenderer: makeRenderer(alt) }, fn) };
    app.configure(turnSettings(config), { model: config.model, cwd: config.cwd, sandbox: config.sandbox_mode, approval: config.approval_policy });
  };
  configureApp();
  logger.info({ alt, color, cols: out.columns, rows: out.rows }, 'tui started');

  // `codex resume ID` / `codex fork ID` with an unknown id stop here, before any screen asks anything.
  const hostOpts = { core, logger, app, env: io.env, version: io.version, showHeader, includeNonInteractive: options.session?.includeNonInteractive === true };
  let host = new SessionHost({ ...hostOpts, config });
  let start: SessionSpec | 'picker' | 'quit';
  try {
    start = resolveChoice(core, config.codex_home, options.session, (all) => host.listSessions(all));
  } catch (err: unknown) {
    cleanup();
    io.stderr.write(`ERROR: ${(err as Error).message}\n`);
    return 1;
  }
  // First run: sign in and/or trust this directory; a later run pays a few lookups.
  const quitting = app.quit.then(() => 'quit' as const);
  const onboarding = await Promise.race([runOnboarding({ app, core, config, options, env: io.env, log: logger }), quitting.then(() => ({ quit: true, trust: undefined }))]);
  if (!onboarding.quit && onboarding.trust !== undefined) {
    try {
      config = loadTuiConfig(core, options, io, cwd, onboarding.trust === 'read-only' ? { sandbox_mode: 'read-only' } : {});
      host = new SessionHost({ ...hostOpts, config });
      configureApp();
    } catch (err: unknown) {
      logger.error({ err }, 'reloading the configuration after the trust decision failed');
    }
  }
  if (!onboarding.quit && start === 'picker') start = await Promise.race([pickAtStart(app, options.session!, (all) => host.listSessions(all)), quitting]);
  if (onboarding.quit || start === 'quit' || start === 'picker') {
    cleanup();
    return 0;
  }
  resolveEngine(host.engine);
  app.deps.sessions = host;
  if (await host.start(start)) {
    if (options.prompt !== undefined && options.prompt.trim() !== '') app.submitText(options.prompt, images);
    else if (images.length > 0) attachToComposer(app, images);
  }

  await app.quit;
  await host.close();
  const sessionId = host.lastSessionId;
  cleanup();
  if (app.usage && app.usage.total_tokens > 0) out.write(`${tokenUsageLine(app.usage)}\n`);
  if (sessionId) out.write(`To continue this session, run codex resume ${sessionId}\n`);
  logger.info({ session: sessionId }, 'tui exited');
  return 0;
}

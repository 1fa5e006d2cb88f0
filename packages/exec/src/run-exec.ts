// `codex exec`: settle the inputs, spawn the engine, send one user_turn, render every
// event (JSONL or human text), write -o, shut down, and choose the exit code:
// 0 ok, 1 on an error event or bad input, 130 after SIGINT (interrupt, then shutdown).
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { openLogFile } from '@codex-ts/core';
import { jsonTermSafe, termSafe, type Event, type EventMsg } from '@codex-ts/protocol';
import { configSummaryEntries } from './config-summary.js';
import { isConfigError, spawnEngine, type EngineCodex, type SpawnedEngine } from './engine.js';
import { ExecError } from './errors.js';
import { HumanEventProcessor } from './event-processor-human.js';
import { JsonlEventProcessor } from './event-processor-jsonl.js';
import type { ColorMode, ExecIo, ExecOptions, TextSink } from './options.js';
import { prepareOss } from './oss.js';
import { prepareRun, type PreparedRun } from './prepare.js';

/** How long to wait for `shutdown_complete` (or `turn_aborted`) before leaving anyway. */
const SHUTDOWN_GRACE_MS = 5_000;

/** Exit code after SIGINT (128 + 2). */
export const EXIT_INTERRUPTED = 130;

function defaultIo(io: Partial<ExecIo>): ExecIo {
  return {
    stdin: io.stdin ?? process.stdin,
    stdout: io.stdout ?? process.stdout,
    stderr: io.stderr ?? process.stderr,
    env: io.env ?? process.env,
    cwd: io.cwd ?? process.cwd(),
    handleSigint: io.handleSigint ?? false,
    version: io.version ?? '0.0.0',
  };
}

/** Whether human output gets ANSI styles. */
export function useColor(mode: ColorMode | undefined, stderr: TextSink, env: NodeJS.ProcessEnv): boolean {
  if (mode === 'always') return true;
  if (mode === 'never') return false;
  return stderr.isTTY === true && (env.NO_COLOR === undefined || env.NO_COLOR === '');
}

/**
 * Run `codex exec` once. Never throws: problems are printed on stderr and become the
 * exit code (0, 1, or 130 after SIGINT). Usage errors (2) are the caller's parser's job.
 */
export async function runExec(options: ExecOptions, ioIn: Partial<ExecIo> = {}): Promise<number> {
  const io = defaultIo(ioIn);
  try {
    const prepared = await prepareRun(options, io);
    if (options.oss && prepared.config.model_provider_id === 'oss') {
      await prepareOss(prepared.config, { stderr: io.stderr, showProgress: !options.json });
    }
    return await drive(options, io, prepared);
  } catch (err: unknown) {
    if (err instanceof ExecError) io.stderr.write(`${err.message}\n`);
    else if (isConfigError(err)) io.stderr.write(`Error loading configuration: ${err.message}\n`);
    else io.stderr.write(`Error: ${err instanceof Error ? err.message : String(err)}\n`);
    return err instanceof ExecError ? err.exitCode : 1;
  }
}

interface Renderer {
  process(msg: EventMsg): void;
  /** After the stream: trailers, and the final message for stdout in human mode. */
  finish(interrupted: boolean): void;
}

function makeRenderer(options: ExecOptions, io: ExecIo, prepared: PreparedRun): Renderer {
  if (options.json) {
    const jsonl = new JsonlEventProcessor();
    const emit = (events: ReturnType<JsonlEventProcessor['collect']>): void => {
      for (const ev of events) io.stdout.write(`${jsonTermSafe(JSON.stringify(ev))}\n`);
    };
    return {
      process: (msg) => {
        // stdout is JSONL; a failed MCP server also gets one human line on stderr.
        if (msg.type === 'mcp_startup_update' && msg.status.state === 'failed') io.stderr.write(`warning: ${termSafe(msg.status.error ?? `MCP server \`${msg.server}\` failed to start`)}\n`);
        emit(jsonl.collect(msg));
      },
      finish: (interrupted) => {
        if (!interrupted) emit(jsonl.finish());
      },
    };
  }
  const human = new HumanEventProcessor({
    write: (text) => io.stderr.write(text),
    color: useColor(options.color, io.stderr, io.env),
    summary: configSummaryEntries(prepared.config),
    prompt: prepared.prompt,
    title: `codex-ts v${io.version}`,
    showReasoning: !prepared.config.hide_agent_reasoning,
  });
  return {
    process: (msg) => human.process(msg),
    finish: () => {
      const final = human.finish();
      // Piped, the answer goes out byte for byte; on a terminal, without escape sequences.
      const message = final !== undefined && io.stdout.isTTY === true ? termSafe(final) : final;
      if (message !== undefined && message !== '') io.stdout.write(message.endsWith('\n') ? message : `${message}\n`);
    },
  };
}

function writeLastMessage(path: string, message: string | undefined, io: ExecIo): void {
  const file = resolve(io.cwd, path);
  try {
    writeFileSync(file, message ?? '');
  } catch (err: unknown) {
    io.stderr.write(`Failed to write last message file ${file}: ${(err as Error).message}\n`);
    return;
  }
  if (message === undefined) io.stderr.write(`Warning: no last agent message; wrote empty content to ${file}\n`);
}

async function drive(options: ExecOptions, io: ExecIo, prepared: PreparedRun): Promise<number> {
  let spawned: SpawnedEngine;
  try {
    spawned = await spawnEngine(prepared.config, {
      logger: openLogFile(prepared.config.codex_home, 'codex-exec', io.env, { onError: (message) => io.stderr.write(`warning: ${message}\n`) }),
      originator: 'codex_exec',
      sessionSource: 'exec',
      env: io.env,
      version: io.version,
      ...(options.includePlanTool ? { includePlanTool: true } : {}),
      ...(options.ephemeral ? { ephemeral: true } : {}),
      ...(options.ignoreRules ? { ignoreRules: true } : {}),
      ...(prepared.resumePath !== undefined ? { resumePath: prepared.resumePath } : {}),
    });
  } catch (err: unknown) {
    if (err instanceof ExecError || isConfigError(err)) throw err;
    throw new ExecError('engine_failed', `Error: could not start the session: ${(err as Error).message}`, { cause: err });
  }
  const { codex } = spawned;
  const renderer = makeRenderer(options, io, prepared);
  const state = new RunState(codex, io);
  // SIGINT, SIGTERM and SIGHUP all interrupt the turn (killing running commands) and shut
  // the session down cleanly; without a handler Node would exit and leave them running.
  let signalExit = EXIT_INTERRUPTED;
  const onSignal = (sig: NodeJS.Signals): void => {
    signalExit = 128 + (sig === 'SIGTERM' ? 15 : sig === 'SIGHUP' ? 1 : 2);
    state.interrupt();
  };
  const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  if (io.handleSigint) for (const sig of signals) process.on(sig, onSignal);
  try {
    const events = codex.events()[Symbol.asyncIterator]();
    await codex.submit(prepared.userTurn);
    let configured = false;
    let lastAgentMessage: string | undefined;
    for (;;) {
      const next = await state.next(events);
      if (next === undefined) break;
      const msg = next.msg;
      if (!configured && msg.type !== 'session_configured') {
        // An engine that does not announce the session still gets a header / thread.started.
        renderer.process(synthesizedSessionConfigured(spawned, prepared));
      }
      configured = true;
      if (msg.type === 'error') state.errorSeen = true;
      if (msg.type === 'agent_message') lastAgentMessage = msg.message;
      renderer.process(msg);
      if (msg.type === 'task_complete') {
        state.turnDone = true;
        if (options.outputLastMessage !== undefined) {
          writeLastMessage(options.outputLastMessage, msg.last_agent_message ?? lastAgentMessage, io);
        }
        state.shutdown();
      } else if (msg.type === 'turn_aborted') {
        state.turnDone = true;
        state.shutdown();
      } else if (msg.type === 'shutdown_complete') {
        break;
      }
    }
    void events.return?.();
    renderer.finish(state.interrupted);
    if (state.interrupted) return signalExit;
    if (!state.turnDone && !state.errorSeen) {
      io.stderr.write('Error: the session ended before the turn completed.\n');
      return 1;
    }
    return state.errorSeen ? 1 : 0;
  } finally {
    if (io.handleSigint) for (const sig of signals) process.off(sig, onSignal);
    state.dispose();
  }
}

function synthesizedSessionConfigured(spawned: SpawnedEngine, prepared: PreparedRun): EventMsg {
  return {
    type: 'session_configured',
    session_id: spawned.sessionId,
    model: prepared.config.model,
    history_log_id: 0,
    history_entry_count: 0,
    rollout_path: spawned.rolloutPath ?? '',
  };
}

/** Interrupt/shutdown bookkeeping and the grace deadline that bounds the wait for the engine. */
class RunState {
  errorSeen = false;
  turnDone = false;
  interrupted = false;
  private shutdownSent = false;
  private timer: NodeJS.Timeout | undefined;
  private expire: (() => void) | undefined;
  private readonly deadline: Promise<'expired'>;

  constructor(
    private readonly codex: EngineCodex,
    private readonly io: ExecIo,
  ) {
    this.deadline = new Promise((res) => {
      this.expire = () => res('expired');
    });
  }

  /** The next event, or undefined when the stream ended or the grace period ran out. */
  async next(events: AsyncIterator<Event>): Promise<Event | undefined> {
    const r = this.timer ? await Promise.race([events.next(), this.deadline]) : await events.next();
    if (r === 'expired' || r.done) return undefined;
    return r.value;
  }

  shutdown(): void {
    if (this.shutdownSent) return;
    this.shutdownSent = true;
    this.submit({ type: 'shutdown' });
    this.arm();
  }

  interrupt(): void {
    if (this.interrupted) {
      // A second Ctrl-C: stop waiting for the engine.
      this.expire?.();
      return;
    }
    this.interrupted = true;
    this.submit({ type: 'interrupt' });
    this.arm();
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
  }

  private arm(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => this.expire?.(), SHUTDOWN_GRACE_MS);
  }

  private submit(op: { type: 'shutdown' } | { type: 'interrupt' }): void {
    this.codex.submit(op).catch((err: unknown) => {
      this.io.stderr.write(`Error: could not send ${op.type} to the engine: ${(err as Error).message}\n`);
    });
  }
}

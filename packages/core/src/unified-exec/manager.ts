// The unified-exec session store (Codex's UnifiedExecProcessManager): starts a process for
// exec_command, waits up to the yield time for output, and either reports the exit or keeps
// the process under a session id for write_stdin. Bounded: at most `maxProcesses` live
// entries (the least recently used one that is not among the 8 newest is pruned, exited
// ones first), 1 MiB of pending output each, an idle lifetime; terminateAll() kills every
// process group (turn abort, interrupt, session end).
import { CoreError } from '../errors.js';
import { randomInt } from 'node:crypto';
import type { EventMsg, ParsedCommand } from '@codex-ts/protocol';
import { HeadTailBuffer } from './head-tail-buffer.js';
import { approxTokenCount, formattedTruncateText, generateChunkId, type UnifiedExecResponse } from './output.js';
import type { UnifiedExecProcess } from './process.js';

export const MIN_YIELD_TIME_MS = 250;
/** An empty write_stdin (a poll) waits at least this long. */
export const MIN_EMPTY_YIELD_TIME_MS = 5_000;
export const MAX_YIELD_TIME_MS = 30_000;
export const DEFAULT_EXEC_YIELD_TIME_MS = 10_000;
export const DEFAULT_WRITE_STDIN_YIELD_TIME_MS = 250;
export const DEFAULT_MAX_OUTPUT_TOKENS = 10_000;
/** 1 MiB at 4 bytes per token. */
export const MAX_OUTPUT_TOKENS = (1024 * 1024) / 4;
export const MAX_UNIFIED_EXEC_PROCESSES = 64;
/** The most recently used sessions that pruning never picks. */
const PROTECTED_RECENT = 8;
/** A session nobody wrote to or polled for this long is killed. */
export const DEFAULT_IDLE_TIMEOUT_MS = 30 * 60_000;
/** After the exit, wait at most this long for the last output. */
const POST_EXIT_CLOSE_WAIT_MS = 50;
/** Output-delta events per process (as for shell). */
const MAX_DELTAS = 10_000;

/** Errors the model reads as `exec_command failed: …` / `write_stdin failed: …`. */
export class UnifiedExecError extends CoreError<'unknown_process' | 'stdin_closed' | 'write_failed' | 'create_failed'> {}

/** Clamp a requested yield time to Codex's window. */
export function clampYieldTime(ms: number): number {
  return Math.min(MAX_YIELD_TIME_MS, Math.max(MIN_YIELD_TIME_MS, ms));
}

/** The token budget for one response. */
export function resolveMaxTokens(requested: number | undefined): number {
  return Math.min(MAX_OUTPUT_TOKENS, Math.max(0, Math.floor(requested ?? DEFAULT_MAX_OUTPUT_TOKENS)));
}

/** Everything an exec_command needs from the tool layer. */
export interface ExecCommandRequest {
  sessionId: number;
  callId: string;
  command: string[];
  cwd: string;
  parsedCmd: ParsedCommand[];
  tty: boolean;
  yieldTimeMs: number;
  maxOutputTokens?: number;
  /** The turn's signal: on abort the call stops waiting and the process is killed. */
  signal?: AbortSignal;
  emit(msg: EventMsg): void;
  /** Starts the (already approved, sandbox-wrapped) process. */
  start(): Promise<UnifiedExecProcess>;
}

/** A finished exec_command call. */
export interface ExecCommandResult extends UnifiedExecResponse {
  /** Raw output collected during this call (for the sandbox-denial heuristic). */
  text: string;
}

interface Entry {
  proc: UnifiedExecProcess;
  callId: string;
  command: string[];
  lastUsed: number;
  idle?: NodeJS.Timeout;
}

/** Options for {@link UnifiedExecManager}. */
export interface UnifiedExecManagerOptions {
  maxProcesses?: number;
  idleTimeoutMs?: number;
}

/** One session's store of unified-exec processes. */
export class UnifiedExecManager {
  private readonly entries = new Map<number, Entry>();
  private readonly reserved = new Set<number>();
  private readonly maxProcesses: number;
  private readonly idleTimeoutMs: number;

  constructor(opts: UnifiedExecManagerOptions = {}) {
    this.maxProcesses = opts.maxProcesses ?? MAX_UNIFIED_EXEC_PROCESSES;
    this.idleTimeoutMs = opts.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS;
  }

  /** Live (stored) sessions. */
  get size(): number {
    return this.entries.size;
  }

  /** Pids of the stored processes' group leaders. */
  pids(): number[] {
    return [...this.entries.values()].map((e) => e.proc.pid);
  }

  /** A fresh session id (random, as Codex's, 1000..99999). */
  allocateId(): number {
    for (;;) {
      const id = randomInt(1000, 100_000);
      if (this.reserved.has(id)) continue;
      this.reserved.add(id);
      return id;
    }
  }

  releaseId(id: number): void {
    if (!this.entries.has(id)) this.reserved.delete(id);
  }

  /** Start, collect until the yield deadline, keep the process if it still runs. */
  async execCommand(req: ExecCommandRequest): Promise<ExecCommandResult> {
    const processId = String(req.sessionId);
    const base = { call_id: req.callId, process_id: processId, command: req.command, cwd: req.cwd, parsed_cmd: req.parsedCmd, source: 'unified_exec_startup' as const };
    req.emit({ type: 'exec_command_begin', ...base });
    const started = Date.now();
    let proc: UnifiedExecProcess;
    try {
      proc = await req.start();
    } catch (err: unknown) {
      this.releaseId(req.sessionId);
      const message = err instanceof Error ? err.message : String(err);
      this.emitEnd(req.emit, base, '', message, 127, Date.now() - started);
      throw new UnifiedExecError('create_failed', message);
    }
    const transcript = new HeadTailBuffer();
    let deltas = 0;
    proc.onOutput((chunk) => {
      transcript.push(chunk);
      if (deltas++ < MAX_DELTAS) req.emit({ type: 'exec_command_output_delta', call_id: req.callId, stream: 'stdout', chunk: chunk.toString('base64') });
    });
    const collected = await collectUntil(proc, started + clampYieldTime(req.yieldTimeMs), req.signal);
    if (req.signal?.aborted && !proc.exited) {
      proc.onExit(() => this.emitEnd(req.emit, base, transcript.contents().toString('utf8'), '', proc.exitCode ?? -1, Date.now() - started));
      proc.terminate();
      this.reserved.delete(req.sessionId);
      throw new UnifiedExecError('create_failed', 'aborted');
    }
    const wallTimeMs = Date.now() - started;
    const text = collected.toString('utf8');
    const output = formattedTruncateText(text, resolveMaxTokens(req.maxOutputTokens));
    const response = { chunkId: generateChunkId(), wallTimeMs, output, originalTokenCount: approxTokenCount(text), text };
    if (proc.exited) {
      this.reserved.delete(req.sessionId);
      const exitCode = proc.exitCode ?? -1;
      this.emitEnd(req.emit, base, transcript.contents().toString('utf8'), output, exitCode, wallTimeMs);
      return { ...response, exitCode, sessionId: null };
    }
    this.store(req, proc);
    // The end event comes when the process exits, whenever that is.
    proc.onExit(() => {
      void waitClosed(proc).then(() => {
        this.emitEnd(req.emit, base, transcript.contents().toString('utf8'), '', proc.exitCode ?? -1, Date.now() - started);
      });
    });
    return { ...response, exitCode: null, sessionId: req.sessionId };
  }

  /** Write keys (or poll with ""), collect until the yield deadline. */
  async writeStdin(req: { sessionId: number; chars: string; yieldTimeMs: number; maxOutputTokens?: number; signal?: AbortSignal }): Promise<UnifiedExecResponse & { callId: string }> {
    const entry = this.entries.get(req.sessionId);
    if (!entry) throw new UnifiedExecError('unknown_process', `Unknown process id ${req.sessionId}`);
    this.touch(req.sessionId, entry);
    let yieldMs = clampYieldTime(req.yieldTimeMs);
    if (req.chars !== '') {
      if (!entry.proc.tty) throw new UnifiedExecError('stdin_closed', 'stdin is closed for this session; rerun exec_command with tty=true to keep stdin open');
    }
    if (req.chars !== '' && !entry.proc.exited) {
      try {
        entry.proc.write(req.chars);
      } catch (err: unknown) {
        throw new UnifiedExecError('write_failed', `failed to write to stdin: ${(err as Error).message}`);
      }
      // A moment for the program to react, so its answer is likely in this response.
      await new Promise((r) => setTimeout(r, 100));
    } else if (req.chars === '') {
      yieldMs = Math.max(MIN_EMPTY_YIELD_TIME_MS, yieldMs);
    }
    const started = Date.now();
    const collected = await collectUntil(entry.proc, started + yieldMs, req.signal);
    const wallTimeMs = Date.now() - started;
    const text = collected.toString('utf8');
    const output = formattedTruncateText(text, resolveMaxTokens(req.maxOutputTokens));
    const base = { chunkId: generateChunkId(), wallTimeMs, output, originalTokenCount: approxTokenCount(text), callId: entry.callId };
    if (entry.proc.exited) {
      this.remove(req.sessionId);
      return { ...base, exitCode: entry.proc.exitCode, sessionId: null };
    }
    this.touch(req.sessionId, entry);
    return { ...base, exitCode: null, sessionId: req.sessionId };
  }

  /** Kill every stored process group and forget them. */
  terminateAll(): void {
    for (const id of [...this.entries.keys()]) {
      const e = this.entries.get(id)!;
      this.remove(id);
      e.proc.terminate();
    }
    this.reserved.clear();
  }

  private store(req: ExecCommandRequest, proc: UnifiedExecProcess): void {
    if (this.entries.size >= this.maxProcesses) this.pruneOne();
    const entry: Entry = { proc, callId: req.callId, command: req.command, lastUsed: Date.now() };
    this.entries.set(req.sessionId, entry);
    this.touch(req.sessionId, entry);
  }

  private touch(id: number, entry: Entry): void {
    entry.lastUsed = Date.now();
    if (entry.idle) clearTimeout(entry.idle);
    entry.idle = setTimeout(() => {
      if (this.entries.get(id) !== entry) return;
      this.remove(id);
      entry.proc.terminate();
    }, this.idleTimeoutMs);
    entry.idle.unref();
  }

  private remove(id: number): void {
    const e = this.entries.get(id);
    if (e?.idle) clearTimeout(e.idle);
    this.entries.delete(id);
    this.reserved.delete(id);
  }

  private pruneOne(): void {
    const byRecent = [...this.entries.entries()].sort((a, b) => b[1].lastUsed - a[1].lastUsed);
    const protectedIds = new Set(byRecent.slice(0, Math.min(PROTECTED_RECENT, this.maxProcesses - 1)).map(([id]) => id));
    const lru = byRecent.reverse().filter(([id]) => !protectedIds.has(id));
    const victim = lru.find(([, e]) => e.proc.exited) ?? lru[0];
    if (!victim) return;
    this.remove(victim[0]);
    victim[1].proc.terminate();
  }

  private emitEnd(emit: (m: EventMsg) => void, base: { call_id: string; process_id: string; command: string[]; cwd: string; parsed_cmd: ParsedCommand[]; source: 'unified_exec_startup' }, aggregated: string, formatted: string, exitCode: number, durationMs: number): void {
    const secs = Math.floor(durationMs / 1000);
    emit({
      type: 'exec_command_end',
      ...base,
      stdout: aggregated,
      stderr: '',
      aggregated_output: aggregated,
      exit_code: exitCode,
      duration: { secs, nanos: (durationMs - secs * 1000) * 1e6 },
      formatted_output: formatted,
    });
  }
}

/** Collect output until the deadline, until the process exited and its output closed, or an abort. */
export async function collectUntil(proc: UnifiedExecProcess, deadline: number, signal?: AbortSignal): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let postExitDeadline: number | undefined;
  const onAbort = (): void => proc.poke();
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    for (;;) {
      const d = proc.drain();
      if (d.length > 0) chunks.push(d);
      if (signal?.aborted) break;
      if (proc.exited && proc.outputClosed) break;
      const now = Date.now();
      if (now >= deadline) break;
      let wait = deadline - now;
      if (proc.exited) {
        postExitDeadline ??= now + Math.min(wait, POST_EXIT_CLOSE_WAIT_MS);
        wait = postExitDeadline - now;
        if (wait <= 0) break;
      }
      await proc.waitForChange(wait);
    }
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }
  const rest = proc.drain();
  if (rest.length > 0) chunks.push(rest);
  return Buffer.concat(chunks);
}

async function waitClosed(proc: UnifiedExecProcess): Promise<void> {
  const end = Date.now() + 100;
  while (!proc.outputClosed && Date.now() < end) await proc.waitForChange(end - Date.now());
}

// Runs one command to completion: its own process group, stdin closed, output streamed to a
// callback and kept with bounded memory, the whole group killed on timeout, abort, the
// leader's exit and process exit, only while it is known alive (process-group.ts), through
// the reaping helper when the caller spawned it (see stopChild).
// Sandboxing is chosen by the caller through `spawnChild`.
import { spawn, type ChildProcess } from 'node:child_process';
import { constants as osConstants } from 'node:os';
import { BoundedOutput, countNewlines } from './bounded-output.js';
import { leaderExited, REAPER_GRACE_MS, terminateGroup, trackGroup, type GroupHandle } from './process-group.js';
import { EXEC_TIMEOUT_EXIT_CODE, type ExecOutput } from './output-format.js';

/** Default timeout for the shell tool (Codex: 10 s). */
export const DEFAULT_EXEC_TIMEOUT_MS = 10_000;

/** What to start: `stdin: 'pipe'` leaves the child's stdin open for {@link RunCommandOptions.input}. */
export interface SpawnRequest {
  argv: string[];
  cwd: string;
  env: Record<string, string>;
  stdin?: 'ignore' | 'pipe';
}

/** How to start the child: the sandbox layer supplies this. */
export type SpawnChild = (req: SpawnRequest) => ChildProcess;

/** Inputs to {@link runCommand}. */
export interface RunCommandOptions {
  argv: string[];
  cwd: string;
  env: Record<string, string>;
  timeoutMs?: number;
  signal?: AbortSignal;
  onOutput?: (stream: 'stdout' | 'stderr', chunk: Buffer) => void;
  /** Bytes written to the child's stdin, which is then closed (default: stdin is /dev/null). */
  input?: string | Buffer;
  /** Defaults to a plain (unsandboxed) spawn in a new process group. */
  spawnChild?: SpawnChild;
}

/** Outcome of {@link runCommand}. `spawnError` is set when the program could not start. */
export interface RunCommandResult extends ExecOutput {
  aborted: boolean;
  signal: NodeJS.Signals | null;
  spawnError?: string;
  totalLines: number;
}

const reapers = new WeakSet<ChildProcess>();
const groups = new WeakMap<ChildProcess, GroupHandle>();
export { REAPER_GRACE_MS };

/**
 * Marks a child as the reaping helper (`codex-linux-sandbox`, which kills every
 * descendant, even those that left the group, on SIGTERM or when the command exits).
 */
export function markReaper(child: ChildProcess): ChildProcess {
  reapers.add(child);
  return child;
}

/**
 * Track a freshly spawned child's process group (leader = the child, started detached):
 * the group is swept in the same tick the leader's exit is seen, and killed on process
 * exit or a fatal signal while it lives. Idempotent.
 */
export function trackChild(child: ChildProcess): GroupHandle | undefined {
  const existing = groups.get(child);
  if (existing) return existing;
  if (child.pid === undefined) return undefined;
  const g = trackGroup(child.pid, { reaper: reapers.has(child) });
  groups.set(child, g);
  // 'exit' comes right after libuv reaped the leader, before any other JS runs.
  child.once('exit', () => leaderExited(g));
  if (child.exitCode !== null || child.signalCode !== null) leaderExited(g);
  return g;
}

/**
 * Stops a child and everything it started (see terminateGroup). Signals nothing once the
 * child's exit was observed: its pid and group id may belong to someone else by then.
 */
export function stopChild(child: ChildProcess): void {
  const g = groups.get(child) ?? trackChild(child);
  if (!g) {
    child.kill('SIGKILL');
    return;
  }
  terminateGroup(g);
}

/**
 * SIGKILL the process group led by `pid`. Only for a leader the caller knows to be alive
 * (not yet reaped); tracked children are stopped with {@link stopChild} instead.
 */
export function killGroup(pid: number): void {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // group already gone
  }
}

/** A plain spawn: new session/process group, stdin from /dev/null. */
export const plainSpawn: SpawnChild = ({ argv, cwd, env, stdin }) =>
  spawn(argv[0]!, argv.slice(1), { cwd, env, stdio: [stdin ?? 'ignore', 'pipe', 'pipe'], detached: true });

/** Run a command; never throws for command failures (they are results). */
export function runCommand(opts: RunCommandOptions): Promise<RunCommandResult> {
  const started = Date.now();
  const stdout = new BoundedOutput();
  const stderr = new BoundedOutput();
  const aggregated = new BoundedOutput();
  return new Promise((resolve) => {
    if (opts.argv.length === 0) {
      resolve(finish(127, null, false, false, 'empty command'));
      return;
    }
    if (opts.signal?.aborted) {
      resolve(finish(130, null, false, true));
      return;
    }
    let child: ChildProcess;
    try {
      const stdin = opts.input !== undefined ? ('pipe' as const) : ('ignore' as const);
      child = (opts.spawnChild ?? plainSpawn)({ argv: opts.argv, cwd: opts.cwd, env: opts.env, stdin });
    } catch (err: unknown) {
      resolve(finish(127, null, false, false, (err as Error).message));
      return;
    }
    let timedOut = false;
    let aborted = false;
    let settled = false;
    trackChild(child);
    const kill = (): void => stopChild(child);
    const timer =
      opts.timeoutMs !== undefined && opts.timeoutMs > 0
        ? setTimeout(() => {
            timedOut = true;
            kill();
          }, opts.timeoutMs)
        : undefined;
    const onAbort = (): void => {
      aborted = true;
      kill();
    };
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    const onData = (stream: 'stdout' | 'stderr', buf: BoundedOutput) => (chunk: Buffer) => {
      const newlines = countNewlines(chunk);
      buf.push(chunk, newlines);
      aggregated.push(chunk, newlines);
      opts.onOutput?.(stream, chunk);
    };
    if (opts.input !== undefined && child.stdin) {
      // A child that exits without reading its input must not crash us with EPIPE.
      child.stdin.on('error', () => undefined);
      child.stdin.end(opts.input);
    }
    child.stdout?.on('data', onData('stdout', stdout));
    child.stderr?.on('data', onData('stderr', stderr));
    const done = (code: number, sig: NodeJS.Signals | null, spawnError?: string): void => {
      if (settled) return;
      settled = true;
      if (timer) clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onAbort);
      // The group was swept when the leader's exit was seen (trackChild); nothing here
      // signals a pid that may have been reused since.
      resolve(finish(code, sig, timedOut, aborted, spawnError));
    };
    child.on('error', (err) => done(127, null, err.message));
    child.on('close', (code, sig) => {
      const exit = timedOut ? EXEC_TIMEOUT_EXIT_CODE : code ?? 128 + (sig ? (osConstants.signals[sig] ?? 0) : 0);
      done(exit, sig);
    });
  });

  function finish(exitCode: number, signal: NodeJS.Signals | null, timedOut: boolean, aborted: boolean, spawnError?: string): RunCommandResult {
    const err = spawnError !== undefined ? `${spawnError}\n` : '';
    return {
      exitCode,
      stdout: stdout.text(),
      stderr: err + stderr.text(),
      aggregated: err + aggregated.text(),
      durationMs: Date.now() - started,
      timedOut,
      aborted,
      signal,
      totalLines: aggregated.totalLines,
      ...(spawnError !== undefined ? { spawnError } : {}),
    };
  }
}

const DENIAL_WORDS = ['operation not permitted', 'permission denied', 'read-only file system', 'seccomp', 'sandbox', 'landlock'];

/** Codex's heuristic: did a sandboxed command fail because the sandbox said no? */
export function looksLikeSandboxDenial(r: Pick<ExecOutput, 'exitCode' | 'stdout' | 'stderr'>): boolean {
  if (r.exitCode === 0 || r.exitCode === 2 || r.exitCode === 126 || r.exitCode === 127) return false;
  if (r.exitCode === 128 + 31) return true; // SIGSYS from seccomp
  const text = `${r.stdout}\n${r.stderr}`.toLowerCase();
  return DENIAL_WORDS.some((w) => text.includes(w));
}

// Runs one command to completion: its own process group, stdin closed, output streamed to a
// callback and kept with bounded memory, the whole group killed on timeout, abort and
// process exit (through the reaping helper when the caller spawned it: see stopChild).
// Sandboxing is chosen by the caller through `spawnChild`.
import { spawn, type ChildProcess } from 'node:child_process';
import { constants as osConstants } from 'node:os';
import { BoundedOutput, countNewlines } from './bounded-output.js';
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

/** Live children: pid → whether it is the reaping sandbox helper. */
const live = new Map<number, boolean>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    // A reaping helper kills everything on SIGTERM (and on its PDEATHSIG once we are
    // gone); SIGKILLing its group now would kill it before it cleans up.
    for (const [pid, reaper] of live) {
      if (!reaper) killGroup(pid);
      else signal(pid, 'SIGTERM');
    }
  });
}

const reapers = new WeakSet<ChildProcess>();
/** Grace for a reaping helper to kill its descendants after SIGTERM before it is SIGKILLed. */
export const REAPER_GRACE_MS = 500;

/**
 * Marks a child as the reaping helper (`codex-linux-sandbox`, which kills every
 * descendant, even those that left the group, on SIGTERM or when the command exits).
 */
export function markReaper(child: ChildProcess): ChildProcess {
  reapers.add(child);
  return child;
}

function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch {
    // already gone
  }
}

/**
 * Stops a child and everything it started: SIGKILL to its group; for a reaping helper
 * first SIGTERM (it kills all descendants and exits), the group SIGKILL following on its
 * exit (in runCommand's close) or after REAPER_GRACE_MS if it is still alive.
 */
export function stopChild(child: ChildProcess): void {
  const pid = child.pid;
  if (pid === undefined) {
    child.kill('SIGKILL');
    return;
  }
  if (!reapers.has(child) || child.exitCode !== null || child.signalCode !== null) {
    killGroup(pid);
    return;
  }
  signal(pid, 'SIGTERM');
  const grace = setTimeout(() => killGroup(pid), REAPER_GRACE_MS);
  grace.unref();
  child.once('exit', () => clearTimeout(grace));
}

/** SIGKILL a process group (and the leader, in case it left the group). */
export function killGroup(pid: number): void {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // group already gone
  }
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

/** A plain spawn: new session/process group, stdin from /dev/null. */
export const plainSpawn: SpawnChild = ({ argv, cwd, env, stdin }) =>
  spawn(argv[0]!, argv.slice(1), { cwd, env, stdio: [stdin ?? 'ignore', 'pipe', 'pipe'], detached: true });

/** Run a command; never throws for command failures (they are results). */
export function runCommand(opts: RunCommandOptions): Promise<RunCommandResult> {
  installExitHook();
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
    const pid = child.pid;
    if (pid !== undefined) live.set(pid, reapers.has(child));
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
      // The leader is gone; anything it left behind in its group goes too.
      if (pid !== undefined) {
        killGroup(pid);
        live.delete(pid);
      }
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

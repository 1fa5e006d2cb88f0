// Runs one command under the sandbox as its own process group, streams its output,
// and kills everything it started on abort, timeout, exit of the command's leader, and
// exit of this process. Nothing outlives the runner: under the reaping helper even the
// processes that left the group (setsid, double fork) are killed by the helper.
import { spawn, type ChildProcess } from 'node:child_process';
import type { Readable } from 'node:stream';
import { buildSandboxCommand, REAPER_KILL_SEQUENCE, type SandboxCommandOptions } from './command.js';
import { SandboxError } from './errors.js';
import { isHelperSetupFailure } from './exit-codes.js';
import type { SandboxBackend } from './probe.js';

/** Options of {@link spawnSandboxed}. */
export interface SpawnSandboxedOptions extends SandboxCommandOptions {
  /** Abort kills the process group (SIGKILL); the result then has aborted = true. */
  signal?: AbortSignal;
  /** Kill the process group after this many ms; the result then has timedOut = true. */
  timeoutMs?: number;
  /** 'pipe' (default: stdin /dev/null, output collected and streamed) or 'inherit'. */
  stdio?: 'pipe' | 'inherit';
  /** Called with every output chunk as it arrives (stdio 'pipe'). */
  onOutput?: (stream: 'stdout' | 'stderr', chunk: Buffer) => void;
  /** Bytes kept per stream in the result (default 16 MiB); streaming is not capped. */
  maxOutputBytes?: number;
}

/** How the command ended. */
export interface SandboxResult {
  /** Exit code, or null when killed by a signal. */
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  aborted: boolean;
  durationMs: number;
  backend: SandboxBackend;
  /** Set when the helper refused to start the command (exit 120..123); it did not run. */
  setupError?: SandboxError;
}

/** A running sandboxed command. */
export interface SandboxedProcess {
  readonly child: ChildProcess;
  readonly pid: number | undefined;
  readonly backend: SandboxBackend;
  readonly stdout: Readable | null;
  readonly stderr: Readable | null;
  /** Resolves when the command has ended and its output is drained; never rejects. */
  readonly result: Promise<SandboxResult>;
  /**
   * SIGKILL/SIGTERM (default SIGKILL): stop the command and everything it started (the
   * reaper's kill sequence, or SIGKILL to the group). Other signals go to the helper,
   * which forwards them to the command's group, or to the group when there is no helper.
   */
  kill(signal?: NodeJS.Signals): void;
}

/** Live children: pid → whether it is the reaping helper. */
const live = new Map<number, boolean>();
let exitHookInstalled = false;

function killGroup(pid: number | undefined, sig: NodeJS.Signals): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, sig);
  } catch {
    // the group is already gone
  }
}

function signalPid(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch {
    // already gone
  }
}

/**
 * Stops a command and everything it started. Without the reaper: SIGKILL the group.
 * With it: SIGTERM the helper (it SIGKILLs every descendant, reaps them and exits), then
 * SIGKILL the group once the helper has exited, or the group and the helper after the
 * grace when it has not (a SIGKILL first would stop the helper before it cleans up).
 */
function terminate(child: ChildProcess, pid: number | undefined, reaper: boolean): void {
  if (pid === undefined) return;
  if (!reaper || child.exitCode !== null || child.signalCode !== null) {
    killGroup(pid, 'SIGKILL');
    return;
  }
  signalPid(pid, REAPER_KILL_SEQUENCE.first);
  const grace = setTimeout(() => {
    killGroup(pid, 'SIGKILL');
    signalPid(pid, 'SIGKILL');
  }, REAPER_KILL_SEQUENCE.graceMs);
  grace.unref();
  child.once('exit', () => clearTimeout(grace)); // the 'exit' handler below kills the group
}

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    // A helper cleans up on SIGTERM (and on its PDEATHSIG when this process is gone);
    // a group SIGKILL now would kill it first and leave the escaped processes.
    for (const [pid, reaper] of live) {
      if (reaper) signalPid(pid, 'SIGTERM');
      else killGroup(pid, 'SIGKILL');
    }
  });
}

/** Grace for pipes held open by a daemonised grandchild after the command exited. */
const DRAIN_GRACE_MS = 2000;

/**
 * Spawns argv under the policy. Throws SandboxError (nothing spawned) when no backend
 * works, when backend "none" is asked for a restricted policy, or when already aborted.
 */
export function spawnSandboxed(opts: SpawnSandboxedOptions): SandboxedProcess {
  if (opts.signal?.aborted) throw new SandboxError('aborted', 'The command was aborted before it started.');
  const cmd = buildSandboxCommand(opts);
  const started = performance.now();
  const piped = (opts.stdio ?? 'pipe') === 'pipe';
  const child = spawn(cmd.file, cmd.args, {
    cwd: opts.cwd,
    env: cmd.env,
    detached: true,
    stdio: piped ? ['ignore', 'pipe', 'pipe'] : 'inherit',
    uid: opts.uid,
    gid: opts.gid,
  });
  const pid = child.pid;
  if (pid !== undefined) {
    live.set(pid, cmd.reaper);
    installExitHook();
  }
  const cap = opts.maxOutputBytes ?? 16 << 20;
  const bufs = { stdout: [] as Buffer[], stderr: [] as Buffer[] };
  const sizes = { stdout: 0, stderr: 0 };
  for (const name of ['stdout', 'stderr'] as const) {
    child[name]?.on('data', (chunk: Buffer) => {
      opts.onOutput?.(name, chunk);
      if (sizes[name] < cap) {
        const part = chunk.subarray(0, cap - sizes[name]);
        bufs[name].push(part);
        sizes[name] += part.length;
      }
    });
  }

  let timedOut = false;
  let aborted = false;
  const onAbort = () => {
    aborted = true;
    terminate(child, pid, cmd.reaper);
  };
  opts.signal?.addEventListener('abort', onAbort, { once: true });
  const timer =
    opts.timeoutMs !== undefined
      ? setTimeout(() => {
          timedOut = true;
          terminate(child, pid, cmd.reaper);
        }, opts.timeoutMs)
      : undefined;

  const result = new Promise<SandboxResult>((resolve) => {
    let spawnError: Error | undefined;
    let drain: NodeJS.Timeout | undefined;
    const finish = (code: number | null, sig: NodeJS.Signals | null) => {
      clearTimeout(timer);
      clearTimeout(drain);
      opts.signal?.removeEventListener('abort', onAbort);
      if (pid !== undefined) live.delete(pid);
      const stdout = Buffer.concat(bufs.stdout).toString('utf8');
      let stderr = Buffer.concat(bufs.stderr).toString('utf8');
      if (spawnError) stderr += `${stderr ? '\n' : ''}${spawnError.message}`;
      const r: SandboxResult = {
        exitCode: spawnError ? 127 : code,
        signal: sig,
        stdout,
        stderr,
        timedOut,
        aborted,
        durationMs: performance.now() - started,
        backend: cmd.backend,
      };
      if ((cmd.backend !== 'none' || cmd.reaper) && piped && isHelperSetupFailure(code, stderr)) {
        r.setupError = new SandboxError('helper_setup_failed', `The sandbox could not start the command: ${stderr.trim()}`);
      }
      resolve(r);
    };
    child.on('error', (err) => {
      spawnError = err;
      if (pid === undefined) finish(null, null);
    });
    child.on('exit', () => {
      // The leader is gone (a helper has killed everything already): take down what it
      // left in its group, then give the
      // pipes a moment to drain before giving up on a daemon holding them open.
      killGroup(pid, 'SIGKILL');
      drain = setTimeout(() => {
        child.stdout?.destroy();
        child.stderr?.destroy();
      }, DRAIN_GRACE_MS);
    });
    child.on('close', (code, sig) => finish(code, sig));
  });

  return {
    child,
    pid,
    backend: cmd.backend,
    stdout: child.stdout,
    stderr: child.stderr,
    result,
    kill: (sig: NodeJS.Signals = 'SIGKILL') => {
      if (sig === 'SIGKILL' || sig === 'SIGTERM') terminate(child, pid, cmd.reaper);
      else if (cmd.reaper && pid !== undefined) signalPid(pid, sig);
      else killGroup(pid, sig);
    },
  };
}

/** Exit status Codex reports for a timed-out command. */
export const TIMEOUT_EXIT_CODE = 124;

const SIGNAL_NUMBERS: Record<string, number> = { SIGHUP: 1, SIGINT: 2, SIGQUIT: 3, SIGKILL: 9, SIGTERM: 15 };

/**
 * For `codex sandbox`: runs argv with inherited stdio, forwards SIGINT/SIGHUP to the
 * command's group (SIGTERM stops the command and everything it started), and resolves its
 * exit code (128+signal when killed, 124 on timeout). Throws SandboxError when the sandbox
 * cannot run it.
 */
export async function runSandboxedCommand(opts: Omit<SpawnSandboxedOptions, 'stdio' | 'onOutput'>): Promise<number> {
  const p = spawnSandboxed({ ...opts, stdio: 'inherit' });
  const forwarded: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  const handlers = forwarded.map((s) => {
    const h = () => p.kill(s);
    process.on(s, h);
    return [s, h] as const;
  });
  try {
    const r = await p.result;
    if (r.timedOut) return TIMEOUT_EXIT_CODE;
    if (r.exitCode !== null) return r.exitCode;
    return 128 + (SIGNAL_NUMBERS[r.signal ?? 'SIGKILL'] ?? 9);
  } finally {
    for (const [s, h] of handlers) process.off(s, h);
  }
}

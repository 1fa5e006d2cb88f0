// The `codex exec --json` child of one task: its own process group (so cancel reaches every
// command it started), a sentinel that kills that group when the worker dies without a chance
// to clean up (SIGKILL, OOM), stdout read line by line, the prompt written to stdin.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { FleetError } from './errors.js';

/** How a child ended. */
export interface ChildExit {
  exitCode: number | null;
  signal: string | null;
  /** The last 8 KiB of stderr (for the error of a failed task). */
  stderrTail: string;
}

/** Options for {@link runChild}. */
export interface RunChildOptions {
  argv: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Written to stdin, which is then closed. */
  input: string;
  onLine: (line: string) => void;
  /** Abort = cancel: SIGTERM to the group, SIGKILL after `graceMs`. */
  signal?: AbortSignal;
  graceMs?: number;
}

function killGroup(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(-pid, sig);
  } catch {
    // the group is gone already
  }
}

/** Live child groups, killed if this process exits while they run. */
const live = new Set<number>();
let exitHook = false;

/** SIGKILL every running task's process group (the worker is going away). */
export function killAllChildren(): void {
  for (const pid of live) killGroup(pid, 'SIGKILL');
}

/** Run one child to its end. Rejects only when it cannot be started. */
export function runChild(opts: RunChildOptions): Promise<ChildExit> {
  if (!exitHook) {
    exitHook = true;
    process.on('exit', killAllChildren);
  }
  return new Promise((resolve, reject) => {
    const [cmd, ...args] = opts.argv;
    const child = spawn(cmd!, args, { cwd: opts.cwd, env: opts.env, stdio: ['pipe', 'pipe', 'pipe'], detached: true });
    let stderrTail = '';
    let started = false;
    let sentinel: ReturnType<typeof spawn> | undefined;
    let graceTimer: NodeJS.Timeout | undefined;
    child.once('spawn', () => {
      started = true;
      const pid = child.pid!;
      live.add(pid);
      // Holds the read end of a pipe only this process writes to: EOF means the worker died.
      sentinel = spawn('/bin/sh', ['-c', 'read _ ; kill -9 "-$1" 2>/dev/null', 'codex-fleet-sentinel', String(pid)], { stdio: ['pipe', 'ignore', 'ignore'], detached: true });
      sentinel.on('error', () => undefined);
      sentinel.stdin?.on('error', () => undefined);
      sentinel.unref();
    });
    child.on('error', (err) => {
      if (!started) reject(new FleetError('spawn', `cannot start ${cmd}: ${err.message}`, { cause: err }));
    });
    child.stdin.on('error', () => undefined);
    child.stdin.end(opts.input);
    child.stderr.on('data', (d: Buffer) => {
      stderrTail = (stderrTail + d.toString('utf8')).slice(-8192);
    });
    const rl = createInterface({ input: child.stdout, crlfDelay: Infinity });
    rl.on('line', (l) => {
      if (l.trim() !== '') opts.onLine(l);
    });
    const onAbort = (): void => {
      if (child.pid === undefined) return;
      killGroup(child.pid, 'SIGTERM');
      graceTimer = setTimeout(() => killGroup(child.pid!, 'SIGKILL'), opts.graceMs ?? 2000);
    };
    if (opts.signal?.aborted) onAbort();
    else opts.signal?.addEventListener('abort', onAbort, { once: true });
    let exit: { code: number | null; signal: string | null } | undefined;
    let closed = false;
    const finish = (): void => {
      if (!exit || !closed) return;
      if (graceTimer) clearTimeout(graceTimer);
      opts.signal?.removeEventListener('abort', onAbort);
      if (child.pid !== undefined) {
        // Whatever the child left in its group goes with it.
        killGroup(child.pid, 'SIGKILL');
        live.delete(child.pid);
      }
      sentinel?.kill('SIGKILL');
      resolve({ exitCode: exit.code, signal: exit.signal, stderrTail });
    };
    child.once('exit', (code, signal) => {
      exit = { code, signal };
      finish();
    });
    rl.once('close', () => {
      closed = true;
      finish();
    });
  });
}

// Liveness of the process groups the engine starts (commands, PTY sessions). A group is
// signalled only while its leader is known to be alive, or in the same tick its exit was
// observed (the group sweep: anything left behind goes); never afterwards, so a reused pid
// is never hit. Live groups are killed on process exit and on SIGINT/SIGTERM/SIGHUP when
// nobody else handles the signal. A group without the reaping helper (macOS, helper not
// built) also gets a sentinel: a tiny `sh` that waits for EOF on a pipe only we hold and
// kills the group when it comes, which covers a SIGKILLed codex too.
import { spawn, type ChildProcess } from 'node:child_process';

/** Grace for a reaping helper to kill its descendants after SIGTERM before it is SIGKILLed. */
export const REAPER_GRACE_MS = 500;

/** One tracked group; `pid` is the leader's pid and the group id. */
export interface GroupHandle {
  readonly pid: number;
  /** The leader is the reaping sandbox helper (kills every descendant on SIGTERM). */
  readonly reaper: boolean;
  /** Set once the leader's exit was observed; nothing is signalled after that. */
  exited: boolean;
  sentinel?: ChildProcess;
}

const live = new Set<GroupHandle>();
let hooksInstalled = false;

function send(target: number, sig: NodeJS.Signals): void {
  try {
    process.kill(target, sig);
  } catch {
    // already gone
  }
}

function killAllLive(): void {
  for (const g of live) {
    // A reaping helper kills everything on SIGTERM (and on its PDEATHSIG once we are
    // gone); SIGKILLing its group now would kill it before it cleans up.
    if (g.reaper) send(g.pid, 'SIGTERM');
    else send(-g.pid, 'SIGKILL');
  }
}

function installHooks(): void {
  if (hooksInstalled) return;
  hooksInstalled = true;
  process.on('exit', killAllLive);
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    const onSignal = (): void => {
      // Someone else handles it: the process goes on (or exits through 'exit').
      if (process.listenerCount(sig) > 1) return;
      killAllLive();
      process.removeListener(sig, onSignal);
      process.kill(process.pid, sig);
    };
    process.on(sig, onSignal);
  }
}

function startSentinel(pid: number): ChildProcess | undefined {
  if (process.platform === 'win32') return undefined;
  try {
    const s = spawn('/bin/sh', ['-c', 'read _ ; kill -9 "-$1" 2>/dev/null', 'codex-group-sentinel', String(pid)], {
      stdio: ['pipe', 'ignore', 'ignore'],
      detached: true,
    });
    s.on('error', () => undefined);
    s.stdin?.on('error', () => undefined);
    s.unref();
    (s.stdin as unknown as { unref?: () => void } | null)?.unref?.();
    return s;
  } catch {
    return undefined;
  }
}

/** Start tracking a freshly spawned group leader. */
export function trackGroup(pid: number, opts: { reaper: boolean }): GroupHandle {
  installHooks();
  const g: GroupHandle = { pid, reaper: opts.reaper, exited: false };
  if (!opts.reaper) {
    const sentinel = startSentinel(pid);
    if (sentinel) g.sentinel = sentinel;
  }
  live.add(g);
  return g;
}

/**
 * The leader's exit was just observed (call it synchronously from the exit callback):
 * sweep the group once, then forget it.
 */
export function leaderExited(g: GroupHandle): void {
  if (g.exited) return;
  g.exited = true;
  live.delete(g);
  send(-g.pid, 'SIGKILL');
  stopSentinel(g);
}

function stopSentinel(g: GroupHandle): void {
  const s = g.sentinel;
  g.sentinel = undefined;
  // The sentinel is alive until we see its exit; child.kill() refuses after that.
  if (s && s.exitCode === null && s.signalCode === null) s.kill('SIGKILL');
}

/**
 * Stop a live group and everything in it: SIGKILL to the group; for a reaping helper first
 * SIGTERM (it kills all descendants, even those that left the group, and exits), the group
 * SIGKILL following at its exit or after REAPER_GRACE_MS. No-op once the leader exited.
 */
export function terminateGroup(g: GroupHandle): void {
  if (g.exited) return;
  if (!g.reaper) {
    send(-g.pid, 'SIGKILL');
    return;
  }
  send(g.pid, 'SIGTERM');
  const grace = setTimeout(() => {
    if (!g.exited) send(-g.pid, 'SIGKILL');
  }, REAPER_GRACE_MS);
  grace.unref();
}

/** Groups still alive (for tests and diagnostics). */
export function liveGroupCount(): number {
  return live.size;
}

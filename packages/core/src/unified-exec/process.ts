// One unified-exec process: started in a PTY (node-pty, loaded on first use) or with pipes
// and no stdin, as the leader of its own process group. Output goes to listeners and to a
// bounded pending buffer the model drains; the exit is recorded once; the whole group is
// killed on terminate() and swept when the leader exits (exec/process-group.ts).
import { spawn, type ChildProcess } from 'node:child_process';
import { constants as osConstants } from 'node:os';
import { leaderExited, terminateGroup, trackGroup, type GroupHandle } from '../exec/process-group.js';
import { HeadTailBuffer } from './head-tail-buffer.js';

/** What to start: an already sandbox-wrapped command. */
export interface SpawnProcessOptions {
  file: string;
  args: string[];
  cwd: string;
  env: Record<string, string>;
  tty: boolean;
  /** The leader is the reaping sandbox helper. */
  reaper: boolean;
  cols?: number;
  rows?: number;
}

interface PtyLike {
  pid: number;
  write(data: string): void;
  onData(cb: (d: Buffer | string) => void): unknown;
  onExit(cb: (e: { exitCode: number; signal?: number }) => void): unknown;
}
interface PtyModule {
  spawn(file: string, args: string[], opts: Record<string, unknown>): PtyLike;
}

let ptyModule: Promise<PtyModule> | undefined;

/** node-pty, imported on first PTY use so start-up never pays for it. */
export function loadPty(): Promise<PtyModule> {
  ptyModule ??= import('@lydell/node-pty').then((m) => ((m as { default?: PtyModule }).default ?? (m as unknown as PtyModule)));
  return ptyModule;
}

/** A running (or finished) unified-exec process. */
export class UnifiedExecProcess {
  exitCode: number | null = null;
  exited = false;
  /** No more output will arrive (pipes closed / PTY drained). */
  outputClosed = false;
  private readonly pending = new HeadTailBuffer();
  private readonly listeners: ((chunk: Buffer) => void)[] = [];
  private readonly exitListeners: (() => void)[] = [];
  private wake: (() => void)[] = [];

  /** @internal Use {@link UnifiedExecProcess.spawn}. */
  constructor(
    readonly pid: number,
    readonly tty: boolean,
    private readonly group: GroupHandle,
    private readonly writer: ((data: string) => void) | null,
  ) {}

  /** Start a process; rejects when it cannot be started at all. */
  static async spawn(o: SpawnProcessOptions): Promise<UnifiedExecProcess> {
    return o.tty ? spawnPty(o) : spawnPipes(o);
  }

  /** @internal Feed output (from the spawn functions). */
  _output(chunk: Buffer): void {
    if (chunk.length === 0) return;
    this.pending.push(chunk);
    for (const l of this.listeners) l(chunk);
    this.notify();
  }

  /** @internal The leader exited (called in the tick its exit was observed). */
  _exit(code: number): void {
    if (this.exited) return;
    this.exited = true;
    this.exitCode = code;
    leaderExited(this.group);
    this.notify();
    for (const l of this.exitListeners.splice(0)) l();
  }

  /** @internal No more output. */
  _closed(): void {
    this.outputClosed = true;
    this.notify();
  }

  /** Wake anyone in waitForChange (e.g. on abort). */
  poke(): void {
    this.notify();
  }

  private notify(): void {
    for (const w of this.wake.splice(0)) w();
  }

  /** Called for each output chunk from now on. */
  onOutput(fn: (chunk: Buffer) => void): void {
    this.listeners.push(fn);
  }

  /** Called once when the leader exits (at once if it already has). */
  onExit(fn: () => void): void {
    if (this.exited) fn();
    else this.exitListeners.push(fn);
  }

  /** Take the output the model has not seen yet. */
  drain(): Buffer {
    return this.pending.drain();
  }

  /** Resolves on new output, exit, output close or after `ms`. */
  waitForChange(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, Math.max(0, ms));
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.wake.push(done);
    });
  }

  /** Write keys to the PTY. Throws when the process has no stdin (pipes). */
  write(data: string): void {
    if (!this.writer) throw new Error('stdin is closed for this session; rerun exec_command with tty=true to keep stdin open');
    if (this.exited) throw new Error('the process has exited');
    this.writer(data);
  }

  /** Kill the whole process group (no-op once the leader exited and its group was swept). */
  terminate(): void {
    terminateGroup(this.group);
  }
}

async function spawnPty(o: SpawnProcessOptions): Promise<UnifiedExecProcess> {
  const pty = await loadPty();
  const term = pty.spawn(o.file, o.args, {
    name: o.env.TERM ?? 'dumb',
    cols: o.cols ?? 80,
    rows: o.rows ?? 24,
    cwd: o.cwd,
    env: o.env,
    encoding: null,
  });
  // node-pty starts the child with setsid(): it leads its own session and process group.
  const group = trackGroup(term.pid, { reaper: o.reaper });
  const proc = new UnifiedExecProcess(term.pid, true, group, (d: string) => term.write(d));
  term.onData((d) => proc._output(typeof d === 'string' ? Buffer.from(d, 'utf8') : d));
  // node-pty reports the exit after the master side has drained (or its own timeout).
  term.onExit((e) => {
    proc._exit(e.signal ? 128 + e.signal : e.exitCode);
    proc._closed();
  });
  return proc;
}

function spawnPipes(o: SpawnProcessOptions): Promise<UnifiedExecProcess> {
  return new Promise((resolve, reject) => {
    let child: ChildProcess;
    try {
      child = spawn(o.file, o.args, { cwd: o.cwd, env: o.env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    } catch (err: unknown) {
      reject(err);
      return;
    }
    if (child.pid === undefined) {
      child.once('error', (err) => reject(err));
      return;
    }
    const group = trackGroup(child.pid, { reaper: o.reaper });
    const proc = new UnifiedExecProcess(child.pid, false, group, null);
    child.stdout?.on('data', (c: Buffer) => proc._output(c));
    child.stderr?.on('data', (c: Buffer) => proc._output(c));
    child.on('error', () => undefined);
    // 'exit' follows the reaping in the same tick: the group sweep is safe there.
    child.once('exit', (code, sig) => proc._exit(code ?? 128 + signalNumber(sig)));
    child.once('close', () => proc._closed());
    resolve(proc);
  });
}

function signalNumber(sig: NodeJS.Signals | null): number {
  return sig ? ((osConstants.signals as Record<string, number>)[sig] ?? 0) : 0;
}

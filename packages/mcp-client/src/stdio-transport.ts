// An MCP stdio transport that owns its child: the server runs in its own process group (so a
// server that forks helpers is killed whole), its environment is built the way Codex builds it
// (a small default set + `env_vars` + `env`), stdout lines that are not JSON-RPC are counted and
// skipped instead of killing the connection, and the last few KB of stderr are kept for error
// messages. Every live group is killed when this process exits.
import { spawn, type ChildProcess } from 'node:child_process';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import { deserializeMessage, serializeMessage } from '@modelcontextprotocol/sdk/shared/stdio.js';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';

/** Variables a stdio server inherits by default (Codex's unix list). */
export const DEFAULT_ENV_VARS = ['HOME', 'LOGNAME', 'PATH', 'SHELL', 'USER', '__CF_USER_TEXT_ENCODING', 'LANG', 'LC_ALL', 'TERM', 'TMPDIR', 'TZ'];
const STDERR_TAIL_BYTES = 4096;
const MAX_LINE_BYTES = 16 * 1024 * 1024;
const KILL_GRACE_MS = 2000;

const liveGroups = new Set<number>();
let exitHookInstalled = false;
function trackGroup(pid: number): void {
  liveGroups.add(pid);
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const g of liveGroups) killGroup(g, 'SIGKILL');
  });
}

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    try {
      process.kill(pid, signal);
    } catch {
      // already gone
    }
  }
}

/** Options for {@link ChildStdioTransport}. */
export interface ChildStdioOptions {
  command: string;
  args: string[];
  env: Record<string, string>;
  envVars: string[];
  cwd?: string;
  /** The environment the defaults and `env_vars` are taken from. */
  parentEnv?: NodeJS.ProcessEnv;
}

/** Build the server's environment: defaults, then `env_vars`, then `env` (Codex's order). */
export function serverEnv(opts: Pick<ChildStdioOptions, 'env' | 'envVars' | 'parentEnv'>): Record<string, string> {
  const parent = opts.parentEnv ?? process.env;
  const out: Record<string, string> = {};
  for (const k of [...DEFAULT_ENV_VARS, ...opts.envVars]) {
    const v = parent[k];
    if (v !== undefined) out[k] = v;
  }
  return { ...out, ...opts.env };
}

/** A Transport over a spawned server's stdin/stdout. */
export class ChildStdioTransport implements Transport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: (message: JSONRPCMessage) => void;
  private child: ChildProcess | undefined;
  private buffer = '';
  private stderrTail = '';
  private closed = false;
  private exited: Promise<void> = Promise.resolve();
  /** Lines on stdout that were not JSON-RPC. */
  garbageLines = 0;
  firstGarbage: string | undefined;
  exitStatus: { code: number | null; signal: NodeJS.Signals | null } | undefined;

  constructor(private readonly opts: ChildStdioOptions) {}

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** The last few KB the server wrote to stderr. */
  stderr(): string {
    return this.stderrTail;
  }

  start(): Promise<void> {
    return new Promise((resolve, reject) => {
      const child = spawn(this.opts.command, this.opts.args, {
        cwd: this.opts.cwd,
        env: serverEnv(this.opts),
        stdio: ['pipe', 'pipe', 'pipe'],
        detached: true,
      });
      this.child = child;
      this.exited = new Promise((res) => child.once('close', () => res()));
      child.once('error', (err) => {
        reject(err);
        this.onerror?.(err);
        this.finish();
      });
      child.once('spawn', () => {
        if (child.pid !== undefined) trackGroup(child.pid);
        resolve();
      });
      child.once('exit', (code, signal) => {
        this.exitStatus = { code, signal };
        if (child.pid !== undefined) liveGroups.delete(child.pid);
      });
      child.once('close', () => this.finish());
      child.stdout!.setEncoding('utf8');
      child.stdout!.on('data', (chunk: string) => this.onStdout(chunk));
      child.stderr!.setEncoding('utf8');
      child.stderr!.on('data', (chunk: string) => {
        this.stderrTail = (this.stderrTail + chunk).slice(-STDERR_TAIL_BYTES);
      });
      child.stdin!.on('error', (err) => this.onerror?.(err));
    });
  }

  private onStdout(chunk: string): void {
    this.buffer += chunk;
    if (this.buffer.length > MAX_LINE_BYTES && !this.buffer.includes('\n')) {
      this.buffer = '';
      this.noteGarbage(`a line longer than ${MAX_LINE_BYTES} bytes`);
    }
    let nl: number;
    while ((nl = this.buffer.indexOf('\n')) !== -1) {
      const line = this.buffer.slice(0, nl).replace(/\r$/, '');
      this.buffer = this.buffer.slice(nl + 1);
      if (line.trim() === '') continue;
      let msg: JSONRPCMessage;
      try {
        msg = deserializeMessage(line);
      } catch {
        this.noteGarbage(line);
        continue;
      }
      this.onmessage?.(msg);
    }
  }

  private noteGarbage(line: string): void {
    this.garbageLines++;
    this.firstGarbage ??= line.slice(0, 200);
    if (this.garbageLines === 1) this.onerror?.(new Error(`server wrote a non-JSON-RPC line on stdout: ${line.slice(0, 200)}`));
  }

  send(message: JSONRPCMessage): Promise<void> {
    return new Promise((resolve, reject) => {
      const stdin = this.child?.stdin;
      if (!stdin || this.closed || stdin.destroyed) {
        reject(new Error('connection closed'));
        return;
      }
      stdin.write(serializeMessage(message), (err) => (err ? reject(err) : resolve()));
    });
  }

  /** Close stdin, then SIGTERM the process group, then SIGKILL after a grace period. */
  async close(): Promise<void> {
    const child = this.child;
    if (child && child.exitCode === null && child.signalCode === null && child.pid !== undefined) {
      const pid = child.pid;
      child.stdin?.end();
      killGroup(pid, 'SIGTERM');
      const timer = setTimeout(() => killGroup(pid, 'SIGKILL'), KILL_GRACE_MS);
      await this.exited;
      clearTimeout(timer);
      // Helpers the server forked into its group die with it.
      killGroup(pid, 'SIGKILL');
      liveGroups.delete(pid);
    }
    this.finish();
  }

  private finish(): void {
    if (this.closed) return;
    this.closed = true;
    this.onclose?.();
  }
}

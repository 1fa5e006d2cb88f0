// A real redis-server on 127.0.0.1 for the tests that need one (the fleet). The project's
// set-up installs Debian's redis-server when it runs as root with apt; elsewhere those tests
// are skipped with `redisMissingReason()` as the reason.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TestSupportError } from './errors.js';

/** A running redis-server owned by the test that started it. */
export interface RedisServer {
  /** `redis://127.0.0.1:<port>` */
  readonly url: string;
  readonly port: number;
  readonly pid: number;
  /** Stops the server (SIGTERM, then SIGKILL after 2 s) and removes its directory. */
  stop(): Promise<void>;
}

/** The redis-server binary, or undefined when none is on PATH. */
export function redisServerPath(): string | undefined {
  const r = spawnSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' });
  const found = r.status === 0 ? r.stdout.trim() : '';
  return found === '' ? undefined : found;
}

/** Why redis tests cannot run here, or undefined when they can. */
export function redisMissingReason(): string | undefined {
  return redisServerPath() === undefined
    ? 'redis-server is not installed (npm run setup installs it as root with apt: Debian package redis-server)'
    : undefined;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr !== null ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

function waitReady(child: ChildProcess, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => {
      reject(new TestSupportError('wait_timeout', `redis-server did not become ready in ${timeoutMs} ms:\n${out}`));
    }, timeoutMs);
    const onData = (chunk: Buffer): void => {
      out += chunk.toString('utf8');
      if (/ready to accept connections/i.test(out)) {
        clearTimeout(timer);
        child.stdout?.off('data', onData);
        child.stdout?.resume();
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new TestSupportError('wait_timeout', `redis-server exited (${signal ?? code}) before it was ready:\n${out}`));
    });
  });
}

/**
 * Starts a private redis-server on a free loopback port, with no persistence and its own
 * directory. Tries a few ports in case another process takes the free one first.
 */
export async function startRedisServer(opts: { timeoutMs?: number } = {}): Promise<RedisServer> {
  const bin = redisServerPath();
  if (bin === undefined) throw new TestSupportError('wait_timeout', redisMissingReason()!);
  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const port = await freePort();
    const dir = mkdtempSync(join(tmpdir(), 'codex-redis-'));
    const child = spawn(
      bin,
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir, '--daemonize', 'no'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    try {
      await waitReady(child, opts.timeoutMs ?? 15_000);
    } catch (err) {
      lastError = err;
      child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
      continue;
    }
    child.stderr?.resume();
    const stop = async (): Promise<void> => {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise<void>((r) => child.once('exit', () => r()));
        child.kill('SIGTERM');
        const t = setTimeout(() => child.kill('SIGKILL'), 2000);
        await exited;
        clearTimeout(t);
      }
      rmSync(dir, { recursive: true, force: true });
    };
    return { url: `redis://127.0.0.1:${port}`, port, pid: child.pid ?? -1, stop };
  }
  throw lastError instanceof Error ? lastError : new TestSupportError('wait_timeout', 'redis-server failed to start');
}

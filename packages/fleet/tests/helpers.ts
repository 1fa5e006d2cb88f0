// Set-up shared by the fleet suites: a private redis-server, the scripted model, a git repo,
// and `codex fleet worker` processes of the built CLI (real processes, so a test can SIGKILL
// one as a lost machine would be).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';

/** The built `codex` binary (packages/cli/bin/codex). */
export const CODEX_BIN = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../cli/bin/codex');

/** Temp dirs of one test: worker CODEX_HOME, shared dir, a git repository. */
export interface FleetSandbox {
  root: string;
  home: string;
  shared: string;
  repo: string;
  cleanup(): void;
}

function git(cwd: string, ...args: string[]): void {
  const r = spawnSync('git', ['-c', 'user.email=fleet@test', '-c', 'user.name=fleet', ...args], { cwd, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
}

/** A fresh sandbox with a one-commit repository (branch `main`). */
export function makeFleetSandbox(): FleetSandbox {
  const root = mkdtempSync(join(tmpdir(), 'codex-fleet-test-'));
  const home = join(root, 'home');
  const shared = join(root, 'shared');
  const repo = join(root, 'repo');
  for (const d of [home, shared, repo]) mkdirSync(d);
  writeFileSync(join(repo, 'README.md'), '# demo\n');
  git(repo, 'init', '-q', '-b', 'main');
  git(repo, 'add', '.');
  git(repo, 'commit', '-q', '-m', 'init');
  return { root, home, shared, repo, cleanup: () => rmSync(root, { recursive: true, force: true }) };
}

/** A bare clone of `repo`, as a file:// URL (a "remote" repository). */
export function bareRemote(sb: FleetSandbox): string {
  const bare = join(sb.root, 'remote.git');
  git(sb.root, 'clone', '-q', '--bare', sb.repo, bare);
  return `file://${bare}`;
}

/** Environment of CLI children: no real keys, our CODEX_HOME and model server. */
export function fleetEnv(sb: FleetSandbox, baseUrl: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !/^(OPENAI_|CODEX_)/.test(k)) env[k] = v;
  return { ...env, CODEX_HOME: sb.home, OPENAI_BASE_URL: baseUrl, OPENAI_API_KEY: 'test-key', NO_COLOR: '1' };
}

/** A running `codex fleet worker`. */
export interface WorkerProc {
  child: ChildProcess;
  pid: number;
  stderr: () => string;
  exited: Promise<void>;
}

/** Start a worker process. */
export function startWorkerProc(opts: { env: Record<string, string>; redis: string; queue: string; shared: string; concurrency: number; lockMs: number }): WorkerProc {
  const child = spawn(
    process.execPath,
    [CODEX_BIN, 'fleet', 'worker', '--redis', opts.redis, '--queue', opts.queue, '--shared-dir', opts.shared, '--concurrency', String(opts.concurrency), '--lock-duration-ms', String(opts.lockMs)],
    { env: opts.env, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let err = '';
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  return { child, pid: child.pid!, stderr: () => err, exited };
}

/** Stop workers: SIGTERM twice (stop now), SIGKILL if still there after 5 s. */
export async function stopWorkers(ws: WorkerProc[]): Promise<void> {
  await Promise.all(
    ws.map(async (w) => {
      if (w.child.exitCode !== null || w.child.signalCode !== null) return;
      w.child.kill('SIGTERM');
      w.child.kill('SIGTERM');
      const t = setTimeout(() => w.child.kill('SIGKILL'), 5000);
      await w.exited;
      clearTimeout(t);
    }),
  );
}

/** Run `codex <args>` to completion. */
export function runCli(args: string[], env: Record<string, string>, cwd: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((res, rej) => {
    const child = spawn(process.execPath, [CODEX_BIN, ...args], { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const t = setTimeout(() => {
      child.kill('SIGKILL');
      rej(new Error(`codex ${args.join(' ')} timed out\n${stderr}`));
    }, 30_000);
    child.on('close', (code) => {
      clearTimeout(t);
      res({ code, stdout, stderr });
    });
  });
}

/** Poll `fn` until it returns a value other than undefined. */
export async function until<T>(what: string, fn: () => Promise<T | undefined> | T | undefined, timeoutMs = 60_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

/** Whether a process exists. */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

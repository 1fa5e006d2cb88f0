// Set-up shared by the fleet suites: a private redis-server, the scripted model, a git repo,
// and `codex fleet worker` processes of the built CLI (real processes, so a test can SIGKILL
// one as a lost machine would be).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { turn, type RecordedRequest, type ScriptedModelServer } from '@codex-ts/test-support';

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
export function startWorkerProc(opts: { env: Record<string, string>; redis: string; queue: string; shared: string; concurrency: number; lockMs: number; args?: string[] }): WorkerProc {
  const child = spawn(
    process.execPath,
    [CODEX_BIN, 'fleet', 'worker', '--redis', opts.redis, '--queue', opts.queue, '--shared-dir', opts.shared, '--concurrency', String(opts.concurrency), '--lock-duration-ms', String(opts.lockMs), ...(opts.args ?? [])],
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

/** `v`, or a throw naming `what` (for vitest's `vi.waitFor`, which retries until the callback stops throwing). */
export function must<T>(v: T | undefined | null | false, what: string): T {
  if (v === undefined || v === null || v === false) throw new Error(`still waiting for ${what}`);
  return v;
}

/** A sleep duration no other process on the machine uses, to find the tasks' commands in /proc (the sandbox may hide real pids). */
export const SLEEP_ARG = `600.${process.pid}${randomInt(1_000_000)}`;

/** How many of this test file's sleep commands are running. */
export function sleepers(): number {
  let n = 0;
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      if (readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').includes(SLEEP_ARG)) n += 1;
    } catch {
      // gone meanwhile
    }
  }
  return n;
}

/** User message texts of a model request. */
export function userTexts(req: RecordedRequest): string[] {
  const input = ((req.json as { input?: unknown[] })?.input ?? []) as { type?: string; role?: string; content?: { text?: string }[] }[];
  return input.filter((i) => i.type === 'message' && i.role === 'user').flatMap((i) => (i.content ?? []).map((c) => c.text ?? ''));
}

/** Input items of a model request. */
export function inputItems(req: RecordedRequest): Record<string, unknown>[] {
  return ((req.json as { input?: unknown[] })?.input ?? []) as Record<string, unknown>[];
}

/** Token usage each scripted answer reports. */
export const USAGE = { input_tokens: 10, cached_tokens: 4, output_tokens: 5 };

/**
 * The model: `TASK-n` gets `done n`; a `SLOW` task first runs a command that appends to
 * ran.txt and sleeps, and once a tool output is in the input, finishes.
 */
export function fleetModel(server: ScriptedModelServer, opts: { delayMs?: number } = {}): void {
  const sleeper = `sleep ${SLEEP_ARG}`;
  server.loop([
    {
      ...(opts.delayMs !== undefined ? { eventDelayMs: opts.delayMs } : {}),
      respond: (req) => {
        const text = userTexts(req).join('\n');
        if (text.includes('SLOW')) {
          const answered = inputItems(req).some((i) => i.type === 'function_call_output');
          if (!answered) return turn.shell(['sh', '-c', `echo ran >> ran.txt; exec ${sleeper}`], { call_id: 'call_slow', usage: USAGE });
          return turn.message('finished after resume', { usage: USAGE });
        }
        const m = /TASK-(\d+)/.exec(text);
        return turn.message(m ? `done ${m[1]}` : 'no task marker', { usage: USAGE });
      },
    },
  ]);
}

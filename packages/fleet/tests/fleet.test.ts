// End to end: a private redis-server, the scripted model, 1-3 `codex fleet worker` processes
// of the built CLI, tasks submitted with `codex fleet submit`. Proves that every task runs
// and is reported exactly once, that a task whose worker is SIGKILLed finishes on another
// worker resumed from its rollout (the cut-off tool call reported to the model as aborted,
// never re-run), that cancel removes queued tasks and kills running ones, and that bad lines
// are rejected with their line numbers before anything is queued.
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { redisMissingReason, startModelServer, type RedisServer, type ScriptedModelServer, startRedisServer, until } from '@codex-ts/test-support';
import { FleetClient, type FleetSettings, type TaskResult } from '../src/index.js';
import { bareRemote, fleetEnv, fleetModel, inputItems, makeFleetSandbox, must, runCli, sleepers, startWorkerProc, stopWorkers, userTexts, type FleetSandbox, type WorkerProc } from './helpers.js';

const missing = redisMissingReason();
if (missing) console.warn(`SKIPPED packages/fleet/tests/fleet.test.ts: ${missing}`);

/**
 * Lock durations: long where a worker must never lose a live task (a machine under load can
 * stall a worker's timers for seconds; a lost lock would run the task twice), short where the
 * test waits for a dead worker's lock to expire.
 */
const LOCK_MS = 10_000;
const SHORT_LOCK_MS = 3000;

describe.skipIf(missing !== undefined)('codex fleet', () => {
  let redis: RedisServer;
  let server: ScriptedModelServer;
  let sb: FleetSandbox;
  let workers: WorkerProc[] = [];
  let client: FleetClient | undefined;
  let env: Record<string, string>;
  let queue: string;

  const settings = (): FleetSettings => ({
    redisUrl: redis.url,
    queue,
    prefix: 'codex-fleet',
    sharedDir: sb.shared,
    cacheDir: join(sb.home, 'fleet-cache'),
    concurrency: 1,
    lockDurationMs: LOCK_MS,
    maxResumes: 3,
    keepWorktrees: false,
    allowDangerFullAccess: false,
    providers: [],
    attempts: 1,
    backoffMs: 0,
    workerName: 'test',
  });
  const start = (n: number, concurrency: number, lockMs = LOCK_MS): WorkerProc[] => {
    const ws = Array.from({ length: n }, () => startWorkerProc({ env, redis: redis.url, queue, shared: sb.shared, concurrency, lockMs }));
    workers.push(...ws);
    return ws;
  };
  const submit = (lines: unknown[], name = 'tasks.jsonl') => {
    const file = join(sb.root, name);
    writeFileSync(file, lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n') + '\n');
    return runCli(['fleet', 'submit', file, '--redis', redis.url, '--queue', queue], env, sb.root);
  };
  const results = async (): Promise<TaskResult[]> => {
    const r = await runCli(['fleet', 'results', '--json', '--redis', redis.url, '--queue', queue], env, sb.root);
    expect(r.code).toBe(0);
    return r.stdout.split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as TaskResult);
  };

  beforeEach(async () => {
    redis = await startRedisServer();
    server = await startModelServer();
    sb = makeFleetSandbox();
    env = fleetEnv(sb, server.baseUrl);
    queue = 'q1';
    workers = [];
    client = new FleetClient(settings());
  });

  afterEach(async () => {
    await stopWorkers(workers);
    await client?.close();
    await server.close();
    await redis.stop();
    sb.cleanup();
  });

  it('runs 50 tasks on 3 workers, each exactly once; re-submitting queues nothing', async () => {
    fleetModel(server);
    const url = bareRemote(sb);
    const lines = Array.from({ length: 50 }, (_, i) => ({
      prompt: `TASK-${i}`,
      repo: i % 10 === 0 ? url : './repo',
      ...(i % 10 === 0 ? { ref: 'main' } : {}),
      labels: { n: String(i) },
    }));
    const sub = await submit(lines);
    expect(sub.stderr).toBe('');
    expect(sub.stdout).toBe('Queued 50 task(s) on q1.\n');
    start(3, 2);
    const status = await vi.waitFor(async () => {
      const s = await client!.status();
      return must(s.done + s.failed === 50 && s, '50 finished');
    }, { timeout: 240_000, interval: 100 });
    expect((await results()).filter((r) => r.status !== 'completed').map((r) => ({ id: r.id, error: r.error, runs: r.runs }))).toEqual([]);
    expect(status).toMatchObject({ workers: 3, queued: 0, running: 0, done: 50, failed: 0, cancelled: 0, total: 50 });

    // watch without a terminal: one line, and it exits at once when nothing is left.
    const w = await runCli(['fleet', 'watch', '--redis', redis.url, '--queue', queue], env, sb.root);
    expect(w).toMatchObject({ code: 0, stderr: '' });
    expect(w.stdout).toMatch(/^done 50 {2}running 0 {2}queued 0 {2}failed 0 {2}cancelled 0 {2}total 50 {2}rate \d+\.\d\/min {2}eta 0s {2}workers 3\n$/);

    const rs = await results();
    expect(rs).toHaveLength(50);
    const byN = new Map(rs.map((r) => [(r.labels as Record<string, string>).n, r]));
    expect(byN.size).toBe(50);
    for (let i = 0; i < 50; i++) {
      const r = byN.get(String(i))!;
      expect({ status: r.status, final: r.final_message, exit: r.exit_code, resumed: r.resumed, runs: r.runs.length, diff: r.diff }).toEqual({
        status: 'completed',
        final: `done ${i}`,
        exit: 0,
        resumed: 0,
        runs: 1,
        diff: '',
      });
      expect(existsSync(r.rollout_path!)).toBe(true);
      expect(r.usage).toEqual({ input_tokens: 10, cached_input_tokens: 4, output_tokens: 5, reasoning_output_tokens: 0, total_tokens: 15 });
    }
    // The model saw each task exactly once: nothing ran twice.
    const seen = server.responsesRequests().flatMap((q) => userTexts(q).flatMap((t) => [...t.matchAll(/TASK-(\d+)/g)].map((m) => m[1])));
    expect(seen.sort((a, b) => Number(a) - Number(b))).toEqual(Array.from({ length: 50 }, (_, i) => String(i)));
    // Worktrees are gone (the diff is in the result); rollouts stay in the shared dir.
    expect(existsSync(join(sb.shared, queue, 'work', rs[0]!.id))).toBe(false);

    const again = await submit(lines);
    expect(again.stdout).toBe('Queued 0 task(s) on q1; 50 already submitted (not queued again).\n');
    expect((await client!.status()).total).toBe(50);
  }, 300_000);

  it('resumes a task from its rollout on another worker when its worker is SIGKILLed; the cut-off call is reported as aborted', async () => {
    fleetModel(server);
    const [a, b] = start(2, 1, SHORT_LOCK_MS);
    expect((await submit([{ id: 'slow-1', prompt: 'SLOW job', repo: './repo', sandbox: 'workspace-write' }])).code).toBe(0);
    expect(await until(() => sleepers() === 1, 60_000, 100)).toBe(true);
    const runsKey = client!.keys.runs('slow-1');
    const { Redis } = await import('ioredis');
    const r = new Redis(redis.url);
    r.on('error', () => undefined);
    const first = JSON.parse((await r.lindex(runsKey, 0))!) as { worker: string };
    const victim = [a!, b!].find((w) => first.worker.endsWith(`:${w.pid}`))!;
    victim.child.kill('SIGKILL');
    await victim.exited;
    // The dead worker's task (and the command it ran) goes with it: the sentinel kills the group.
    expect(await until(() => sleepers() === 0, 20_000, 100)).toBe(true);

    const result = await vi.waitFor(async () => must((await results()).find((x) => x.id === 'slow-1'), 'the task to finish'), { timeout: 60_000, interval: 100 });
    r.disconnect();
    expect(result.status).toBe('completed');
    expect(result.final_message).toBe('finished after resume');
    expect(result.resumed).toBe(1);
    expect(result.runs.map((x) => x.mode)).toEqual(['new', 'resume']);
    expect(result.runs[1]!.worker).not.toBe(result.runs[0]!.worker);
    expect(result.runs[1]!.session_id).toBe(result.session_id);
    // Usage adds up over both runs.
    expect(result.usage).toEqual({ input_tokens: 20, cached_input_tokens: 8, output_tokens: 10, reasoning_output_tokens: 0, total_tokens: 30 });
    // The command ran once: the file it appends to is in the task's diff with one line.
    expect(result.diff).toMatch(/^diff --git a\/ran.txt b\/ran.txt\nnew file mode 100644\nindex 0000000\.\.[0-9a-f]+\n--- \/dev\/null\n\+\+\+ b\/ran.txt\n@@ -0,0 \+1 @@\n\+ran\n$/);
    // The resumed request carries the cut-off call with Codex's `aborted` output, then the resume prompt.
    const reqs = server.responsesRequests();
    expect(reqs).toHaveLength(2);
    const items = inputItems(reqs[1]!);
    expect(items.filter((i) => i.call_id === 'call_slow').map((i) => ({ type: i.type, ...(i.type === 'function_call_output' ? { output: i.output } : {}) }))).toEqual([
      { type: 'function_call' },
      { type: 'function_call_output', output: 'aborted' },
    ]);
    expect(userTexts(reqs[1]!).at(-1)).toMatch(/^This task was interrupted/);
    // The event stream shows both runs.
    const ev = await runCli(['fleet', 'events', 'slow-1', '--redis', redis.url, '--queue', queue], env, sb.root);
    const runs = ev.stdout.split('\n').filter((l) => l.includes('fleet.run_started')).map((l) => (JSON.parse(l) as { mode: string }).mode);
    expect(runs).toEqual(['new', 'resume']);
  }, 120_000);

  it('cancel removes queued tasks and kills running ones', async () => {
    fleetModel(server);
    const lines = Array.from({ length: 6 }, (_, i) => ({ id: `c${i}`, prompt: `SLOW ${i}`, repo: './repo', sandbox: 'workspace-write' }));
    expect((await submit(lines)).code).toBe(0);
    start(1, 2);
    expect(await until(() => sleepers() === 2, 60_000, 100)).toBe(true);
    const c = await runCli(['fleet', 'cancel', '--all', '--json', '--redis', redis.url, '--queue', queue], env, sb.root);
    expect(c.code).toBe(0);
    const report = JSON.parse(c.stdout) as { removed: string[]; signalled: string[]; untouched: string[] };
    expect({ removed: report.removed.length, signalled: report.signalled.length, untouched: report.untouched }).toEqual({ removed: 4, signalled: 2, untouched: [] });
    const s = await vi.waitFor(async () => {
      const st = await client!.status();
      return must(st.cancelled === 6 && st.running === 0 && st, 'all cancelled');
    }, { timeout: 30_000, interval: 100 });
    expect(s).toMatchObject({ queued: 0, running: 0, done: 0, failed: 0, cancelled: 6, total: 6 });
    expect(await until(() => sleepers() === 0, 20_000, 100)).toBe(true);
    const rs = await results();
    expect(rs.map((r) => [r.id, r.status]).sort()).toEqual(lines.map((l) => [l.id, 'cancelled']));
    expect(server.responsesRequests()).toHaveLength(2);
    await sleep(SHORT_LOCK_MS); // nothing comes back to life a while later
    expect(server.responsesRequests()).toHaveLength(2);
  }, 120_000);

  it('rejects bad lines with their line numbers and queues nothing', async () => {
    const r = await submit([
      { prompt: 'ok', repo: './repo' },
      '{"prompt": "broken"',
      { prompt: '', repo: './repo' },
      { prompt: 'x', repo: './repo', sandbox: 'everything', promt: 'typo' },
      '',
      { prompt: 'ok', repo: './repo' },
      { prompt: 'y', repo: './no-such-repo' },
      { prompt: 'z', repo: './repo', ref: 'no-such-branch' },
    ]);
    expect(r.code).toBe(1);
    const f = join(sb.root, 'tasks.jsonl');
    expect(r.stderr.split('\n')).toEqual([
      expect.stringMatching(new RegExp(`^${f}:2: not valid JSON`)),
      `${f}:3: "prompt": prompt must not be empty`,
      `${f}:4: "sandbox" must be one of "read-only", "workspace-write", "danger-full-access" (got "everything")`,
      `${f}:4: unknown key "promt"`,
      `${f}:6: the same task as line 1 (give one an "id" to run it twice)`,
      'Nothing was queued.',
      '',
    ]);
    const r2 = await submit([{ prompt: 'ok', repo: './repo' }, { prompt: 'y', repo: './no-such-repo' }, { prompt: 'z', repo: './repo', ref: 'no-such-branch' }]);
    expect(r2.code).toBe(1);
    expect(r2.stderr.split('\n')).toEqual([
      `${f}:2: repository ${join(sb.root, 'no-such-repo')} does not exist`,
      `${f}:3: ref "no-such-branch" is not a commit in ${sb.repo} (or it is not a git repository)`,
      'Nothing was queued.',
      '',
    ]);
    expect((await client!.status()).total).toBe(0);
  });
});

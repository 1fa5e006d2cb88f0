// Fleet throughput and queue overhead, on a private redis-server (skipped with the reason when
// none is installed):
//  (a) throughput: TASKS tasks through 1, 2 and 4 `codex fleet worker` processes (concurrency 1
//      each) of the built CLI, against a slow scripted model (each answer streams for about
//      MODEL_MS, so the run is bound by the model, not the CPU). Speed-up = tasks/s with n
//      workers / tasks/s with 1. Targets: >= 1.8x at 2 and >= 3x at 4.
//  (b) queue overhead per task: JOBS jobs through BullMQ as the fleet configures it (one
//      worker, concurrency 1, a processor that returns at once): submit to completion, per
//      task. Target <= 20 ms.
// Knobs: CODEX_BENCH_FLEET_TASKS (12), CODEX_BENCH_FLEET_MODEL_MS (5000), CODEX_BENCH_FLEET_JOBS (300),
// CODEX_BENCH_FLEET_WORKERS (1,2,4; empty: queue overhead only).
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

const TASKS = Number(process.env.CODEX_BENCH_FLEET_TASKS ?? 12);
const MODEL_MS = Number(process.env.CODEX_BENCH_FLEET_MODEL_MS ?? 5000);
const JOBS = Number(process.env.CODEX_BENCH_FLEET_JOBS ?? 300);
/** Worker counts of (a); the first is the baseline. */
const WORKER_COUNTS = (process.env.CODEX_BENCH_FLEET_WORKERS ?? '1,2,4').split(',').filter((x) => x !== '').map(Number);
/** Frames in one scripted message turn (created … completed); the delay is spread over them. */
const FRAMES = 8;

function git(cwd, ...args) {
  const r = spawnSync('git', ['-c', 'user.email=b@b', '-c', 'user.name=b', ...args], { cwd, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
}

async function waitFor(what, fn, timeoutMs) {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export default async function fleetBench(ctx) {
  const ts = await import(pathToFileURL(join(ctx.root, 'packages/test-support/dist/index.js')).href);
  const fleet = await import(pathToFileURL(join(ctx.root, 'packages/fleet/dist/index.js')).href);
  const missing = ts.redisMissingReason();
  if (missing) {
    ctx.log(`skipped: ${missing}`);
    return [{ bench: 'fleet', case: 'all', wallMs: null, peakMiB: null, note: `skipped: ${missing}` }];
  }
  const cli = join(ctx.root, 'packages/cli/bin/codex');
  const rows = [];
  const dir = mkdtempSync(join(tmpdir(), 'codex-fleet-bench-'));
  const redis = await ts.startRedisServer();
  const server = await ts.startModelServer();
  try {
    server.loop([{ eventDelayMs: Math.round(MODEL_MS / FRAMES), respond: () => ts.turn.message('done') }]);
    const repo = join(dir, 'repo');
    mkdirSync(repo);
    writeFileSync(join(repo, 'README.md'), '# bench\n');
    git(repo, 'init', '-q', '-b', 'main');
    git(repo, 'add', '.');
    git(repo, 'commit', '-q', '-m', 'init');
    const home = join(dir, 'home');
    mkdirSync(home);
    const env = {};
    for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !/^(OPENAI_|CODEX_)/.test(k)) env[k] = v;
    Object.assign(env, { CODEX_HOME: home, OPENAI_BASE_URL: server.baseUrl, OPENAI_API_KEY: 'bench', NO_COLOR: '1' });

    // (a) throughput with 1, 2, 4 workers.
    let base = null;
    let fleetOverhead = null;
    for (const n of WORKER_COUNTS) {
      const queue = `tp${n}`;
      const settings = { redisUrl: redis.url, queue, prefix: 'codex-fleet', sharedDir: join(dir, 'shared'), cacheDir: join(dir, 'cache'), concurrency: 1, lockDurationMs: 30_000, maxResumes: 3, keepWorktrees: false, allowDangerFullAccess: false, providers: [], workerName: 'bench' };
      const client = new fleet.FleetClient(settings);
      const workers = Array.from({ length: n }, () =>
        spawn(process.execPath, [cli, 'fleet', 'worker', '--redis', redis.url, '--queue', queue, '--shared-dir', settings.sharedDir, '--concurrency', '1'], { env, stdio: 'ignore' }),
      );
      try {
        // Workers are up before the clock starts: the bench measures the fleet, not node start-up.
        await waitFor('workers', async () => (await client.workerCount()) >= n, 60_000);
        const tasks = Array.from({ length: TASKS }, (_, i) => ({ jobId: `b-${n}-${i}`, line: i + 1, task: { prompt: `task ${i}`, repo } }));
        const t0 = performance.now();
        await client.submit(tasks, 'bench');
        await waitFor('tasks', async () => {
          const s = await client.status();
          if (s.failed > 0) throw new Error(`a bench task failed: ${JSON.stringify(s)}`);
          return s.done === TASKS;
        }, 600_000);
        const wallMs = performance.now() - t0;
        const perSec = TASKS / (wallMs / 1000);
        if (n === 1) {
          // Everything a task costs besides its `codex exec`: queue, worktree, diff, clean-up.
          const execMs = [];
          for await (const r of client.results()) if (typeof r.exec_ms === 'number') execMs.push(r.exec_ms);
          const mean = execMs.reduce((a, b) => a + b, 0) / execMs.length;
          fleetOverhead = { perTask: wallMs / TASKS - mean, execMs: mean };
        }
        if (base === null) base = perSec;
        const ratio = perSec / base;
        const target = n === 1 ? null : n === 2 ? 1.8 : 3;
        rows.push({
          bench: 'fleet',
          case: `throughput, ${n} worker${n > 1 ? 's' : ''} (${TASKS} tasks, model ~${MODEL_MS} ms/answer)`,
          wallMs,
          peakMiB: null,
          ratio,
          ...(target !== null ? { target: `>= ${target}x`, pass: ratio >= target } : {}),
          note: `${perSec.toFixed(2)} tasks/s; ${(wallMs / TASKS).toFixed(0)} ms/task`,
        });
        ctx.log(`${n} worker(s): ${(wallMs / 1000).toFixed(1)} s for ${TASKS} tasks (${ratio.toFixed(2)}x)`);
      } finally {
        for (const w of workers) w.kill('SIGTERM');
        for (const w of workers) w.kill('SIGTERM');
        await Promise.all(workers.map((w) => (w.exitCode !== null ? null : new Promise((r) => w.once('exit', r)))));
        await client.close();
      }
    }

    if (fleetOverhead !== null) {
      rows.push({ bench: 'fleet', case: 'fleet overhead per task outside codex exec (1 worker: worktree, diff, clean-up, queue)', wallMs: fleetOverhead.perTask, peakMiB: null, note: `codex exec itself ${fleetOverhead.execMs.toFixed(0)} ms/task (model ~${MODEL_MS} ms)` });
    }

    // (b) queue overhead per task: BullMQ with the fleet's settings and an empty processor.
    const req = createRequire(join(ctx.root, 'packages/fleet/package.json'));
    const { Queue, Worker } = req('bullmq');
    const { Redis } = req('ioredis');
    const prefix = 'codex-fleet:q';
    const conns = [new Redis(redis.url, { maxRetriesPerRequest: null }), new Redis(redis.url, { maxRetriesPerRequest: null })];
    const q = new Queue('overhead', { connection: conns[0], prefix });
    let doneCount = 0;
    let allDone;
    const finished = new Promise((r) => (allDone = r));
    const w = new Worker('overhead', async () => ({ ok: true }), { connection: conns[1], prefix, concurrency: 1, lockDuration: 30_000 });
    w.on('completed', () => {
      doneCount += 1;
      if (doneCount === JOBS) allDone();
    });
    await w.waitUntilReady();
    const t0 = performance.now();
    for (let i = 0; i < JOBS; i++) await q.add('task', { i }, { jobId: `o-${i}`, attempts: 1, removeOnComplete: false, removeOnFail: false });
    await finished;
    const wallMs = performance.now() - t0;
    await w.close();
    await q.close();
    for (const c of conns) c.disconnect();
    const per = wallMs / JOBS;
    rows.push({ bench: 'fleet', case: `queue overhead per task (${JOBS} jobs, add -> completed, 1 worker)`, wallMs: per, peakMiB: null, target: '<= 20 ms', pass: per <= 20, note: `${JOBS} jobs in ${wallMs.toFixed(0)} ms` });
    ctx.log(`queue overhead: ${per.toFixed(2)} ms/task`);
  } finally {
    await server.close();
    await redis.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}

// What the bucket costs a task: a task of TURNS turns, each adding DELTA_KB of rollout lines
// and changing one file in the checkout, checkpointed after every turn (rollout delta + a diff
// of the checkout taken with a copy of its index), then its final rollout and diff uploaded.
// The server is @20minutes/s3rver (the fleet's test server, checking SigV4) in this process on
// 127.0.0.1, so the numbers include the server's own CPU on the same machine and no network:
// they are the client-side floor, not what a remote bucket adds. The uploads run beside the
// task's `codex exec`, so they cost the worker this much time but do not hold the task up;
// the 250 ms debounce before each checkpoint is not counted.
// Knobs: CODEX_BENCH_STORAGE_TURNS (20), CODEX_BENCH_STORAGE_DELTA_KB (10), CODEX_BENCH_STORAGE_TASKS (5).
import { spawnSync } from 'node:child_process';
import { appendFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const TURNS = Number(process.env.CODEX_BENCH_STORAGE_TURNS ?? 20);
const DELTA_KB = Number(process.env.CODEX_BENCH_STORAGE_DELTA_KB ?? 10);
const TASKS = Number(process.env.CODEX_BENCH_STORAGE_TASKS ?? 5);

function git(cwd, ...args) {
  const r = spawnSync('git', ['-c', 'user.email=b@b', '-c', 'user.name=b', ...args], { cwd, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export default async function storageBench(ctx) {
  const fleet = await import(pathToFileURL(join(ctx.root, 'packages/fleet/dist/index.js')).href);
  const req = createRequire(join(ctx.root, 'packages/fleet/package.json'));
  let S3rver;
  try {
    S3rver = req('@20minutes/s3rver');
  } catch {
    ctx.log('skipped: @20minutes/s3rver is not installed (npm run setup)');
    return [{ bench: 'fleet-storage', case: 'all', wallMs: null, peakMiB: null, note: 'skipped: @20minutes/s3rver is not installed' }];
  }
  const dir = mkdtempSync(join(tmpdir(), 'codex-fleet-storage-bench-'));
  const server = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory: join(dir, 's3'), configureBuckets: [{ name: 'bench' }] });
  const { port } = await server.run();
  const store = new fleet.S3Store({ endpoint: `http://127.0.0.1:${port}`, bucket: 'bench', region: 'us-east-1', pathStyle: true, credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } });
  const log = { warn: (o, m) => ctx.log(`warn: ${m} ${o?.err?.message ?? ''}`), info() {}, debug() {}, child() { return log; } };
  const perCheckpoint = [];
  const perFinal = [];
  const perTask = [];
  let bytesPerTask = 0;
  try {
    for (let t = 0; t < TASKS; t++) {
      const work = join(dir, `work-${t}`);
      mkdirSync(work);
      for (let i = 0; i < 50; i++) writeFileSync(join(work, `f${i}.txt`), `file ${i}\n`.repeat(100));
      git(work, 'init', '-q', '-b', 'main');
      git(work, 'add', '.');
      git(work, 'commit', '-q', '-m', 'init');
      const base = git(work, 'rev-parse', 'HEAD').trim();
      const home = join(dir, `home-${t}`);
      const sid = `0199-bench-${t}`;
      mkdirSync(join(home, 'sessions/2026/12/06'), { recursive: true });
      const rollout = join(home, `sessions/2026/12/06/rollout-2026-12-06T00-00-00-${sid}.jsonl`);
      writeFileSync(rollout, '');
      const writer = new fleet.CheckpointWriter({ store, base: `bench/q/t${t}/`, run: 1, home, work, baseCommit: base, intervalMs: 1, sessionId: () => sid, record: async () => true, log });
      const line = `${JSON.stringify({ type: 'response_item', payload: { type: 'message', content: 'x'.repeat(200) } })}\n`;
      for (let turn = 0; turn < TURNS; turn++) {
        let added = 0;
        while (added < DELTA_KB * 1024) {
          appendFileSync(rollout, line);
          added += line.length;
        }
        appendFileSync(join(work, `f${turn % 50}.txt`), `turn ${turn}\n`);
        const before = writer.stats.checkpoints;
        const msBefore = writer.stats.ms;
        writer.poke(); // uploads after its 250 ms debounce; only the upload itself is timed
        while (writer.stats.checkpoints === before) await new Promise((r) => setTimeout(r, 2));
        perCheckpoint.push(writer.stats.ms - msBefore);
      }
      await writer.close();
      const diffFile = join(dir, `diff-${t}.patch`);
      await fleet.snapshotDiff(work, base, diffFile);
      const t1 = performance.now();
      const up = await fleet.uploadArtifacts({ store, base: `bench/q/t${t}/`, run: 1, rolloutPath: rollout, diffFile, checkpointKeys: writer.keys(), log });
      if (up.error) throw new Error(up.error);
      perFinal.push(performance.now() - t1);
      perTask.push(writer.stats.ms + (performance.now() - t1));
      bytesPerTask = writer.stats.bytes + up.artifacts.rollout.bytes + up.artifacts.diff.bytes;
    }
  } finally {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
  const load = (await import('node:os')).loadavg()[0].toFixed(1);
  const note = `s3rver on 127.0.0.1 in the bench process (no network), load average ${load}`;
  return [
    { bench: 'fleet-storage', case: `checkpoint upload (${DELTA_KB} KB rollout delta + checkout diff), median`, wallMs: Math.round(median(perCheckpoint) * 10) / 10, peakMiB: null, note },
    { bench: 'fleet-storage', case: `final upload per task (rollout ${(TURNS * DELTA_KB)} KB + diff, checkpoints removed), median`, wallMs: Math.round(median(perFinal) * 10) / 10, peakMiB: null, note },
    { bench: 'fleet-storage', case: `bucket cost per task (${TURNS} checkpoints + final), median of ${TASKS}`, wallMs: Math.round(median(perTask)), peakMiB: null, note: `${(bytesPerTask / 1024).toFixed(0)} KiB sent per task; ${note}` },
  ];
}

// Crash resume with no shared filesystem: two `codex fleet worker` processes, each with its
// own --shared-dir, and an S3-compatible bucket (a real server that checks SigV4). The
// running worker uploads checkpoints of the task's rollout and checkout; it is SIGKILLed in
// the middle of a tool call, and the other worker rebuilds the rollout and the checkout from
// the bucket and resumes: the cut-off call reaches the model as `aborted` (never re-run), the
// run is recorded as resumed from the bucket, the final rollout and diff are in the bucket
// (their keys and URLs in the result), and the checkpoint objects are gone.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { redisMissingReason, startModelServer, startRedisServer, turn, until, type RedisServer, type ScriptedModelServer } from '@codex-ts/test-support';
import { S3Store, type Checkpoint, type TaskResult, type TaskRun } from '../src/index.js';
import { fleetEnv, fleetModel, inputItems, makeFleetSandbox, must, runCli, sleepers, startWorkerProc, stopWorkers, USAGE, userTexts, type FleetSandbox, type WorkerProc } from './helpers.js';
import { s3MissingReason, startS3Server, type S3TestServer } from './s3-helpers.js';

const missing = redisMissingReason() ?? s3MissingReason();
if (missing) console.warn(`SKIPPED packages/fleet/tests/fleet-bucket.test.ts: ${missing}`);

const LOCK_MS = 3000;
const QUEUE = 'qb';

describe.skipIf(missing !== undefined)('codex fleet with a bucket and no shared directory', () => {
  let redis: RedisServer;
  let server: ScriptedModelServer;
  let s3: S3TestServer;
  let sb: FleetSandbox;
  let workers: WorkerProc[] = [];
  let r: Redis;

  beforeEach(async () => {
    redis = await startRedisServer();
    server = await startModelServer();
    s3 = await startS3Server('fleet-artifacts');
    sb = makeFleetSandbox();
    workers = [];
    r = new Redis(redis.url);
    r.on('error', () => undefined);
  });
  afterEach(async () => {
    await stopWorkers(workers);
    r.disconnect();
    await server.close();
    await s3.close();
    await redis.stop();
    sb.cleanup();
  });

  it('a SIGKILLed worker\'s task is resumed on another machine from the bucket\'s checkpoint', async () => {
    fleetModel(server);
    const env = { ...fleetEnv(sb, server.baseUrl), FLEET_S3_KEY: s3.accessKeyId, FLEET_S3_SECRET: s3.secretAccessKey };
    const storage = [
      '-c', `fleet.storage.bucket="${s3.bucket}"`,
      '-c', `fleet.storage.endpoint="${s3.endpoint}"`,
      '-c', 'fleet.storage.prefix="runs"',
      '-c', 'fleet.storage.access_key_id_env="FLEET_S3_KEY"',
      '-c', 'fleet.storage.secret_access_key_env="FLEET_S3_SECRET"',
      '-c', 'fleet.storage.checkpoint_interval_ms=300',
    ];
    // No shared directory: each worker has its own, as on two machines.
    for (const name of ['a', 'b']) workers.push(startWorkerProc({ env, redis: redis.url, queue: QUEUE, shared: join(sb.root, `local-${name}`), concurrency: 1, lockMs: LOCK_MS, args: storage }));
    const file = join(sb.root, 'tasks.jsonl');
    writeFileSync(file, `${JSON.stringify({ id: 'slow-b', prompt: 'SLOW job', repo: './repo', sandbox: 'workspace-write' })}\n`);
    expect((await runCli(['fleet', 'submit', file, '--redis', redis.url, '--queue', QUEUE], env, sb.root)).code).toBe(0);
    expect(await until(() => sleepers() === 1, 60_000, 100)).toBe(true);

    // Wait for a checkpoint that holds the cut-off call and the file its command wrote.
    const store = new S3Store({ endpoint: s3.endpoint, bucket: s3.bucket, region: 'us-east-1', pathStyle: true, credentials: { accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey } });
    const checkpoint = await vi.waitFor(async () => {
      const raw = await r.hget(`codex-fleet:q:${QUEUE}:slow-b`, 'progress');
      const c = raw ? (JSON.parse(raw) as { checkpoint?: Checkpoint }).checkpoint : undefined;
      if (!c) throw new Error('no checkpoint yet');
      const rollout = (await Promise.all(c.segments.map((s) => store.get(s.key)))).map((b) => b?.toString() ?? '').join('');
      const diff = (await store.get(c.diff_key))?.toString() ?? '';
      return must(rollout.includes('"call_slow"') && diff.includes('b/ran.txt') && c, 'a checkpoint with the tool call and ran.txt');
    }, { timeout: 60_000, interval: 200 });
    expect(checkpoint.segments.every((s) => s.key.startsWith('runs/qb/slow-b/checkpoint/r1-'))).toBe(true);

    const first = JSON.parse((await r.lindex(`codex-fleet:t:${QUEUE}:runs:slow-b`, 0))!) as TaskRun;
    const victim = workers.find((w) => first.worker.endsWith(`:${w.pid}`))!;
    victim.child.kill('SIGKILL');
    await victim.exited;
    expect(await until(() => sleepers() === 0, 20_000, 100)).toBe(true);

    const result = await vi.waitFor(async () => {
      const out = await runCli(['fleet', 'results', '--json', '--redis', redis.url, '--queue', QUEUE], env, sb.root);
      return must(out.stdout.split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as TaskResult).find((x) => x.id === 'slow-b'), 'the result');
    }, { timeout: 90_000, interval: 200 });
    expect({ status: result.status, final: result.final_message, resumed: result.resumed, error: result.error, storage_error: result.storage_error }).toEqual({ status: 'completed', final: 'finished after resume', resumed: 1, error: undefined, storage_error: undefined });
    expect(result.runs.map((x) => [x.mode, x.resumed_from])).toEqual([['new', undefined], ['resume', 'bucket']]);
    expect(result.runs[1]!.worker).not.toBe(result.runs[0]!.worker);
    expect(result.rollout_path!.startsWith(join(sb.root, 'local-'))).toBe(true);
    expect(result.rollout_path!.startsWith(first.worker.endsWith(`:${workers[0]!.pid}`) ? join(sb.root, 'local-b') : join(sb.root, 'local-a'))).toBe(true);
    // Usage counts both runs: the first run's requests came back with the rebuilt rollout.
    expect(result.usage).toEqual({ input_tokens: 20, cached_input_tokens: 8, output_tokens: 10, reasoning_output_tokens: 0, total_tokens: 30 });
    // The command ran once: the file it appends to has one line (restored from the checkpoint's diff).
    expect(result.diff).toMatch(/^diff --git a\/ran.txt b\/ran.txt\nnew file mode 100644\nindex 0000000\.\.[0-9a-f]+\n--- \/dev\/null\n\+\+\+ b\/ran.txt\n@@ -0,0 \+1 @@\n\+ran\n$/);
    // The resumed request: the cut-off call with Codex's `aborted` output, then the resume prompt.
    const reqs = server.responsesRequests();
    expect(reqs).toHaveLength(2);
    expect(inputItems(reqs[1]!).filter((i) => i.call_id === 'call_slow').map((i) => [i.type, i.output])).toEqual([
      ['function_call', undefined],
      ['function_call_output', 'aborted'],
    ]);
    expect(userTexts(reqs[1]!).at(-1)).toMatch(/^This task was interrupted/);

    // The final rollout and diff are in the bucket; the result names them.
    const a = result.artifacts!;
    expect({ rollout: a.rollout?.key, diff: a.diff?.key, uri: a.diff?.uri }).toEqual({ rollout: 'runs/qb/slow-b/run-2/rollout.jsonl', diff: 'runs/qb/slow-b/run-2/diff.patch', uri: `s3://${s3.bucket}/runs/qb/slow-b/run-2/diff.patch` });
    expect((await store.get(a.diff!.key))?.toString()).toBe(result.diff);
    const rollout = (await store.get(a.rollout!.key))!.toString();
    expect(rollout.length).toBe(a.rollout!.bytes);
    expect(rollout).toContain('finished after resume');
    // The checkpoint objects are removed once the final ones are stored.
    for (const s of checkpoint.segments) expect(await store.head(s.key)).toBeUndefined();
    // The events show both runs, the second one resumed from the bucket.
    const ev = await runCli(['fleet', 'events', 'slow-b', '--redis', redis.url, '--queue', QUEUE], env, sb.root);
    expect(ev.stdout.split('\n').filter((l) => l.includes('fleet.run_started')).map((l) => (JSON.parse(l) as { mode: string; resumed_from?: string }).resumed_from ?? l.includes('"mode":"new"'))).toEqual([true, 'bucket']);
  }, 180_000);

  it('uploads every run\'s rollout and diff; the bucket\'s credentials never reach the task', async () => {
    // Variable names without KEY/SECRET/TOKEN, which codex's own shell environment policy would drop anyway.
    const env = { ...fleetEnv(sb, server.baseUrl), FLEET_S3_ID: s3.accessKeyId, FLEET_S3_PASS: s3.secretAccessKey, FLEET_VISIBLE: 'passed-on' };
    server.loop([
      {
        respond: (req) =>
          inputItems(req).some((i) => i.type === 'function_call_output')
            ? turn.message('env saved', { usage: USAGE })
            : turn.shell(['sh', '-c', 'env | grep ^FLEET_ | sort > env.txt'], { call_id: 'call_env', usage: USAGE }),
      },
    ]);
    const args = [
      '-c', `fleet.storage.bucket="${s3.bucket}"`,
      '-c', `fleet.storage.endpoint="${s3.endpoint}"`,
      '-c', 'fleet.storage.access_key_id_env="FLEET_S3_ID"',
      '-c', 'fleet.storage.secret_access_key_env="FLEET_S3_PASS"',
    ];
    workers.push(startWorkerProc({ env, redis: redis.url, queue: QUEUE, shared: join(sb.root, 'local'), concurrency: 1, lockMs: 10_000, args }));
    const file = join(sb.root, 'tasks.jsonl');
    writeFileSync(file, `${JSON.stringify({ id: 'env-1', prompt: 'save the environment', repo: './repo', sandbox: 'workspace-write' })}\n`);
    expect((await runCli(['fleet', 'submit', file, '--redis', redis.url, '--queue', QUEUE], env, sb.root)).code).toBe(0);
    const result = await vi.waitFor(async () => {
      const out = await runCli(['fleet', 'results', '--json', '--redis', redis.url, '--queue', QUEUE], env, sb.root);
      return must(out.stdout.split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as TaskResult).find((x) => x.id === 'env-1'), 'the result');
    }, { timeout: 60_000, interval: 200 });
    expect(result.status).toBe('completed');
    expect(result.diff).toContain('+FLEET_VISIBLE=passed-on\n');
    expect(result.diff).not.toContain('FLEET_S3_');
    const store = new S3Store({ endpoint: s3.endpoint, bucket: s3.bucket, region: 'us-east-1', pathStyle: true, credentials: { accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey } });
    expect(result.artifacts?.diff?.key).toBe('codex-fleet/qb/env-1/run-1/diff.patch');
    expect((await store.get(result.artifacts!.diff!.key))?.toString()).toBe(result.diff);
    const rollout = (await store.get(result.artifacts!.rollout!.key))!.toString();
    expect(rollout).toContain('call_env');
    // Nothing the fleet stored or printed carries the secret.
    const events = await runCli(['fleet', 'events', 'env-1', '--redis', redis.url, '--queue', QUEUE], env, sb.root);
    for (const text of [JSON.stringify(result), events.stdout, rollout, workers[0]!.stderr()]) expect(text).not.toContain(`FLEET_S3_PASS=${s3.secretAccessKey}`);
    expect(workers[0]!.stderr()).toContain(`bucket s3://${s3.bucket}/codex-fleet/`);
  }, 120_000);
});

// A worker in this process. It re-checks task data read from Redis (refusing what submit
// would refuse). Its side of the gateway contract, with a stand-in gateway: configured
// providers start one gateway per worker (Redis URL, providers, key prefix), each task's
// `codex exec` gets the gateway's `-c` overrides (its requests go to the task's gateway URL),
// the result carries the gateway's per-task usage, and the gateway is closed with the worker.
// The gateway itself is tested by its own suite.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { redisMissingReason, startModelServer, startRedisServer, turn, type RedisServer, type ScriptedModelServer } from '@codex-ts/test-support';
import { FleetClient, resolveStorage, startWorker, type FleetSettings, type FleetWorker, type Gateway, type GatewayOptions, type TaskResult } from '../src/index.js';
import { startS3Server } from './s3-helpers.js';
import { CODEX_BIN, fleetEnv, makeFleetSandbox, must, type FleetSandbox } from './helpers.js';

const missing = redisMissingReason();
if (missing) console.warn(`SKIPPED packages/fleet/tests/worker-inprocess.test.ts: ${missing}`);

describe.skipIf(missing !== undefined)('worker in process', () => {
  let redis: RedisServer;
  let server: ScriptedModelServer;
  let sb: FleetSandbox;
  let worker: FleetWorker | undefined;
  let client: FleetClient | undefined;

  beforeEach(async () => {
    redis = await startRedisServer();
    server = await startModelServer();
    sb = makeFleetSandbox();
  });
  afterEach(async () => {
    await worker?.close({ force: true });
    await client?.close();
    await server.close();
    await redis.stop();
    sb.cleanup();
  });

  it('refuses task data from Redis that submit would have refused', async () => {
    const settings: FleetSettings = {
      redisUrl: redis.url,
      queue: 'bad',
      prefix: 'codex-fleet',
      sharedDir: join(sb.root, 'shared'),
      cacheDir: join(sb.root, 'cache'),
      concurrency: 2,
      lockDurationMs: 5000,
      maxResumes: 1,
      keepWorktrees: false,
      allowDangerFullAccess: false,
      providers: [],
      attempts: 1,
      backoffMs: 0,
      workerName: 'w-bad',
    };
    worker = await startWorker({ settings, codexCommand: [process.execPath, CODEX_BIN], workerHome: sb.home, env: fleetEnv(sb, server.baseUrl), log: pino({ level: 'silent' }) });
    client = new FleetClient(settings);
    // Written straight into the queue, as anyone with access to Redis could.
    await client.submit(
      [
        { jobId: 'danger', line: 1, task: { prompt: 'rm -rf /', repo: sb.repo, sandbox: 'danger-full-access' } },
        { jobId: 'relative', line: 2, task: { prompt: 'x', repo: '../../etc', model: '--oss' } },
      ],
      'raw',
    );
    const rs = await vi.waitFor(async () => {
      const out = [];
      for await (const r of client!.results()) out.push({ id: r.id, status: r.status, error: r.error });
      return must(out.length === 2 && out.sort((a, b) => a.id.localeCompare(b.id)), 'both results');
    }, { timeout: 60_000, interval: 100 });
    expect(rs).toEqual([
      { id: 'danger', status: 'failed', error: 'sandbox "danger-full-access" is refused by this worker (fleet.allow_danger_full_access)' },
      { id: 'relative', status: 'failed', error: 'invalid task data in the queue: repo: repo must be an absolute path or a git URL; model: model must not start with "-" or contain whitespace' },
    ]);
    expect(server.requests).toEqual([]);
  });

  it('routes each task through the gateway and reports its usage', async () => {
    server.loop([{ respond: () => turn.message('via gateway') }]);
    const settings: FleetSettings = {
      redisUrl: redis.url,
      queue: 'gw',
      prefix: 'codex-fleet',
      sharedDir: join(sb.root, 'shared'),
      cacheDir: join(sb.root, 'cache'),
      concurrency: 1,
      lockDurationMs: 5000,
      maxResumes: 1,
      keepWorktrees: false,
      allowDangerFullAccess: false,
      providers: [{ id: 'primary', baseUrl: 'http://127.0.0.1:9/v1', wireApi: 'responses', weight: 3 }],
      attempts: 1,
      backoffMs: 0,
      workerName: 'w-gw',
    };
    let started: GatewayOptions | undefined;
    let closed = 0;
    const gateway: Gateway = {
      baseUrlFor: (id) => `${server.url}/t/${id}/v1`,
      execOverrides: (id) => ['-c', `model_providers.fleetgw={ name = "gw", base_url = "${server.url}/t/${id}/v1", wire_api = "responses", env_key = "OPENAI_API_KEY" }`, '-c', 'model_provider="fleetgw"'],
      usage: async (id) => (id === 'gw-task' ? { input_tokens: 7, cached_input_tokens: 1, output_tokens: 3, reasoning_output_tokens: 0, total_tokens: 10 } : { input_tokens: 0, cached_input_tokens: 0, output_tokens: 0, reasoning_output_tokens: 0, total_tokens: 0 }),
      close: async () => {
        closed += 1;
      },
    };
    worker = await startWorker({
      settings,
      codexCommand: [process.execPath, CODEX_BIN],
      workerHome: sb.home,
      env: fleetEnv(sb, 'http://127.0.0.1:9/not-used'),
      log: pino({ level: 'silent' }),
      startGateway: async (opts) => {
        started = opts;
        return gateway;
      },
    });
    expect({ redisUrl: started?.redisUrl, providers: started?.providers, keyPrefix: started?.keyPrefix }).toEqual({ redisUrl: redis.url, providers: settings.providers, keyPrefix: 'codex-fleet' });
    client = new FleetClient(settings);
    await client.submit([{ jobId: 'gw-task', line: 1, task: { prompt: 'hello', repo: sb.repo } }], 'tasks.jsonl');
    const result = await vi.waitFor(async () => {
      for await (const r of client!.results()) if (r.id === 'gw-task') return r;
      throw new Error('still waiting for the result');
    }, { timeout: 60_000, interval: 100 });
    expect({ status: result.status, final: result.final_message, usage: result.usage }).toEqual({
      status: 'completed',
      final: 'via gateway',
      usage: { input_tokens: 7, cached_input_tokens: 1, output_tokens: 3, reasoning_output_tokens: 0, total_tokens: 10 },
    });
    expect(server.responsesRequests().map((r) => r.path)).toEqual(['/t/gw-task/v1/responses']);
    await worker.close();
    worker = undefined;
    expect(closed).toBe(1);
  });

  it('tries a task again after a failure that may pass, not after one that comes from the task', async () => {
    const settings: FleetSettings = {
      redisUrl: redis.url,
      queue: 'retry',
      prefix: 'codex-fleet',
      sharedDir: join(sb.root, 'shared'),
      cacheDir: join(sb.root, 'cache'),
      concurrency: 1,
      lockDurationMs: 10_000,
      maxResumes: 1,
      keepWorktrees: false,
      allowDangerFullAccess: false,
      providers: [],
      attempts: 3,
      backoffMs: 100,
      workerName: 'w-retry',
    };
    // codex's own retries off, so one 500 ends the run as an exhausted provider does.
    const provider = `model_providers.flaky={ name = "flaky", base_url = "${server.baseUrl}", wire_api = "responses", env_key = "OPENAI_API_KEY", request_max_retries = 0, stream_max_retries = 0 }`;
    worker = await startWorker({ settings, codexCommand: [process.execPath, CODEX_BIN], workerHome: sb.home, configOverrides: [provider, 'model_provider="flaky"'], env: fleetEnv(sb, server.baseUrl), log: pino({ level: 'silent' }) });
    client = new FleetClient(settings);
    const resultOf = (id: string) =>
      vi.waitFor(async () => {
        for await (const r of client!.results()) if (r.id === id) return r;
        throw new Error(`still waiting for ${id}`);
      }, { timeout: 90_000, interval: 100 });

    server.queueResponses({ fault: 'status', status: 500 }, turn.message('recovered'));
    await client.submit([{ jobId: 'flaky', line: 1, task: { prompt: 'flaky provider', repo: sb.repo } }], 'tasks.jsonl');
    const flaky = await resultOf('flaky');
    expect({ status: flaky.status, final: flaky.final_message, attempt: flaky.attempt, modes: flaky.runs.map((r) => [r.mode, r.attempt]) }).toEqual({
      status: 'completed',
      final: 'recovered',
      attempt: 2,
      modes: [['new', 1], ['retry', 2]],
    });
    expect(flaky.attempts).toEqual([expect.objectContaining({ attempt: 1, status: 'failed', reason: 'provider', worker: 'w-retry', exit_code: 1, error: expect.stringMatching(/high demand/) })]);
    expect(server.responsesRequests()).toHaveLength(2);

    // A request the provider rejects would fail the same way again: final at once (per-task attempts too).
    server.queueResponses({ fault: 'status', status: 400, body: { error: { message: 'unknown parameter: foo', type: 'invalid_request_error' } } });
    await client.submit([{ jobId: 'bad', line: 2, attempts: 5, task: { prompt: 'bad request', repo: sb.repo } }], 'tasks.jsonl');
    const bad = await resultOf('bad');
    expect({ status: bad.status, attempt: bad.attempt, retryable: bad.retryable, reason: bad.failure_reason, attempts: bad.attempts, runs: bad.runs.length }).toEqual({
      status: 'failed',
      attempt: 1,
      retryable: false,
      reason: 'task',
      attempts: undefined,
      runs: 1,
    });
    expect(bad.error).toContain('unknown parameter: foo');
    expect(await client.state('bad')).toBe('failed');
    expect(server.responsesRequests()).toHaveLength(3);
    // Each task shows once in the results.
    const ids: string[] = [];
    for await (const r of client.results()) ids.push(r.id);
    expect(ids.sort()).toEqual(['bad', 'flaky']);
  }, 120_000);

  it('starts a lost task over, saying why, when its bucket checkpoint is forged or incomplete', async () => {
    const s3 = await startS3Server('fleet-forged');
    try {
      server.loop([{ respond: () => turn.message('fresh run') }]);
      const settings: FleetSettings = {
        redisUrl: redis.url,
        queue: 'forged',
        prefix: 'codex-fleet',
        sharedDir: join(sb.root, 'shared'),
        cacheDir: join(sb.root, 'cache'),
        concurrency: 1,
        lockDurationMs: 10_000,
        maxResumes: 1,
        keepWorktrees: false,
        allowDangerFullAccess: false,
        providers: [],
        attempts: 1,
        backoffMs: 0,
        storage: resolveStorage({ bucket: s3.bucket, endpoint: s3.endpoint }, { AWS_ACCESS_KEY_ID: s3.accessKeyId, AWS_SECRET_ACCESS_KEY: s3.secretAccessKey })!,
        workerName: 'w-forged',
      };
      client = new FleetClient(settings);
      await client.submit([{ jobId: 'forged', line: 1, task: { prompt: 'a', repo: sb.repo } }, { jobId: 'gone', line: 2, task: { prompt: 'b', repo: sb.repo } }], 'tasks.jsonl');
      // As a lost run would leave it: a run on record and a checkpoint in the job's progress.
      const q = new Queue('forged', { connection: { url: redis.url }, prefix: 'codex-fleet:q' });
      const base = 'codex-fleet/forged';
      const sha = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
      const rel = 'sessions/2026/12/06/rollout-2026-12-06T00-00-00-s1.jsonl';
      const forged = { rollout_rel: rel, segments: [{ key: 'codex-fleet/forged/other-task/checkpoint/r1-0.jsonl', bytes: 3 }], bytes: 3, diff_key: `${base}/forged/checkpoint/r1-0.diff`, diff_sha256: sha, at: 'x' };
      const gone = { rollout_rel: rel, segments: [{ key: `${base}/gone/checkpoint/r1-0.jsonl`, bytes: 3 }], bytes: 3, diff_key: `${base}/gone/checkpoint/r1-0.diff`, diff_sha256: sha, at: 'x' };
      const r = new Redis(redis.url);
      const head = execFileSync('git', ['-C', sb.repo, 'rev-parse', 'HEAD'], { encoding: 'utf8' }).trim();
      for (const [id, checkpoint] of [['forged', forged], ['gone', gone]] as const) {
        await (await q.getJob(id))!.updateProgress({ session_id: 's1', base_commit: head, attempt: 1, checkpoint });
        await r.rpush(client.keys.runs(id), JSON.stringify({ worker: 'lost:1', mode: 'new', started_at: 'x', attempt: 1 }));
      }
      await q.close();
      r.disconnect();
      worker = await startWorker({ settings, codexCommand: [process.execPath, CODEX_BIN], workerHome: sb.home, env: fleetEnv(sb, server.baseUrl), log: pino({ level: 'silent' }) });
      const results = await vi.waitFor(async () => {
        const out: TaskResult[] = [];
        for await (const r of client!.results()) out.push(r);
        return must(out.length === 2 && out.sort((a, b) => a.id.localeCompare(b.id)), 'both results');
      }, { timeout: 60_000, interval: 100 });
      expect(results.map((r) => [r.id, r.status, r.final_message, r.resumed, r.runs.map((x) => [x.mode, x.note])])).toEqual([
        ['forged', 'completed', 'fresh run', 0, [['new', undefined], ['restart', "resume from the bucket failed: the task's checkpoint record is not usable: segments"]]],
        ['gone', 'completed', 'fresh run', 0, [['new', undefined], ['restart', `resume from the bucket failed: checkpoint segment ${base}/gone/checkpoint/r1-0.jsonl is missing from the bucket`]]],
      ]);
      // The fresh runs stored their own artifacts.
      expect(results.map((r) => r.artifacts?.rollout?.key)).toEqual([`${base}/forged/run-2/rollout.jsonl`, `${base}/gone/run-2/rollout.jsonl`]);
    } finally {
      await worker?.close({ force: true });
      worker = undefined;
      await s3.close();
    }
  }, 120_000);
});

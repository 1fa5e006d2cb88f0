// The whole fleet under a rate limit: two `codex fleet worker` processes, each with its own
// provider gateway (started because `[[fleet.providers]]` is configured), one scripted
// provider that answers its first request with 429 and `Retry-After: 2`. The limit is shared
// through Redis, so after the 429 no task of either worker reaches the provider before the two
// seconds are up, nothing is retried in a loop, and every task still completes exactly once.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { redisMissingReason, startModelServer, startRedisServer, turn, type RecordedRequest, type RedisServer, type ScriptedModelServer } from '@codex-ts/test-support';
import { Redis } from 'ioredis';
import type { TaskResult } from '../src/index.js';
import { untilKey } from './gateway-helpers.js';
import { fleetEnv, makeFleetSandbox, must, runCli, startWorkerProc, stopWorkers, type FleetSandbox, type WorkerProc } from './helpers.js';

const missing = redisMissingReason();
if (missing) console.warn(`SKIPPED packages/fleet/tests/fleet-ratelimit.test.ts: ${missing}`);

function userText(req: RecordedRequest): string {
  const input = ((req.json as { input?: unknown[] })?.input ?? []) as { type?: string; role?: string; content?: { text?: string }[] }[];
  return input
    .filter((i) => i.type === 'message' && i.role === 'user')
    .flatMap((i) => (i.content ?? []).map((c) => c.text ?? ''))
    .join('\n');
}

describe.skipIf(missing !== undefined)('codex fleet behind a rate-limited provider', () => {
  let redis: RedisServer;
  let server: ScriptedModelServer;
  let sb: FleetSandbox;
  let workers: WorkerProc[] = [];

  beforeEach(async () => {
    redis = await startRedisServer();
    server = await startModelServer();
    sb = makeFleetSandbox();
    workers = [];
  });
  afterEach(async () => {
    await stopWorkers(workers);
    await server.close();
    await redis.stop();
    sb.cleanup();
  });

  it('a 429 with Retry-After slows every worker, and each task still completes once', async () => {
    // The provider the gateways use; the tasks' own provider (OPENAI_BASE_URL) is a dead port,
    // so a request that bypassed the gateway would fail the task.
    writeFileSync(
      join(sb.home, 'config.toml'),
      [
        '[model_providers.primary]',
        'name = "primary"',
        `base_url = "${server.baseUrl}"`,
        'wire_api = "responses"',
        'env_key = "PRIMARY_KEY"',
        '',
        '[[fleet.providers]]',
        'provider = "primary"',
        'weight = 1',
        '',
      ].join('\n'),
    );
    const env = { ...fleetEnv(sb, 'http://127.0.0.1:9/v1'), PRIMARY_KEY: 'provider-key' };
    // The first request gets the 429 (queued turns come before the loop), every later one its answer.
    server.queueResponses({ fault: 'status', status: 429, retryAfter: 2 });
    server.loop([
      {
        respond: (req) => {
          const m = /TASK-(\d+)/.exec(userText(req));
          return turn.message(m ? `done ${m[1]}` : 'no task marker');
        },
      },
    ]);
    const tasks = Array.from({ length: 4 }, (_, i) => ({ id: `rl-${i}`, prompt: `TASK-${i}`, repo: './repo' }));
    const submit = async (lines: typeof tasks, name: string): Promise<void> => {
      const file = join(sb.root, name);
      writeFileSync(file, lines.map((t) => JSON.stringify(t)).join('\n') + '\n');
      const sub = await runCli(['fleet', 'submit', file, '--redis', redis.url, '--queue', 'rl'], env, sb.root);
      expect(sub.code, sub.stderr).toBe(0);
    };
    const start = (): void => {
      workers.push(startWorkerProc({ env, redis: redis.url, queue: 'rl', shared: sb.shared, concurrency: 2, lockMs: 10_000 }));
    };
    // Worker A's first task meets the 429; its gateway records the limit in Redis.
    await submit(tasks.slice(0, 1), 'first.jsonl');
    start();
    const r = new Redis(redis.url);
    try {
      await untilKey(r, 'codex-fleet:gateway:limit:primary');
    } finally {
      r.disconnect();
    }
    // Then worker B (its own gateway) and three more tasks: they must wait out the same limit.
    await submit(tasks.slice(1), 'rest.jsonl');
    start();

    const results = await vi.waitFor(
      async () => {
        const r = await runCli(['fleet', 'results', '--json', '--redis', redis.url, '--queue', 'rl'], env, sb.root);
        const rs = r.stdout.split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as TaskResult);
        return must(rs.length === 4 && rs, 'four results');
      },
      { timeout: 120_000, interval: 100 },
    );
    expect(results.map((r) => [r.id, r.status, r.final_message]).sort(), JSON.stringify(results.map((r) => r.error))).toEqual(tasks.map((t, i) => [t.id, 'completed', `done ${i}`]));

    // One 429, then exactly one request per task: nobody retried against the limited provider.
    const reqs = server.responsesRequests();
    expect(reqs).toHaveLength(5);
    const after = reqs.slice(1);
    expect(after.map((r) => userText(r).match(/TASK-\d+/)?.[0]).sort()).toEqual(['TASK-0', 'TASK-1', 'TASK-2', 'TASK-3']);
    // The gateways added the provider's key, never the task's own.
    expect(after.every((r) => r.headers['authorization'] === 'Bearer provider-key')).toBe(true);
    // Lower bound only: no request of either worker reached the provider before Retry-After ran out.
    for (const r of after) expect(r.receivedAt - reqs[0]!.receivedAt).toBeGreaterThanOrEqual(2000);
  });
});

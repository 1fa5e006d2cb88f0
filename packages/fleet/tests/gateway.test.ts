// The provider gateway against a real redis-server and scripted model servers as providers:
// weights, fallback on 429/5xx/unreachable, Retry-After shared by two gateways, the bounded
// wait, usage accounting and bad options. No timing upper bounds: counts, order, and
// "not before" lower bounds only.
import { Redis } from 'ioredis';
import { redisMissingReason, startModelServer, startRedisServer, turn, type RedisServer, type ScriptedModelServer } from '@codex-ts/test-support';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { GatewayError, startGateway } from '../src/gateway/index.js';
import { CHAT_BODY, freshPrefix, Gateways, post, RESPONSES_BODY, responsesText, untilKey } from './gateway-helpers.js';

const skip = redisMissingReason();
if (skip) console.warn(`SKIPPED fleet gateway tests: ${skip}`);

describe.skipIf(skip !== undefined)('fleet gateway', () => {
  let redisServer: RedisServer;
  let redis: Redis;
  const gateways = new Gateways(() => redisServer.url);
  const servers: ScriptedModelServer[] = [];
  const model = async (): Promise<ScriptedModelServer> => {
    const s = await startModelServer();
    servers.push(s);
    return s;
  };

  beforeAll(async () => {
    redisServer = await startRedisServer();
    redis = new Redis(redisServer.url);
  });
  afterEach(async () => {
    await gateways.closeAll();
    await Promise.all(servers.splice(0).map((s) => s.close()));
  });
  afterAll(async () => {
    redis?.disconnect();
    await redisServer?.stop();
  });

  it('spreads requests by weight, sends the provider key and never the client key', async () => {
    const [a, b] = [await model(), await model()];
    a.loop([turn.message('from a')]);
    b.loop([turn.message('from b')]);
    const gw = await gateways.open(
      [
        { id: 'a', baseUrl: a.baseUrl, wireApi: 'responses', weight: 3, apiKey: 'sk-a' },
        { id: 'b', baseUrl: b.baseUrl, wireApi: 'responses', weight: 1, headers: { 'x-org': 'org-b' } },
      ],
      { keyPrefix: freshPrefix() },
    );
    const texts: string[] = [];
    for (let i = 0; i < 40; i += 1) {
      const r = await post(gw, 'task-w', '/responses', RESPONSES_BODY);
      expect(r.status).toBe(200);
      texts.push(responsesText(r.text));
    }
    expect({ a: a.requests.length, b: b.requests.length }).toEqual({ a: 30, b: 10 });
    expect(texts.filter((t) => t === 'from a')).toHaveLength(30);
    expect(a.requests.map((r) => r.headers['authorization'])).toEqual(Array(30).fill('Bearer sk-a'));
    expect(b.requests.map((r) => [r.headers['authorization'], r.headers['x-org']])).toEqual(Array(10).fill([undefined, 'org-b']));
    expect(a.requests[0]!.json).toEqual(RESPONSES_BODY);
    // Endpoints of no particular wire (here GET /models) go to any provider, by weight.
    const models = await fetch(`${gw.baseUrlFor('task-w')}/models`);
    expect([models.status, ((await models.json()) as { object: string }).object]).toEqual([200, 'list']);
    expect((await fetch(gw.baseUrlFor('task-w').replace('task-w', '%E0%A4%A'))).status).toBe(404);
  });

  it('falls back on 429, 500 and an unreachable provider, benching each in Redis', async () => {
    const [limited, broken, good] = [await model(), await model(), await model()];
    limited.queueResponses({ fault: 'status', status: 429, retryAfter: 600 });
    broken.queueResponses({ fault: 'status', status: 500 });
    good.loop([turn.message('fallback ok')]);
    const prefix = freshPrefix();
    const gw = await gateways.open(
      [
        { id: 'limited', baseUrl: limited.baseUrl, wireApi: 'responses', weight: 100 },
        { id: 'broken', baseUrl: broken.baseUrl, wireApi: 'responses', weight: 50 },
        { id: 'gone', baseUrl: 'http://127.0.0.1:9/v1', wireApi: 'responses', weight: 20 },
        { id: 'good', baseUrl: good.baseUrl, wireApi: 'responses', weight: 1 },
      ],
      { keyPrefix: prefix },
    );
    const first = await post(gw, 'task-f', '/responses', RESPONSES_BODY);
    expect([first.status, responsesText(first.text)]).toEqual([200, 'fallback ok']);
    // Heaviest first: limited (429), broken (500), gone (refused), then good.
    expect([limited.requests.length, broken.requests.length, good.requests.length]).toEqual([1, 1, 1]);
    expect(await redis.pttl(`${prefix}:gateway:limit:limited`)).toBeGreaterThan(500_000); // Retry-After: 600
    expect(await redis.get(`${prefix}:gateway:strikes:broken`)).toBe('1'); // no hint: back-off
    expect(await redis.get(`${prefix}:gateway:strikes:gone`)).toBe('1');
    // The 429 benched `limited` for 10 minutes: the next requests skip it despite its weight.
    for (let i = 0; i < 3; i += 1) expect((await post(gw, 'task-f', '/responses', RESPONSES_BODY)).status).toBe(200);
    expect(limited.requests.length).toBe(1);
  });

  it('a 429 with Retry-After on one gateway slows every gateway sharing the Redis', async () => {
    const p = await model();
    p.queueResponses({ fault: 'status', status: 429, retryAfter: 2 }, turn.message('one'), turn.message('two'));
    const prefix = freshPrefix();
    const providers = [{ id: 'only', baseUrl: p.baseUrl, wireApi: 'responses' as const, weight: 1 }];
    const [gwA, gwB] = [await gateways.open(providers, { keyPrefix: prefix }), await gateways.open(providers, { keyPrefix: prefix })];
    const viaA = post(gwA, 'task-a', '/responses', RESPONSES_BODY);
    await untilKey(redis, `${prefix}:gateway:limit:only`); // gateway A has seen the 429
    const viaB = post(gwB, 'task-b', '/responses', RESPONSES_BODY);
    const [ra, rb] = await Promise.all([viaA, viaB]);
    expect([ra.status, rb.status]).toEqual([200, 200]);
    expect([responsesText(ra.text), responsesText(rb.text)].sort()).toEqual(['one', 'two']);
    // Exactly one request hit the limited provider before Retry-After ran out; none early.
    const at = p.requests.map((r) => r.receivedAt);
    expect(at).toHaveLength(3);
    expect(at[1]! - at[0]!).toBeGreaterThanOrEqual(2000);
    expect(at[2]! - at[0]!).toBeGreaterThanOrEqual(2000);
    p.assertScriptDone();
  });

  it('a 429 on a heavy provider sends the whole fleet to the others until it is free', async () => {
    const [heavy, light] = [await model(), await model()];
    heavy.queueResponses({ fault: 'status', status: 429, headers: { 'x-ratelimit-remaining-requests': '0', 'x-ratelimit-reset-requests': '5m0s' } });
    light.loop([turn.message('light')]);
    const prefix = freshPrefix();
    const providers = [
      { id: 'heavy', baseUrl: heavy.baseUrl, wireApi: 'responses' as const, weight: 100 },
      { id: 'light', baseUrl: light.baseUrl, wireApi: 'responses' as const, weight: 1 },
    ];
    const [gwA, gwB] = [await gateways.open(providers, { keyPrefix: prefix }), await gateways.open(providers, { keyPrefix: prefix })];
    expect((await post(gwA, 'task-1', '/responses', RESPONSES_BODY)).status).toBe(200);
    const second = await Promise.all(Array.from({ length: 6 }, (_, i) => post(gwB, `task-${i + 2}`, '/responses', RESPONSES_BODY)));
    expect(second.map((r) => responsesText(r.text))).toEqual(Array(6).fill('light'));
    // A gateway started after the 429 (a new worker) reads the limit already set.
    const late = await gateways.open(providers, { keyPrefix: prefix });
    expect(responsesText((await post(late, 'task-late', '/responses', RESPONSES_BODY)).text)).toBe('light');
    expect([heavy.requests.length, light.requests.length]).toEqual([1, 8]);
  });

  it('answers 429 with Retry-After when every provider stays limited past the wait bound', async () => {
    const p = await model();
    p.queueResponses({ fault: 'status', status: 429, retryAfter: 600 });
    const gw = await gateways.open([{ id: 'p', baseUrl: p.baseUrl, wireApi: 'responses', weight: 1 }], { keyPrefix: freshPrefix(), maxWaitMs: 1000 });
    const r = await post(gw, 'task-x', '/responses', RESPONSES_BODY);
    expect(r.status).toBe(429);
    expect(Number(r.headers.get('retry-after'))).toBeGreaterThan(500);
    expect(JSON.parse(r.text)).toMatchObject({ error: { code: 'rate_limit_exceeded' } });
    expect(p.requests).toHaveLength(1);
  });

  it('returns the last upstream failure once the attempts are spent', async () => {
    const p = await model();
    p.queueResponses({ fault: 'status', status: 503, body: { error: { message: 'overloaded', type: 'server_error' } }, headers: { 'x-upstream': 'p' } });
    const gw = await gateways.open([{ id: 'p', baseUrl: p.baseUrl, wireApi: 'responses', weight: 1 }], { keyPrefix: freshPrefix(), maxAttempts: 1 });
    const r = await post(gw, 'task-y', '/responses', RESPONSES_BODY);
    expect([r.status, r.headers.get('x-upstream'), JSON.parse(r.text)]).toEqual([503, 'p', { error: { message: 'overloaded', type: 'server_error' } }]);
  });

  it('counts token usage per task and in total on both wires, shared by every gateway', async () => {
    const [resp, chat] = [await model(), await model()];
    resp.loop([turn.message('r', { usage: { input_tokens: 100, cached_tokens: 40, output_tokens: 20, reasoning_tokens: 5 } })]);
    chat.loop([turn.message('c', { usage: { input_tokens: 7, output_tokens: 3, cached_tokens: 2, reasoning_tokens: 1 } })]);
    const prefix = freshPrefix();
    const providers = [
      { id: 'resp', baseUrl: resp.baseUrl, wireApi: 'responses' as const, weight: 1 },
      { id: 'chat', baseUrl: chat.baseUrl, wireApi: 'chat' as const, weight: 1 },
    ];
    const [gwA, gwB] = [await gateways.open(providers, { keyPrefix: prefix }), await gateways.open(providers, { keyPrefix: prefix })];
    await post(gwA, 'task-1', '/responses', RESPONSES_BODY);
    await post(gwB, 'task-1', '/responses', RESPONSES_BODY);
    await post(gwA, 'task-2', '/chat/completions', CHAT_BODY);
    expect(chat.requests).toHaveLength(1); // chat requests only go to chat providers
    expect(resp.requests).toHaveLength(2);
    await gwB.usage(); // flush B's writes
    expect(await gwA.usage('task-1')).toEqual({ input_tokens: 200, cached_input_tokens: 80, output_tokens: 40, reasoning_output_tokens: 10, total_tokens: 240 });
    expect(await gwA.usage('task-2')).toEqual({ input_tokens: 7, cached_input_tokens: 2, output_tokens: 3, reasoning_output_tokens: 1, total_tokens: 10 });
    expect(await gwB.usage()).toEqual({ input_tokens: 207, cached_input_tokens: 82, output_tokens: 43, reasoning_output_tokens: 11, total_tokens: 250 });
    expect(await gwA.usage('never-ran')).toEqual({ input_tokens: 0, cached_input_tokens: 0, output_tokens: 0, reasoning_output_tokens: 0, total_tokens: 0 });
  });

  it('keeps serving when Redis goes away mid-run (limits and usage are lost, requests are not)', async () => {
    const own = await startRedisServer();
    const p = await model();
    p.loop([turn.message('still here')]);
    const gw = await startGateway({ redisUrl: own.url, providers: [{ id: 'p', baseUrl: p.baseUrl, wireApi: 'responses', weight: 1 }], keyPrefix: freshPrefix() });
    try {
      expect(responsesText((await post(gw, 'task-r', '/responses', RESPONSES_BODY)).text)).toBe('still here');
      await own.stop();
      const r = await post(gw, 'task-r', '/responses', RESPONSES_BODY);
      expect([r.status, responsesText(r.text)]).toEqual([200, 'still here']);
    } finally {
      await gw.close();
      await own.stop();
    }
  });

  it('refuses bad options and an unreachable Redis with clear errors, leaving nothing running', async () => {
    const p = { id: 'p', baseUrl: 'http://127.0.0.1:1/v1', wireApi: 'responses' as const, weight: 1 };
    await expect(startGateway({ redisUrl: redisServer.url, providers: [] })).rejects.toMatchObject({ code: 'invalid_config', message: expect.stringMatching(/^fleet gateway: providers is empty/) });
    await expect(startGateway({ redisUrl: redisServer.url, providers: [{ ...p, weight: 0 }] })).rejects.toMatchObject({
      code: 'invalid_config',
      message: 'fleet gateway: providers[0] (p).weight is 0; it must be a number > 0 (a relative share of requests)',
    });
    await expect(startGateway({ redisUrl: redisServer.url, providers: [{ ...p, wireApi: 'grpc' as never }] })).rejects.toBeInstanceOf(GatewayError);
    await expect(startGateway({ redisUrl: 'redis://127.0.0.1:9', providers: [p] })).rejects.toMatchObject({ code: 'redis_unavailable' });
    const gw = await gateways.open([p], { keyPrefix: freshPrefix() });
    expect(() => gw.baseUrlFor('../etc')).toThrow(expect.objectContaining({ code: 'invalid_task_id' }));
    expect(() => gw.execOverrides('t', 'chat')).toThrow('fleet gateway: no configured provider speaks the chat wire API');
    const chatReq = await post(gw, 't', '/chat/completions', CHAT_BODY);
    expect([chatReq.status, JSON.parse(chatReq.text).error.code]).toEqual([400, 'no_provider']);
    const notFound = await fetch(gw.baseUrlFor('t').replace('/t/t/v1', '/nope'));
    expect(notFound.status).toBe(404);
  });
});

import { describe, expect, it } from 'vitest';
import { isValidTaskId, resolveGatewayOptions } from './config.js';
import type { GatewayOptions } from './types.js';

const ok = { id: 'a', baseUrl: 'http://127.0.0.1:1/v1/', wireApi: 'responses' as const, weight: 1 };
const opts = (o: Partial<GatewayOptions>): GatewayOptions => ({ redisUrl: 'redis://127.0.0.1:6379', providers: [ok], ...o });

describe('resolveGatewayOptions', () => {
  it('fills in defaults and trims the base URL', () => {
    expect(resolveGatewayOptions(opts({}))).toEqual({
      redisUrl: 'redis://127.0.0.1:6379',
      providers: [{ id: 'a', baseUrl: 'http://127.0.0.1:1/v1', wireApi: 'responses', weight: 1, headers: {} }],
      keyPrefix: 'codex-fleet',
      maxWaitMs: 50_000,
      maxAttempts: 10,
      host: '127.0.0.1',
      port: 0,
    });
  });

  it.each([
    [{ providers: [] }, 'fleet gateway: providers is empty: configure at least one provider ([[fleet.providers]] with provider and weight), or run without the gateway'],
    [{ providers: [{ ...ok, weight: 0 }] }, 'fleet gateway: providers[0] (a).weight is 0; it must be a number > 0 (a relative share of requests)'],
    [{ providers: [ok, { ...ok, id: 'b', weight: -1 }] }, 'fleet gateway: providers[1] (b).weight is -1; it must be a number > 0 (a relative share of requests)'],
    [{ providers: [{ ...ok, wireApi: 'websocket' as never }] }, 'fleet gateway: providers[0] (a).wireApi is "websocket"; the wire API must be "responses" or "chat"'],
    [{ providers: [{ ...ok, baseUrl: 'ftp://x' }] }, 'fleet gateway: providers[0] (a).baseUrl `ftp://x` must use http or https'],
    [{ providers: [{ ...ok, baseUrl: 'nope' }] }, 'fleet gateway: providers[0] (a).baseUrl `nope` is not a URL; expected e.g. https://api.openai.com/v1'],
    [{ providers: [ok, ok] }, 'fleet gateway: providers[1].id `a` is listed twice; give each provider once (weights set the share)'],
    [{ providers: [{ ...ok, headers: { Host: 'x' } }] }, 'fleet gateway: providers[0] (a).headers.Host is set by the gateway itself; remove it'],
    [{ redisUrl: 'localhost:6379' }, 'fleet gateway: redisUrl is "localhost:6379"; expected redis://host:port (or rediss://)'],
    [{ maxAttempts: 0 }, 'fleet gateway: maxAttempts is 0; it must be an integer >= 1'],
    [{ host: '0.0.0.0' }, 'fleet gateway: host is "0.0.0.0"; the gateway listens on loopback only (127.0.0.1, ::1 or localhost)'],
  ])('rejects %j', (o, message) => {
    expect(() => resolveGatewayOptions(opts(o as Partial<GatewayOptions>))).toThrow(expect.objectContaining({ name: 'GatewayError', code: 'invalid_config', message }));
  });

  it('accepts task ids that are safe in URLs and Redis keys only', () => {
    expect(['t1', 'job:42', 'a.b-c_d@e+f'].map(isValidTaskId)).toEqual([true, true, true]);
    expect(['', '../x', 'a/b', 'a b', '-x', 'x'.repeat(201)].map(isValidTaskId)).toEqual([false, false, false, false, false, false]);
  });
});

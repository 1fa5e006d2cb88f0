// Pure pieces of the client: backoff, server-suggested delays, retry classification,
// provider credentials and settings.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  ModelClientError,
  backoffMs,
  isAzureResponsesEndpoint,
  parseRetryAfter,
  parseTryAgainIn,
  resolveProviderAuth,
  retryScope,
  retrySettings,
  type ModelClientErrorCode,
  type ModelProviderInfo,
} from '../../src/client/index.js';
import { ResponsesStreamParser } from '../../src/client/responses-wire.js';

describe('backoff', () => {
  it('is 200ms x 2^(n-1) with jitter in [0.9, 1.1)', () => {
    expect([1, 2, 3, 4].map((n) => backoffMs(n, { random: () => 0.5 }))).toEqual([200, 400, 800, 1600]);
    expect(backoffMs(1, { random: () => 0 })).toBe(180);
    expect(backoffMs(1, { random: () => 0.999999 })).toBe(220);
    expect(backoffMs(30, { random: () => 0.5 })).toBe(60_000);
  });

  it('parses Retry-After seconds, decimals, HTTP dates and retry-after-ms', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    const h = (o: Record<string, string>) => new Headers(o);
    expect([
      parseRetryAfter(h({ 'retry-after': '2' }), now),
      parseRetryAfter(h({ 'retry-after': '0.25' }), now),
      parseRetryAfter(h({ 'retry-after': 'Thu, 01 Jan 2026 00:00:03 GMT' }), now),
      parseRetryAfter(h({ 'retry-after': 'Wed, 31 Dec 2025 23:00:00 GMT' }), now),
      parseRetryAfter(h({ 'retry-after-ms': '150', 'retry-after': '9' }), now),
      parseRetryAfter(h({ 'retry-after': 'soon' }), now),
      parseRetryAfter(h({}), now),
    ]).toEqual([2000, 250, 3000, 0, 150, undefined, undefined]);
  });

  it('reads "try again in" hints', () => {
    expect([
      parseTryAgainIn('Rate limit reached for gpt-5. Please try again in 1.5s. Visit ...'),
      parseTryAgainIn('Please try again in 300ms.'),
      parseTryAgainIn('try again later'),
      parseTryAgainIn(undefined),
    ]).toEqual([1500, 300, undefined, undefined]);
  });
});

describe('retryScope', () => {
  it('classifies every code', () => {
    const codes: ModelClientErrorCode[] = [
      'unauthorized', 'missing_api_key', 'model_not_found', 'context_window_exceeded', 'usage_limit', 'rate_limited',
      'server_error', 'unreachable', 'stream_idle_timeout', 'headers_timeout', 'stream_disconnected', 'response_failed',
      'invalid_request', 'aborted',
    ];
    expect(Object.fromEntries(codes.map((c) => [c, retryScope(new ModelClientError(c, c))]))).toEqual({
      unauthorized: 'none',
      missing_api_key: 'none',
      model_not_found: 'none',
      context_window_exceeded: 'none',
      usage_limit: 'none',
      rate_limited: 'none',
      server_error: 'request',
      unreachable: 'request',
      stream_idle_timeout: 'stream',
      headers_timeout: 'stream',
      stream_disconnected: 'stream',
      response_failed: 'stream',
      invalid_request: 'none',
      aborted: 'none',
    });
    expect(retryScope(new ModelClientError('rate_limited', 'x', { retryAfterMs: 10 }))).toBe('stream');
  });
});

describe('provider settings', () => {
  const p: ModelProviderInfo = { name: 'P', wire_api: 'responses', requires_openai_auth: false };

  it('defaults as Codex, caps retries at 100, overrides win', () => {
    expect(retrySettings(p)).toEqual({
      requestMaxRetries: 4,
      streamMaxRetries: 5,
      streamIdleTimeoutMs: 300_000,
      requestHeadersTimeoutMs: 60_000,
    });
    expect(retrySettings({ ...p, request_max_retries: 500, stream_max_retries: 1, request_headers_timeout_ms: 5 }, { streamIdleTimeoutMs: 7 })).toEqual({
      requestMaxRetries: 100,
      streamMaxRetries: 1,
      streamIdleTimeoutMs: 7,
      requestHeadersTimeoutMs: 5,
    });
  });

  it('detects Azure endpoints', () => {
    expect([
      isAzureResponsesEndpoint({ ...p, base_url: 'https://x.openai.azure.com/openai' }),
      isAzureResponsesEndpoint({ ...p, name: 'Azure' }),
      isAzureResponsesEndpoint({ ...p, base_url: 'https://api.openai.com/v1' }),
      isAzureResponsesEndpoint({ ...p, wire_api: 'chat', base_url: 'https://x.openai.azure.com' }),
    ]).toEqual([true, true, false, false]);
  });
});

describe('resolveProviderAuth', () => {
  const openai: ModelProviderInfo = { name: 'OpenAI', env_key: 'OPENAI_API_KEY', wire_api: 'responses', requires_openai_auth: true };

  it('env_key providers read their variable, or fail naming it', async () => {
    const mock: ModelProviderInfo = { name: 'Mock', env_key: 'MOCK_API_KEY', env_key_instructions: 'Get one at example.com.', wire_api: 'responses', requires_openai_auth: false };
    expect(await resolveProviderAuth(mock, { codexHome: '/nonexistent', env: { MOCK_API_KEY: 'k' } })).toEqual({ token: 'k', mode: 'api_key' });
    const err = await resolveProviderAuth(mock, { codexHome: '/nonexistent', env: {} }).catch((e: unknown) => e);
    expect([(err as ModelClientError).code, (err as ModelClientError).message]).toEqual([
      'missing_api_key',
      'Missing environment variable: MOCK_API_KEY. Set it to the API key for provider Mock. Get one at example.com.',
    ]);
  });

  it('OpenAI auth goes through login (CODEX_API_KEY, auth.json, OPENAI_API_KEY)', async () => {
    const home = await mkdtemp(join(tmpdir(), 'codex-client-auth-'));
    try {
      expect(await resolveProviderAuth(openai, { codexHome: home, env: { OPENAI_API_KEY: 'sk-env' } })).toEqual({ token: 'sk-env', mode: 'api_key' });
      await writeFile(join(home, 'auth.json'), JSON.stringify({ tokens: { id_token: 'i', access_token: 'a', refresh_token: 'r', account_id: 'acct' } }));
      expect(await resolveProviderAuth(openai, { codexHome: home, env: { CODEX_API_KEY: 'sk-codex' } })).toEqual({ token: 'sk-codex', mode: 'api_key' });
      expect(await resolveProviderAuth(openai, { codexHome: home, env: {} })).toEqual({ token: 'a', mode: 'chatgpt', accountId: 'acct' });
      await rm(join(home, 'auth.json'));
      const err = await resolveProviderAuth(openai, { codexHome: home, env: {} }).catch((e: unknown) => e);
      expect((err as ModelClientError).code).toBe('missing_api_key');
    } finally {
      await rm(home, { recursive: true, force: true });
    }
  });

  it('keyless providers (Ollama) need nothing; a bearer token in config wins', async () => {
    const oss: ModelProviderInfo = { name: 'gpt-oss', base_url: 'http://localhost:11434/v1', wire_api: 'chat', requires_openai_auth: false };
    expect(await resolveProviderAuth(oss, { codexHome: '/nonexistent', env: {} })).toBeUndefined();
    expect(await resolveProviderAuth({ ...oss, experimental_bearer_token: 'tok' }, { codexHome: '/nonexistent', env: {} })).toEqual({ token: 'tok', mode: 'api_key' });
  });
});

describe('ResponsesStreamParser error events', () => {
  const feed = (data: Record<string, unknown>): unknown => {
    try {
      new ResponsesStreamParser().feed({ event: String(data.type), data: JSON.stringify(data) } as never, []);
      return undefined;
    } catch (err: unknown) {
      return err;
    }
  };

  it('reads code and message at the top level (the API) or nested under `error` (the SDK test proxy)', () => {
    for (const ev of [
      { type: 'error', code: 'rate_limit_exceeded', message: 'rate limit exceeded' },
      { type: 'error', error: { code: 'rate_limit_exceeded', message: 'rate limit exceeded' } },
    ]) {
      const err = feed(ev) as ModelClientError;
      expect(err).toBeInstanceOf(ModelClientError);
      expect(err.code).toBe('response_failed');
      expect(err.message).toBe('stream disconnected before completion: rate limit exceeded');
    }
  });
});

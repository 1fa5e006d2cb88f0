import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { failed, resetIds, responseCreated, startModelServer, turn, type ScriptedModelServer } from '../src/index.js';
import { jsonFrames, parseSse, postJson, readSse, readText } from './sse-reader.js';

let server: ScriptedModelServer;
beforeEach(async () => {
  resetIds();
  server = await startModelServer();
});
afterEach(async () => {
  await server.close();
});

const responsesUrl = (): string => `${server.baseUrl}/responses`;

describe('status faults', () => {
  it('sends 429 with Retry-After and an OpenAI-style error body', async () => {
    server.queueResponses({ fault: 'status', status: 429, retryAfter: 2 }, turn.message('after retry'));
    const res = await postJson(responsesUrl(), { model: 'm' });
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('2');
    expect(await res.json()).toEqual({
      error: { message: 'Scripted: rate limit reached.', type: 'rate_limit_exceeded', param: null, code: 'rate_limit_exceeded' },
    });
    const retry = await postJson(responsesUrl(), { model: 'm' });
    expect(retry.status).toBe(200);
    expect(jsonFrames((await readSse(retry)).frames).at(-1)?.['type']).toBe('response.completed');
    expect(server.responsesRequests()).toHaveLength(2);
  });

  it('sends a status without Retry-After, with a custom body and headers', async () => {
    const body = { error: { type: 'usage_limit_reached', message: 'limit', plan_type: 'plus', resets_in_seconds: 60 } };
    server.queueResponses(
      { fault: 'status', status: 500 },
      { fault: 'status', status: 429, body, headers: { 'x-codex-primary-used-percent': '100' } },
      { fault: 'status', status: 401 },
      { fault: 'status', status: 400, retryAfter: 'Wed, 21 Oct 2065 07:28:00 GMT' },
    );
    const r500 = await postJson(responsesUrl(), {});
    expect([r500.status, r500.headers.get('retry-after'), await r500.json()]).toEqual([
      500,
      null,
      { error: { message: 'Scripted HTTP 500.', type: 'server_error', param: null, code: 'server_error' } },
    ]);
    const r429 = await postJson(responsesUrl(), {});
    expect([r429.status, r429.headers.get('retry-after'), r429.headers.get('x-codex-primary-used-percent'), await r429.json()]).toEqual([
      429,
      null,
      '100',
      body,
    ]);
    const r401 = await postJson(responsesUrl(), {});
    expect([r401.status, await r401.json()]).toEqual([
      401,
      { error: { message: 'Scripted: incorrect API key provided.', type: 'invalid_request_error', param: null, code: 'invalid_api_key' } },
    ]);
    const r400 = await postJson(responsesUrl(), {});
    expect([r400.status, r400.headers.get('retry-after')]).toEqual([400, 'Wed, 21 Oct 2065 07:28:00 GMT']);
    await r400.body?.cancel();
    server.assertScriptDone();
  });
});

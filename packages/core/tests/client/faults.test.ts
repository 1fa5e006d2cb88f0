// Every fault the scripted server can inject, through the client's retry loops.
import { failed, responseCreated, startModelServer, turn, type ScriptedModelServer } from '@codex-ts/test-support';
import { describe, expect, it } from 'vitest';
import { CONTEXT_WINDOW_EXCEEDED_MESSAGE, HIGH_DEMAND_MESSAGE } from '../../src/client/index.js';
import { collect, collectError, makeClient, prompt, useSharedServer } from './helpers.js';

let server: ScriptedModelServer;
useSharedServer((s) => (server = s));

const ok = (id = 'resp_ok') => turn.message('done', { id, messageId: 'msg_ok' });
const lastEvent = { type: 'completed', response_id: 'resp_ok', token_usage: expect.any(Object) };

describe('request phase (silent retries)', () => {
  it('500 then OK: one silent request retry', async () => {
    server.queueResponses({ fault: 'status', status: 500 }, ok());
    const { client, retries } = makeClient(server);
    const events = await collect(client.stream(prompt()));
    expect(events.at(-1)).toEqual(lastEvent);
    expect(retries).toEqual([
      {
        attempt: 1,
        max: 2,
        delayMs: 5,
        phase: 'request',
        code: 'server_error',
        reason: `unexpected status 500 Internal Server Error: Scripted HTTP 500., url: ${server.baseUrl}/responses`,
      },
    ]);
    expect(server.responsesRequests()).toHaveLength(2);
  });

  it('500 always: request retries nested in stream retries, then the high-demand message', async () => {
    server.loop([{ fault: 'status', status: 500 }]);
    const { client, retries } = makeClient(server, { settings: { requestMaxRetries: 1, streamMaxRetries: 1 } });
    const { error } = await collectError(client.stream(prompt()));
    expect({ code: error.code, message: error.message, status: error.status }).toEqual({
      code: 'server_error',
      message: HIGH_DEMAND_MESSAGE,
      status: 500,
    });
    expect(retries.map((r) => `${r.phase}:${r.attempt}/${r.max}`)).toEqual(['request:1/1', 'stream:1/1', 'request:1/1']);
    expect(retries[1]!.reason).toBe(HIGH_DEMAND_MESSAGE);
    expect(server.responsesRequests()).toHaveLength(4);
  });

  it('503 always: "exceeded retry limit, last status"', async () => {
    server.loop([{ fault: 'status', status: 503 }]);
    const { client } = makeClient(server, { settings: { requestMaxRetries: 1, streamMaxRetries: 0 } });
    const { error } = await collectError(client.stream(prompt()));
    expect([error.code, error.message]).toEqual(['server_error', 'exceeded retry limit, last status: 503 Service Unavailable']);
  });

  it('unreachable provider: transport errors retried, then a clear error', async () => {
    const dead = await startModelServer();
    const baseUrl = dead.baseUrl;
    await dead.close();
    const { client, retries } = makeClient(server, {
      provider: { base_url: baseUrl, name: 'Dead' },
      settings: { requestMaxRetries: 1, streamMaxRetries: 0 },
    });
    const { error } = await collectError(client.stream(prompt()));
    expect(error.code).toBe('unreachable');
    expect(error.message).toMatch(
      new RegExp(`^cannot reach model provider Dead at ${baseUrl}/responses: .*ECONNREFUSED.*Check base_url and that the server is running\\.$`),
    );
    expect(retries.map((r) => r.phase)).toEqual(['request']);
  });
});

describe('HTTP status errors', () => {
  it('429 with Retry-After: a stream retry after exactly that delay', async () => {
    server.queueResponses({ fault: 'status', status: 429, retryAfter: '0.05' }, ok());
    const { client, retries } = makeClient(server);
    const events = await collect(client.stream(prompt()));
    expect(events.at(-1)).toEqual(lastEvent);
    expect(retries).toEqual([
      {
        attempt: 1,
        max: 2,
        delayMs: 50,
        phase: 'stream',
        code: 'rate_limited',
        reason: 'exceeded retry limit, last status: 429 Too Many Requests',
      },
    ]);
    const [a, b] = server.responsesRequests();
    expect(b!.receivedAt - a!.receivedAt).toBeGreaterThanOrEqual(45);
    expect(b!.body).toBe(a!.body);
  });

  it('429 with "try again in" text: retried after the hinted delay', async () => {
    const body = { error: { message: 'Rate limit reached. Please try again in 20ms.', type: 'requests', code: 'rate_limit_exceeded' } };
    server.queueResponses({ fault: 'status', status: 429, body }, ok());
    const { client, retries } = makeClient(server);
    await collect(client.stream(prompt()));
    expect(retries.map((r) => [r.phase, r.delayMs, r.code])).toEqual([['stream', 20, 'rate_limited']]);
  });

  it('429 without any hint: fatal rate_limited, no retry (Codex 0.169)', async () => {
    server.queueResponses({ fault: 'status', status: 429 });
    const { client, retries } = makeClient(server);
    const { error } = await collectError(client.stream(prompt()));
    expect([error.code, error.message, error.status]).toEqual([
      'rate_limited',
      'exceeded retry limit, last status: 429 Too Many Requests',
      429,
    ]);
    expect(retries).toEqual([]);
    expect(server.responsesRequests()).toHaveLength(1);
  });

  it('429 insufficient_quota: fatal usage_limit', async () => {
    const body = { error: { message: 'You exceeded your current quota.', type: 'insufficient_quota', code: 'insufficient_quota' } };
    server.queueResponses({ fault: 'status', status: 429, body });
    const { client } = makeClient(server);
    const { error } = await collectError(client.stream(prompt()));
    expect([error.code, error.message]).toEqual([
      'usage_limit',
      'Quota exceeded. Check your plan and billing details. (You exceeded your current quota.)',
    ]);
  });

  it('429 usage_limit_reached: fatal usage_limit with the reset time', async () => {
    const body = { error: { type: 'usage_limit_reached', message: 'limit', resets_in_seconds: 3720 } };
    server.queueResponses({ fault: 'status', status: 429, body, retryAfter: 1 });
    const { client, retries } = makeClient(server);
    const { error } = await collectError(client.stream(prompt()));
    expect([error.code, error.message]).toEqual(['usage_limit', "You've hit your usage limit. Try again in 1 hour 2 minutes."]);
    expect(retries).toEqual([]);
  });

  it('401: fatal unauthorized naming the key sources', async () => {
    server.queueResponses({ fault: 'status', status: 401 });
    const { client } = makeClient(server);
    const { error } = await collectError(client.stream(prompt()));
    expect([error.code, error.message]).toEqual([
      'unauthorized',
      `unexpected status 401 Unauthorized: Scripted: incorrect API key provided., url: ${server.baseUrl}/responses. ` +
        "Check the API key for provider Mock (OPENAI_API_KEY / CODEX_API_KEY / `codex login`, or the provider's env_key).",
    ]);
  });

  it('401 with refreshAuth: retried once with the fresh token', async () => {
    server.queueResponses({ fault: 'status', status: 401 }, ok());
    const { client } = makeClient(server, { refreshAuth: async () => ({ token: 'sk-fresh', mode: 'api_key' }) });
    await collect(client.stream(prompt()));
    expect(server.responsesRequests().map((r) => r.headers['authorization'])).toEqual(['Bearer sk-test', 'Bearer sk-fresh']);
  });

  it('404 model_not_found: fatal with what to do', async () => {
    const body = { error: { message: 'The model `nope` does not exist.', type: 'invalid_request_error', code: 'model_not_found' } };
    server.queueResponses({ fault: 'status', status: 404, body });
    const { client } = makeClient(server);
    const { error } = await collectError(client.stream(prompt({ model: 'nope' })));
    expect([error.code, error.message]).toEqual([
      'model_not_found',
      "model `nope` is not available from provider Mock (The model `nope` does not exist.). Pick another model with -m or check the provider's model list.",
    ]);
  });

  it('Ollama-style 404 {"error": "model not found"}: model_not_found', async () => {
    server.queueResponses({ fault: 'status', status: 404, body: { error: 'model "llama9" not found, try pulling it first' } });
    const { client } = makeClient(server);
    const { error } = await collectError(client.stream(prompt({ model: 'llama9' })));
    expect(error.code).toBe('model_not_found');
  });

  it('400 context_length_exceeded: context_window_exceeded', async () => {
    const body = { error: { message: 'too long', type: 'invalid_request_error', code: 'context_length_exceeded' } };
    server.queueResponses({ fault: 'status', status: 400, body });
    const { client } = makeClient(server);
    const { error } = await collectError(client.stream(prompt()));
    expect([error.code, error.message]).toEqual(['context_window_exceeded', CONTEXT_WINDOW_EXCEEDED_MESSAGE]);
  });

  it('400 other: fatal invalid_request with the body', async () => {
    server.queueResponses({ fault: 'status', status: 400 });
    const { client, retries } = makeClient(server);
    const { error } = await collectError(client.stream(prompt()));
    expect([error.code, error.message]).toEqual([
      'invalid_request',
      `unexpected status 400 Bad Request: Scripted bad request., url: ${server.baseUrl}/responses`,
    ]);
    expect(retries).toEqual([]);
  });
});

describe('stream phase (whole request re-sent)', () => {
  it('cut stream: retried, partial events replaced by a fresh attempt', async () => {
    server.queueResponses({ fault: 'cut', after: 3, events: ok() }, ok());
    const { client, retries } = makeClient(server);
    const events = await collect(client.stream(prompt()));
    expect(events.filter((e) => e.type === 'created')).toHaveLength(2);
    expect(events.at(-1)).toEqual(lastEvent);
    expect(retries).toHaveLength(1);
    expect(retries[0]).toMatchObject({ phase: 'stream', attempt: 1, code: 'stream_disconnected' });
    expect(retries[0]!.reason).toMatch(/^stream disconnected before completion: /);
  });

  it('cut stream always: fails after stream_max_retries', async () => {
    server.loop([{ fault: 'cut', after: 2, events: ok() }]);
    const { client, retries } = makeClient(server);
    const { error } = await collectError(client.stream(prompt()));
    expect(error.code).toBe('stream_disconnected');
    expect(retries.map((r) => `${r.phase}:${r.attempt}`)).toEqual(['stream:1', 'stream:2']);
    expect(server.responsesRequests()).toHaveLength(3);
  });

  it('stall: idle timeout, then retried', async () => {
    server.queueResponses({ fault: 'stall', after: 2, events: ok() }, ok());
    const { client, retries } = makeClient(server, { settings: { streamIdleTimeoutMs: 150 } });
    const events = await collect(client.stream(prompt()));
    expect(events.at(-1)).toEqual(lastEvent);
    expect(server.responsesRequests()).toHaveLength(2);
    expect(retries.map((r) => [r.code, r.reason])).toEqual([
      ['stream_idle_timeout', 'stream disconnected before completion: idle timeout waiting for SSE'],
    ]);
  });

  it('malformed line among good events: skipped, no retry (as Codex)', async () => {
    server.queueResponses({ fault: 'malformed', after: 2, events: ok() });
    const { client, retries } = makeClient(server);
    const events = await collect(client.stream(prompt()));
    expect(events.at(-1)).toEqual(lastEvent);
    expect(retries).toEqual([]);
  });

  it('malformed line then EOF without response.completed: retried', async () => {
    server.queueResponses({ fault: 'malformed', after: 1, events: [responseCreated()] }, ok());
    const { client, retries } = makeClient(server);
    await collect(client.stream(prompt()));
    expect(retries.map((r) => r.reason)).toEqual(['stream disconnected before completion: stream closed before response.completed']);
  });

  it('response.failed server_error: retried with its message', async () => {
    server.queueResponses([responseCreated(), failed({ code: 'server_error', message: 'boom' })], ok());
    const { client, retries } = makeClient(server);
    const events = await collect(client.stream(prompt()));
    expect(events.at(-1)).toEqual(lastEvent);
    expect(retries.map((r) => [r.phase, r.code, r.reason])).toEqual([
      ['stream', 'response_failed', 'stream disconnected before completion: boom'],
    ]);
  });

  it('response.failed rate_limit_exceeded: delay from "try again in"', async () => {
    server.queueResponses(
      [responseCreated(), failed({ code: 'rate_limit_exceeded', message: 'Rate limit reached. Please try again in 0.03s.' })],
      ok(),
    );
    const { client, retries } = makeClient(server);
    await collect(client.stream(prompt()));
    expect(retries.map((r) => r.delayMs)).toEqual([30]);
  });

  it('response.failed context_length_exceeded: fatal', async () => {
    server.queueResponses([responseCreated(), failed({ code: 'context_length_exceeded', message: 'too long' })]);
    const { client, retries } = makeClient(server);
    const { events, error } = await collectError(client.stream(prompt()));
    expect(events).toEqual([{ type: 'created' }]);
    expect([error.code, error.message]).toEqual(['context_window_exceeded', CONTEXT_WINDOW_EXCEEDED_MESSAGE]);
    expect(retries).toEqual([]);
  });

  it('headers never sent: headers_timeout, then retried', async () => {
    server.queueResponses({ fault: 'no-headers' }, ok());
    const { client, retries } = makeClient(server, { settings: { requestHeadersTimeoutMs: 150 } });
    const events = await collect(client.stream(prompt()));
    expect(events.at(-1)).toEqual(lastEvent);
    expect(retries.map((r) => [r.phase, r.code, r.reason])).toEqual([
      [
        'stream',
        'headers_timeout',
        `no response headers from ${server.baseUrl}/responses within 150 ms (request_headers_timeout_ms); the provider may be overloaded or stuck`,
      ],
    ]);
  });

  it('headers never sent, always: a clear error once the retries are spent', async () => {
    server.loop([{ fault: 'no-headers' }]);
    const { client } = makeClient(server, { settings: { requestHeadersTimeoutMs: 100, streamMaxRetries: 1 } });
    const { error } = await collectError(client.stream(prompt()));
    expect(error.code).toBe('headers_timeout');
    expect(server.responsesRequests()).toHaveLength(2);
  });
});

describe('abort', () => {
  it('abort mid-stream ends the stream with aborted, without a retry', async () => {
    server.queueResponses({ fault: 'stall', after: 3, events: ok() });
    const { client } = makeClient(server);
    const ac = new AbortController();
    const seen: string[] = [];
    const { error } = await collectError(
      (async function* () {
        for await (const ev of client.stream(prompt(), { signal: ac.signal })) {
          seen.push(ev.type);
          if (ev.type === 'output_item_added') setTimeout(() => ac.abort(), 20);
          yield ev;
        }
      })(),
    );
    expect(error.code).toBe('aborted');
    expect(seen).toEqual(['created', 'output_item_added']);
    // The stalled stream was abandoned: one request, no retry after the abort.
    expect(server.responsesRequests()).toHaveLength(1);
  });

  it('abort during backoff sleep ends with aborted', async () => {
    server.queueResponses({ fault: 'status', status: 429, retryAfter: 30 });
    const { client, retries } = makeClient(server);
    const ac = new AbortController();
    const pending = collectError(client.stream(prompt(), { signal: ac.signal, onRetry: (n) => { retries.push(n); ac.abort(); } }));
    const { error } = await pending;
    expect(error.code).toBe('aborted');
    expect(retries.map((r) => r.delayMs)).toEqual([30_000]);
  });

  it('an already-aborted signal fails before any request', async () => {
    const { client } = makeClient(server);
    const { error } = await collectError(client.stream(prompt(), { signal: AbortSignal.abort() }));
    expect(error.code).toBe('aborted');
    expect(server.requests).toHaveLength(0);
  });

  it('breaking out of the loop cancels the request', async () => {
    server.queueResponses({ fault: 'stall', after: 2, events: ok() });
    const { client } = makeClient(server);
    for await (const ev of client.stream(prompt())) {
      if (ev.type === 'output_item_added') break;
    }
    // The server sees the client go away; a following request is served normally.
    server.queueResponses(ok());
    const events = await collect(client.stream(prompt()));
    expect(events.at(-1)).toEqual(lastEvent);
  });
});

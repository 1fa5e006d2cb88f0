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

describe('stream faults', () => {
  it('cut: sends n events then destroys the socket mid-stream', async () => {
    server.queueResponses({ fault: 'cut', after: 3, events: turn.message('never finished', { messageId: 'msg_cut' }) });
    const res = await postJson(responsesUrl(), { model: 'm' });
    expect(res.status).toBe(200);
    const { frames, error } = await readSse(res);
    expect(error).toBeInstanceOf(Error);
    expect(jsonFrames(frames).map((e) => e['type'])).toEqual([
      'response.created',
      'response.output_item.added',
      'response.content_part.added',
    ]);
  });

  it('cut without events cuts a default message turn', async () => {
    server.queueResponses({ fault: 'cut', after: 1 });
    const { frames, error } = await readSse(await postJson(responsesUrl(), {}));
    expect(error).toBeInstanceOf(Error);
    expect(jsonFrames(frames).map((e) => e['type'])).toEqual(['response.created']);
  });

  it('stall: pauses after n events for ms, then finishes the turn', async () => {
    server.queueResponses({ fault: 'stall', after: 2, ms: 800, events: turn.message('slow') });
    const started = Date.now();
    const res = await postJson(responsesUrl(), {});
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    let text = '';
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
    }
    // A lower bound only (timers may fire a millisecond early, and late by any amount under load).
    const totalMs = Date.now() - started;
    expect(jsonFrames(parseSse(text)).map((e) => e['type'])).toEqual([
      'response.created',
      'response.output_item.added',
      'response.content_part.added',
      'response.output_text.delta',
      'response.output_text.done',
      'response.content_part.done',
      'response.output_item.done',
      'response.completed',
    ]);
    // That the first events are delivered while the stream is held is shown by the test below.
    expect(totalMs).toBeGreaterThanOrEqual(750);
  });

  it('stall without ms holds the stream until the client gives up', async () => {
    server.queueResponses({ fault: 'stall', after: 1 });
    const controller = new AbortController();
    const res = await postJson(responsesUrl(), {}, { signal: controller.signal });
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    const first = new TextDecoder().decode((await reader.read()).value);
    expect(parseSse(first).map((f) => f.event)).toEqual(['response.created']);
    setTimeout(() => controller.abort(), 200);
    await expect(reader.read()).rejects.toThrow();
  });

  it('malformed: inserts a bad data line after n events and carries on', async () => {
    server.queueResponses(
      { fault: 'malformed', after: 1, events: turn.message('fine') },
      { fault: 'malformed', line: 'data: {"type": oops\n\n', events: [responseCreated()] },
    );
    const { text } = await readText(await postJson(responsesUrl(), {}));
    const frames = parseSse(text);
    expect(frames[1]).toEqual({ data: '{not json' });
    expect(frames.filter((_, i) => i !== 1).map((f) => JSON.parse(f.data).type)).toEqual([
      'response.created',
      'response.output_item.added',
      'response.content_part.added',
      'response.output_text.delta',
      'response.output_text.done',
      'response.content_part.done',
      'response.output_item.done',
      'response.completed',
    ]);
    const second = parseSse((await readText(await postJson(responsesUrl(), {}))).text);
    expect(second[0]).toEqual({ data: '{"type": oops' });
    expect(second.length).toBe(2);
  });

  it('response.failed is an ordinary scripted event', async () => {
    server.queueResponses([responseCreated('resp_x'), failed({ code: 'rate_limit_exceeded', message: 'Please try again in 1.5s.' })]);
    const events = jsonFrames((await readSse(await postJson(responsesUrl(), { model: 'gpt-5' }))).frames);
    expect(events[1]).toEqual({
      type: 'response.failed',
      response: {
        object: 'response',
        status: 'failed',
        error: { code: 'rate_limit_exceeded', message: 'Please try again in 1.5s.' },
        output: [],
        usage: null,
        id: 'resp_1',
        created_at: (events[0] as { response: { created_at: number } }).response.created_at,
        model: 'gpt-5',
      },
      sequence_number: 1,
    });
  });

  it('no-headers: accepts the request but never answers until the client aborts', async () => {
    server.queueResponses({ fault: 'no-headers' }, turn.message('second try'));
    const attempt = postJson(responsesUrl(), { n: 1 }, { signal: AbortSignal.timeout(300) });
    await expect(attempt).rejects.toThrow(/abort|timeout/i);
    expect(server.responsesRequests().map((r) => r.json)).toEqual([{ n: 1 }]);
    const res = await postJson(responsesUrl(), { n: 2 });
    expect(res.status).toBe(200);
    await readSse(res);
    server.assertScriptDone();
  });

  it('drop: closes the connection before any response byte', async () => {
    server.queueResponses({ fault: 'drop' }, turn.message('next'));
    const error = await postJson(responsesUrl(), { n: 1 }).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(error).toBeInstanceOf(TypeError);
    expect(server.responsesRequests().map((r) => r.json)).toEqual([{ n: 1 }]);
    expect((await postJson(responsesUrl(), {})).status).toBe(200);
  });

  it('close() ends a no-headers request and a stalled stream without hanging', async () => {
    server.queueResponses({ fault: 'no-headers' }, { fault: 'stall', after: 1 });
    const hung = postJson(responsesUrl(), {}).then(
      () => 'resolved',
      () => 'rejected',
    );
    const stalled = await postJson(responsesUrl(), {});
    await server.waitForRequests(2);
    const body = readSse(stalled);
    await server.close();
    expect(await hung).toBe('rejected');
    expect((await body).error).toBeInstanceOf(Error);
  });

  it('eventDelayMs spaces frames so an interrupt can land mid-stream', async () => {
    server.queueResponses({ events: turn.message('slow stream'), eventDelayMs: 100 });
    const controller = new AbortController();
    const res = await postJson(responsesUrl(), {}, { signal: controller.signal });
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    const first = new TextDecoder().decode((await reader.read()).value);
    controller.abort();
    expect(parseSse(first).map((f) => f.event)).toEqual(['response.created']);
    await expect(reader.read()).rejects.toThrow();
  });
});

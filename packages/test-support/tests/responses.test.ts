import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resetIds, startModelServer, TestSupportError, turn, type ScriptedModelServer } from '../src/index.js';
import { jsonFrames, postJson, readSse } from './sse-reader.js';

let server: ScriptedModelServer;
beforeEach(async () => {
  resetIds();
  server = await startModelServer();
});
afterEach(async () => {
  await server.close();
});

describe('POST /v1/responses', () => {
  it('streams a queued message turn as finalized SSE events', async () => {
    server.queueResponses(turn.message('Hello!', { messageId: 'msg_a', usage: { input_tokens: 12, output_tokens: 3 } }));
    const res = await postJson(`${server.baseUrl}/responses`, { model: 'gpt-5-codex', input: [], stream: true });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/event-stream');
    const { frames, error } = await readSse(res);
    expect(error).toBeUndefined();
    const events = jsonFrames(frames);
    expect(frames.map((f) => f.event)).toEqual(events.map((e) => e['type']));
    const created = events[0] as { response: { created_at: number } };
    const at = created.response.created_at;
    const part = { type: 'output_text', text: 'Hello!', annotations: [] };
    const doneItem = { type: 'message', id: 'msg_a', status: 'completed', role: 'assistant', content: [part] };
    expect(events).toEqual([
      { type: 'response.created', response: { object: 'response', status: 'in_progress', output: [], id: 'resp_1', created_at: at, model: 'gpt-5-codex' }, sequence_number: 0 },
      { type: 'response.output_item.added', item: { type: 'message', id: 'msg_a', status: 'in_progress', role: 'assistant', content: [] }, output_index: 0, sequence_number: 1 },
      { type: 'response.content_part.added', item_id: 'msg_a', content_index: 0, part: { ...part, text: '' }, output_index: 0, sequence_number: 2 },
      { type: 'response.output_text.delta', item_id: 'msg_a', content_index: 0, delta: 'Hello!', logprobs: [], output_index: 0, sequence_number: 3 },
      { type: 'response.output_text.done', item_id: 'msg_a', content_index: 0, text: 'Hello!', logprobs: [], output_index: 0, sequence_number: 4 },
      { type: 'response.content_part.done', item_id: 'msg_a', content_index: 0, part, output_index: 0, sequence_number: 5 },
      { type: 'response.output_item.done', item: doneItem, output_index: 0, sequence_number: 6 },
      {
        type: 'response.completed',
        response: {
          object: 'response',
          status: 'completed',
          usage: { input_tokens: 12, input_tokens_details: { cached_tokens: 0 }, output_tokens: 3, output_tokens_details: { reasoning_tokens: 0 }, total_tokens: 15 },
          id: 'resp_1',
          created_at: at,
          model: 'gpt-5-codex',
          output: [doneItem],
        },
        sequence_number: 7,
      },
    ]);
  });

  it('serves turns in order and fails loudly with a 500 when the script runs out', async () => {
    server.queueResponses(turn.message('one'), turn.message('two'));
    const texts: string[] = [];
    for (let i = 0; i < 2; i++) {
      const { frames } = await readSse(await postJson(`${server.baseUrl}/responses`, { model: 'm' }));
      const deltas = jsonFrames(frames).filter((e) => e['type'] === 'response.output_text.delta');
      texts.push(deltas.map((d) => d['delta']).join(''));
    }
    expect(texts).toEqual(['one', 'two']);
    const res = await postJson(`${server.baseUrl}/responses`, { model: 'm' });
    expect(res.status).toBe(500);
    const message =
      'the script ran out: no turn queued for POST /v1/responses (request #3); queue more with server.queueResponses() or server.queue()';
    expect(await res.json()).toEqual({
      error: { message: `scripted model server: ${message}`, type: 'script_exhausted', code: 'script_exhausted' },
    });
    expect(server.problems).toEqual([{ kind: 'exhausted', requestIndex: 2, message }]);
    expect(() => server.assertScriptDone()).toThrow(/script ran out/);
  });

  it('records every request: method, path, query, lower-cased headers, raw and parsed body', async () => {
    server.queueResponses(turn.message('ok'));
    const body = { model: 'gpt-5-codex', input: [{ type: 'message', role: 'user', content: [] }], stream: true };
    const res = await fetch(`${server.baseUrl}/responses?api-version=2025-04-01`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: 'Bearer sk-test', 'OpenAI-Beta': 'responses=experimental' },
      body: JSON.stringify(body),
    });
    await readSse(res);
    const [req] = server.responsesRequests();
    expect(req).toEqual({
      index: 0,
      kind: 'responses',
      method: 'POST',
      path: '/v1/responses',
      query: { 'api-version': '2025-04-01' },
      headers: expect.objectContaining({
        'content-type': 'application/json',
        authorization: 'Bearer sk-test',
        'openai-beta': 'responses=experimental',
        host: `127.0.0.1:${server.port}`,
      }),
      body: JSON.stringify(body),
      json: body,
      receivedAt: expect.any(Number),
    });
    expect(server.requests).toEqual([req]);
    expect(server.chatRequests()).toEqual([]);
    server.assertScriptDone();
  });

  it('waitForRequests resolves on arrival, times out with a coded error, and honours a signal', async () => {
    server.queueResponses(turn.message('x'));
    const waiting = server.waitForRequests(1, { kind: 'responses' });
    const res = await postJson(`${server.baseUrl}/responses`, { n: 1 });
    expect((await waiting).map((r) => r.json)).toEqual([{ n: 1 }]);
    await readSse(res);
    const timeout = await server.waitForRequests(2, { kind: 'chat', timeoutMs: 50 }).catch((err: unknown) => err);
    expect(timeout).toBeInstanceOf(TestSupportError);
    expect([(timeout as TestSupportError).code, (timeout as Error).message]).toEqual(['wait_timeout', 'timed out waiting for 2 chat request(s); got 0']);
    const controller = new AbortController();
    const aborted = server.waitForRequests(5, { signal: controller.signal }).catch((err: unknown) => err);
    controller.abort(new Error('stop'));
    expect(await aborted).toEqual(new Error('stop'));
  });
});

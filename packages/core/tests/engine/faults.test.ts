// Each fault kind of the scripted server, through the whole engine: the turn ends in success
// after retries, or in a clear error event, within bounded time.
import { afterEach, describe, expect, it } from 'vitest';
import { failed, turn } from '@codex-ts/test-support';
import type { EventMsg } from '@codex-ts/protocol';
import { startHarness, userTurn, type Harness } from './harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

async function runTurn(h: Harness): Promise<{ done: EventMsg; errors: string[]; streamErrors: string[] }> {
  await h.submit(userTurn(h, 'hi'));
  const done = await h.waitFor((m) => m.type === 'task_complete', 30_000);
  const errors = h.events.filter((e) => e.msg.type === 'error').map((e) => (e.msg as { message: string }).message);
  const streamErrors = h.events.filter((e) => e.msg.type === 'stream_error').map((e) => (e.msg as { message: string }).message);
  return { done, errors, streamErrors };
}

describe('engine under faults', () => {
  it('500 then OK: retried silently, then succeeds', async () => {
    h = await startHarness();
    h.server.queueResponses({ fault: 'status', status: 500 }, turn.message('recovered'));
    const r = await runTurn(h);
    expect(r).toEqual({ done: { type: 'task_complete', last_agent_message: 'recovered' }, errors: [], streamErrors: [] });
    expect(h.server.responsesRequests()).toHaveLength(2);
  });

  it('429 with Retry-After: waits as told, then succeeds', async () => {
    h = await startHarness();
    h.server.queueResponses({ fault: 'status', status: 429, retryAfter: 1 }, turn.message('after rate limit'));
    const started = Date.now();
    const r = await runTurn(h);
    expect(r.done).toEqual({ type: 'task_complete', last_agent_message: 'after rate limit' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
  });

  it('stream cut mid-way: reconnects and succeeds', async () => {
    h = await startHarness();
    h.server.queueResponses({ fault: 'cut', after: 2, events: turn.message('lost') }, turn.message('second try'));
    const r = await runTurn(h);
    expect(r.done).toEqual({ type: 'task_complete', last_agent_message: 'second try' });
    expect(r.streamErrors).toEqual(['Re-connecting... 1/2']);
    expect(r.errors).toEqual([]);
  });

  it('stall: the idle timeout ends the attempt, the retry succeeds', async () => {
    h = await startHarness();
    h.server.queueResponses({ fault: 'stall', after: 1, events: turn.message('never') }, turn.message('after stall'));
    const r = await runTurn(h);
    expect(r.done).toEqual({ type: 'task_complete', last_agent_message: 'after stall' });
    expect(r.streamErrors).toEqual(['Re-connecting... 1/2']);
  });

  it('malformed SSE line: skipped, the turn completes', async () => {
    h = await startHarness();
    h.server.queueResponses({ fault: 'malformed', after: 1, events: turn.message('despite garbage') });
    const r = await runTurn(h);
    expect(r.done).toEqual({ type: 'task_complete', last_agent_message: 'despite garbage' });
  });

  it('response.failed every time: a clear error after the stream retries', async () => {
    h = await startHarness();
    const fail = () => [{ type: 'response.created', response: { id: 'r' } }, failed({ code: 'server_error', message: 'the model broke' })];
    h.server.queueResponses(fail(), fail(), fail());
    const r = await runTurn(h);
    expect(r.done).toEqual({ type: 'task_complete', last_agent_message: null });
    expect(r.streamErrors).toEqual(['Re-connecting... 1/2', 'Re-connecting... 2/2']);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatch(/the model broke/);
  });

  it('headers never sent: bounded by the headers timeout, then a clear error', async () => {
    h = await startHarness({ provider: 'request_headers_timeout_ms = 300' });
    for (let i = 0; i < 9; i++) h.server.queueResponses({ fault: 'no-headers' });
    const r = await runTurn(h);
    expect(r.done).toEqual({ type: 'task_complete', last_agent_message: null });
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatch(/header/i);
    // Every attempt ended at the headers timeout: the retries were spent, then the turn stopped.
    expect(h.server.responsesRequests().length).toBeGreaterThan(1);
    expect(h.server.responsesRequests().length).toBeLessThan(9);
  });

  it('401: a distinct error naming the key problem, no retries', async () => {
    h = await startHarness();
    h.server.queueResponses({ fault: 'status', status: 401, body: { error: { message: 'Incorrect API key provided', type: 'invalid_request_error', code: 'invalid_api_key' } } });
    const r = await runTurn(h);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatch(/Incorrect API key provided/);
    expect(h.server.responsesRequests()).toHaveLength(1);
  });

  it('unknown model (404): a distinct error', async () => {
    h = await startHarness();
    h.server.queueResponses({ fault: 'status', status: 404, body: { error: { message: 'The model `nope` does not exist', type: 'invalid_request_error', code: 'model_not_found' } } });
    const r = await runTurn(h);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatch(/does not exist|not found/i);
  });
});

// The Chat wire against Ollama's OpenAI-compatible stream (`codex --oss`), from the
// transcribed fixtures in packages/test-support/fixtures/ollama (see the README there):
// reasoning in `delta.reasoning`, `role` repeated on every chunk, empty `content` strings,
// a whole tool call in one chunk, no usage chunk. Served in 7-byte writes.
import { readFixture, startFixtureServer, type FixtureServer } from '@codex-ts/test-support';
import { afterEach, describe, expect, it } from 'vitest';
import { ModelClient } from '../../src/client/index.js';
import { collect, prompt } from './helpers.js';

let server: FixtureServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function clientFor(file: string): Promise<ModelClient> {
  server = await startFixtureServer({ 'POST /v1/chat/completions': { contentType: 'text/event-stream', body: readFixture('ollama', file) } });
  return new ModelClient({
    provider: { name: 'gpt-oss', base_url: `${server.url}/v1`, wire_api: 'chat', requires_openai_auth: false },
    identity: { originator: 'codex_exec', version: '0.1.0' },
    env: {},
    backoff: { baseMs: 5, random: () => 0.5 },
    settings: { requestMaxRetries: 0, streamMaxRetries: 0, streamIdleTimeoutMs: 5_000, requestHeadersTimeoutMs: 5_000 },
  });
}

describe('Chat wire against the Ollama /v1/chat/completions stream', () => {
  it('reasoning, then text: one reasoning item and one assistant message, completed without usage', async () => {
    const client = await clientFor('chat-completions-stream.sse');
    expect(await collect(client.stream(prompt({ model: 'gpt-oss:20b' })))).toEqual([
      { type: 'created' },
      { type: 'reasoning_content_delta', delta: 'The user' },
      { type: 'reasoning_content_delta', delta: ' says hi.' },
      { type: 'output_item_added', item: { type: 'message', role: 'assistant', content: [] } },
      { type: 'output_text_delta', delta: 'Hello' },
      { type: 'output_text_delta', delta: '! How can I help?' },
      { type: 'output_item_done', item: { type: 'reasoning', summary: [], content: [{ type: 'reasoning_text', text: 'The user says hi.' }] } },
      { type: 'output_item_done', item: { type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'Hello! How can I help?' }] } },
      { type: 'completed', response_id: 'chatcmpl-712' },
    ]);
    expect(server!.requests.map((r) => r.route)).toEqual(['POST /v1/chat/completions']);
    expect(JSON.parse(server!.requests[0]!.body)).toMatchObject({ model: 'gpt-oss:20b', stream: true });
  });

  it('a tool call sent whole in one chunk becomes one function_call item', async () => {
    const client = await clientFor('chat-completions-tool-call.sse');
    const events = await collect(client.stream(prompt({ model: 'gpt-oss:20b' })));
    expect(events.filter((e) => e.type === 'output_item_done')).toEqual([
      { type: 'output_item_done', item: { type: 'reasoning', summary: [], content: [{ type: 'reasoning_text', text: 'List the files.' }] } },
      { type: 'output_item_done', item: { type: 'function_call', name: 'shell', arguments: '{"command":["ls","-la"]}', call_id: 'call_w1t4kbbq' } },
    ]);
    expect(events.at(-1)).toEqual({ type: 'completed', response_id: 'chatcmpl-311' });
  });
});

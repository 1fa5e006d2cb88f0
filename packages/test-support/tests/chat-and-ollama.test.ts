import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  applyPatchCall,
  assistantMessage,
  localShellCall,
  reasoning,
  resetIds,
  shellCall,
  startModelServer,
  turn,
  type ScriptedModelServer,
} from '../src/index.js';
import { postJson, readSse, readText } from './sse-reader.js';

let server: ScriptedModelServer;
beforeEach(async () => {
  resetIds();
  server = await startModelServer({ models: ['gpt-oss:20b', 'gpt-5-codex'] });
});
afterEach(async () => {
  await server.close();
});

/** Reads a chat stream: parsed chunks with the envelope checked and stripped, plus the raw tail. */
async function readChat(res: Response): Promise<{ chunks: unknown[]; last: string }> {
  const { frames } = await readSse(res);
  const last = frames.at(-1)?.data ?? '';
  const chunks = frames.slice(0, -1).map((f) => {
    const { id, object, created, model, ...rest } = JSON.parse(f.data) as Record<string, unknown>;
    expect([id, object, typeof created, model]).toEqual(['chatcmpl-1', 'chat.completion.chunk', 'number', 'gpt-oss:20b']);
    return rest;
  });
  return { chunks, last };
}

const choice = (delta: unknown, finish: string | null = null): unknown => ({ choices: [{ index: 0, delta, finish_reason: finish }] });

describe('POST /v1/chat/completions', () => {
  it('renders a Responses-style message turn with reasoning as chat chunks, usage and [DONE]', async () => {
    server.queueChat(
      turn.of([reasoning({ summary: 'thinking', content: 'raw thoughts' }), assistantMessage('Hi there', { deltas: ['Hi', ' there'] })], {
        usage: { input_tokens: 7, cached_tokens: 2, output_tokens: 4, reasoning_tokens: 1 },
      }),
    );
    const res = await postJson(`${server.baseUrl}/chat/completions`, { model: 'gpt-oss:20b', messages: [], stream: true, stream_options: { include_usage: true } });
    expect(res.headers.get('content-type')).toBe('text/event-stream');
    expect(await readChat(res)).toEqual({
      chunks: [
        choice({ role: 'assistant', content: '' }),
        choice({ reasoning: 'raw thoughts' }),
        choice({ content: 'Hi' }),
        choice({ content: ' there' }),
        choice({}, 'stop'),
        {
          choices: [],
          usage: {
            prompt_tokens: 7,
            completion_tokens: 4,
            total_tokens: 11,
            prompt_tokens_details: { cached_tokens: 2 },
            completion_tokens_details: { reasoning_tokens: 1 },
          },
        },
      ],
      last: '[DONE]',
    });
  });

  it('renders tool calls as indexed tool_calls deltas with finish_reason tool_calls, and no usage unless asked', async () => {
    server.queue(
      turn.toolCalls([
        shellCall(['bash', '-lc', 'ls'], { call_id: 'call_a', workdir: '/tmp' }),
        applyPatchCall('*** Begin Patch\n*** End Patch\n', { call_id: 'call_b' }),
        localShellCall({ command: ['pwd'], call_id: 'call_c', timeout_ms: 500 }),
      ]),
    );
    const res = await postJson(`${server.baseUrl}/chat/completions`, { model: 'gpt-oss:20b', messages: [] });
    const header = (index: number, id: string, name: string): unknown =>
      choice({ tool_calls: [{ index, id, type: 'function', function: { name, arguments: '' } }] });
    const args = (index: number, value: unknown): unknown => choice({ tool_calls: [{ index, function: { arguments: JSON.stringify(value) } }] });
    expect(await readChat(res)).toEqual({
      chunks: [
        choice({ role: 'assistant', content: '' }),
        header(0, 'call_a', 'shell'),
        args(0, { command: ['bash', '-lc', 'ls'], workdir: '/tmp' }),
        header(1, 'call_b', 'apply_patch'),
        args(1, { input: '*** Begin Patch\n*** End Patch\n' }),
        header(2, 'call_c', 'shell'),
        args(2, { command: ['pwd'], timeout_ms: 500 }),
        // No usage chunk: the request did not ask for one (stream_options.include_usage).
        choice({}, 'tool_calls'),
      ],
      last: '[DONE]',
    });
  });

  it('sends raw chat chunks verbatim and applies faults on the chat wire', async () => {
    server.queueChat(
      { chatChunks: [{ custom: true }, '[DONE]'] },
      { fault: 'status', status: 503, retryAfter: 1 },
      { fault: 'cut', after: 2, events: turn.message('cut me') },
    );
    const url = `${server.baseUrl}/chat/completions`;
    expect((await readSse(await postJson(url, {}))).frames).toEqual([{ data: '{"custom":true}' }, { data: '[DONE]' }]);
    const r503 = await postJson(url, {});
    expect([r503.status, r503.headers.get('retry-after')]).toEqual([503, '1']);
    await r503.body?.cancel();
    const cut = await readSse(await postJson(url, {}));
    expect([cut.frames.length, cut.error instanceof Error]).toEqual([2, true]);
    expect(server.chatRequests()).toHaveLength(3);
  });

  it('turns response.failed into an error frame without [DONE]', async () => {
    server.queueChat({ events: [{ type: 'response.failed', response: { error: { code: 'server_error', message: 'boom' } } }] });
    const { frames } = await readSse(await postJson(`${server.baseUrl}/chat/completions`, { model: 'gpt-oss:20b' }));
    expect(frames.map((f) => JSON.parse(f.data) as unknown).at(-1)).toEqual({ error: { message: 'boom', type: 'server_error', code: 'server_error' } });
    expect(frames).toHaveLength(2);
  });

  it('the responses queue and the chat queue are separate; the shared queue feeds both', async () => {
    server.queueResponses(turn.message('r'));
    server.queue(turn.message('shared'));
    const chat = await postJson(`${server.baseUrl}/chat/completions`, {});
    const contents = (await readSse(chat)).frames
      .filter((f) => f.data !== '[DONE]')
      .map((f) => (JSON.parse(f.data) as { choices: Array<{ delta: { content?: string } }> }).choices[0]?.delta.content)
      .filter((c) => c);
    expect(contents).toEqual(['shared']);
    expect(server.pending()).toEqual({ responses: 1, chat: 0, shared: 0 });
  });
});

describe('models and Ollama endpoints', () => {
  it('GET /v1/models lists the scripted model ids', async () => {
    const res = await fetch(`${server.baseUrl}/models`);
    expect(await res.json()).toEqual({
      object: 'list',
      data: [
        { id: 'gpt-oss:20b', object: 'model', created: 1_754_000_000, owned_by: 'codex-ts-scripted' },
        { id: 'gpt-5-codex', object: 'model', created: 1_754_000_000, owned_by: 'codex-ts-scripted' },
      ],
    });
    expect(server.requestsOf('models')).toHaveLength(1);
  });

  it('GET /api/version and /api/tags', async () => {
    expect(await (await fetch(`${server.url}/api/version`)).json()).toEqual({ version: '0.12.3' });
    const tags = (await (await fetch(`${server.url}/api/tags`)).json()) as { models: Array<Record<string, unknown>> };
    expect(tags.models.map((m) => [m['name'], m['model']])).toEqual([
      ['gpt-oss:20b', 'gpt-oss:20b'],
      ['gpt-5-codex', 'gpt-5-codex'],
    ]);
    expect(tags.models[0]).toEqual({
      name: 'gpt-oss:20b',
      model: 'gpt-oss:20b',
      modified_at: '2025-08-05T12:00:00.000000000Z',
      size: 13_780_173_839,
      digest: expect.stringMatching(/^[0-9a-f]{64}$/),
      details: { parent_model: '', format: 'gguf', family: 'scripted', families: ['scripted'], parameter_size: '20.9B', quantization_level: 'MXFP4' },
    });
  });

  it('POST /api/pull streams NDJSON progress and then lists the model', async () => {
    const res = await postJson(`${server.url}/api/pull`, { model: 'qwen3:0.6b', stream: true });
    expect(res.headers.get('content-type')).toBe('application/x-ndjson');
    const lines = (await readText(res)).text.trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    const digests = [...new Set(lines.map((l) => l['digest']).filter((d) => d))] as string[];
    expect(digests).toHaveLength(2);
    const [d0, d1] = digests as [string, string];
    const s0 = `pulling ${d0.slice(7, 19)}`;
    const s1 = `pulling ${d1.slice(7, 19)}`;
    expect(lines).toEqual([
      { status: 'pulling manifest' },
      { status: s0, digest: d0, total: 1_000_000 },
      { status: s0, digest: d0, total: 1_000_000, completed: 500_000 },
      { status: s0, digest: d0, total: 1_000_000, completed: 1_000_000 },
      { status: s1, digest: d1, total: 4096 },
      { status: s1, digest: d1, total: 4096, completed: 2048 },
      { status: s1, digest: d1, total: 4096, completed: 4096 },
      { status: 'verifying sha256 digest' },
      { status: 'writing manifest' },
      { status: 'success' },
    ]);
    expect(server.models).toEqual(['gpt-oss:20b', 'gpt-5-codex', 'qwen3:0.6b']);
  });

  it('POST /api/pull follows scripted lines and faults', async () => {
    server.queuePull([{ status: 'pulling manifest' }, { error: 'pull model manifest: file does not exist' }], { fault: 'status', status: 500 }, { fault: 'cut', after: 1 });
    const url = `${server.url}/api/pull`;
    expect((await readText(await postJson(url, { model: 'nope' }))).text).toBe(
      '{"status":"pulling manifest"}\n{"error":"pull model manifest: file does not exist"}\n',
    );
    expect((await postJson(url, { model: 'x' })).status).toBe(500);
    const cut = await readText(await postJson(url, { model: 'y' }));
    expect([cut.text, cut.error instanceof Error]).toEqual(['{"status":"pulling manifest"}\n', true]);
    expect(server.models).toEqual(['gpt-oss:20b', 'gpt-5-codex']);
  });

  it('POST /api/pull with stream:false answers one JSON object', async () => {
    const res = await postJson(`${server.url}/api/pull`, { model: 'tiny', stream: false });
    expect([res.status, await res.json()]).toEqual([200, { status: 'success' }]);
  });

  it('an unknown endpoint is a 404 and a recorded problem', async () => {
    const res = await fetch(`${server.url}/v2/whatever`);
    expect(res.status).toBe(404);
    await res.body?.cancel();
    expect(server.problems).toEqual([
      { kind: 'unsupported', requestIndex: 0, message: 'scripted model server: no endpoint for GET /v2/whatever' },
    ]);
  });
});

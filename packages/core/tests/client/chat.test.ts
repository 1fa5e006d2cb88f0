// The Chat Completions wire: request conversion and delta aggregation into the same
// ResponseEvents the Responses wire yields.
import { customToolCall, reasoning, turn, type ScriptedModelServer } from '@codex-ts/test-support';
import { describe, expect, it } from 'vitest';
import { collect, collectError, makeClient, prompt, stableHeaders, useSharedServer } from './helpers.js';

let server: ScriptedModelServer;
useSharedServer((s) => (server = s));

const chat = { provider: { wire_api: 'chat' as const } };
const usage = { input_tokens: 9, cached_tokens: 2, output_tokens: 5, reasoning_tokens: 1, total_tokens: 14 };
const tokenUsage = { input_tokens: 9, cached_input_tokens: 2, output_tokens: 5, reasoning_output_tokens: 1, total_tokens: 14 };

describe('Chat wire: stream aggregation', () => {
  it('text deltas become one assistant message, with usage', async () => {
    server.queueChat(turn.message('Hello world', { deltas: ['Hel', 'lo', ' world'], usage }));
    const { client } = makeClient(server, chat);
    expect(await collect(client.stream(prompt()))).toEqual([
      { type: 'created' },
      { type: 'output_item_added', item: { type: 'message', role: 'assistant', content: [] } },
      { type: 'output_text_delta', delta: 'Hel' },
      { type: 'output_text_delta', delta: 'lo' },
      { type: 'output_text_delta', delta: ' world' },
      { type: 'output_item_done', item: { type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'Hello world' }] } },
      { type: 'completed', response_id: expect.stringMatching(/^chatcmpl-/), token_usage: tokenUsage },
    ]);
  });

  it('parallel tool calls, reasoning and a freeform call come back as items', async () => {
    server.queueChat(
      turn.of([
        reasoning({ summary: 'plan', content: 'thinking hard' }),
        turn.toolCalls([
          { name: 'shell', arguments: { command: ['ls'] }, call_id: 'call_a' },
          { name: 'shell', arguments: { command: ['pwd'] }, call_id: 'call_b' },
        ]).slice(1, -1),
        customToolCall({ name: 'apply_patch', input: '*** Begin Patch\n*** End Patch\n', call_id: 'call_c' }),
      ]),
    );
    const { client } = makeClient(server, chat);
    const tools = [{ type: 'custom', name: 'apply_patch', description: 'Edit files' }];
    const events = await collect(client.stream(prompt({ tools })));
    expect(events).toEqual([
      { type: 'created' },
      { type: 'reasoning_content_delta', delta: 'thinking hard' },
      {
        type: 'output_item_done',
        item: { type: 'reasoning', summary: [], content: [{ type: 'reasoning_text', text: 'thinking hard' }] },
      },
      { type: 'output_item_done', item: { type: 'function_call', name: 'shell', arguments: '{"command":["ls"]}', call_id: 'call_a' } },
      { type: 'output_item_done', item: { type: 'function_call', name: 'shell', arguments: '{"command":["pwd"]}', call_id: 'call_b' } },
      {
        type: 'output_item_done',
        item: { type: 'custom_tool_call', status: 'completed', call_id: 'call_c', name: 'apply_patch', input: '*** Begin Patch\n*** End Patch\n' },
      },
      { type: 'completed', response_id: expect.stringMatching(/^chatcmpl-/), token_usage: expect.any(Object) },
    ]);
  });

  it('interleaved tool_call argument deltas are joined by index', async () => {
    const env = { id: 'chatcmpl-1', object: 'chat.completion.chunk', created: 1, model: 'm' };
    const c = (delta: unknown, finish: string | null = null) => ({ ...env, choices: [{ index: 0, delta, finish_reason: finish }] });
    server.queueChat({
      chatChunks: [
        c({ role: 'assistant', content: null }),
        c({ tool_calls: [{ index: 1, id: 'call_2', type: 'function', function: { name: 'shell', arguments: '' } }] }),
        c({ tool_calls: [{ index: 0, id: 'call_1', type: 'function', function: { name: 'read', arguments: '{"pa' } }] }),
        c({ tool_calls: [{ index: 1, function: { arguments: '{"command":' } }] }),
        c({ tool_calls: [{ index: 0, function: { arguments: 'th":"a"}' } }] }),
        c({ tool_calls: [{ index: 1, function: { arguments: '["ls"]}' } }] }),
        c({}, 'tool_calls'),
        '[DONE]',
      ],
    });
    const { client } = makeClient(server, chat);
    const items = (await collect(client.stream(prompt()))).flatMap((e) => (e.type === 'output_item_done' ? [e.item] : []));
    expect(items).toEqual([
      { type: 'function_call', name: 'read', arguments: '{"path":"a"}', call_id: 'call_1' },
      { type: 'function_call', name: 'shell', arguments: '{"command":["ls"]}', call_id: 'call_2' },
    ]);
  });

  it('an error chunk is a response failure, retried', async () => {
    server.queueChat({ chatChunks: [{ error: { message: 'overloaded', type: 'server_error', code: null } }] }, turn.message('ok'));
    const { client, retries } = makeClient(server, chat);
    const events = await collect(client.stream(prompt()));
    expect(events.at(-1)).toMatchObject({ type: 'completed' });
    expect(retries.map((r) => [r.code, r.reason])).toEqual([['response_failed', 'stream disconnected before completion: overloaded']]);
  });

  it('a cut chat stream is retried; a missing [DONE] after finish_reason still completes', async () => {
    const env = { id: 'chatcmpl-2', object: 'chat.completion.chunk', created: 1, model: 'm' };
    server.queueChat(
      { fault: 'cut', after: 2, events: turn.message('partial answer', { deltas: ['partial', ' answer'] }) },
      { chatChunks: [{ ...env, choices: [{ index: 0, delta: { content: 'fine' }, finish_reason: 'stop' }] }] },
    );
    const { client, retries } = makeClient(server, chat);
    const events = await collect(client.stream(prompt()));
    expect(retries.map((r) => r.code)).toEqual(['stream_disconnected']);
    expect(events.slice(-2)).toEqual([
      { type: 'output_item_done', item: { type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'fine' }] } },
      { type: 'completed', response_id: 'chatcmpl-2' },
    ]);
  });

  it('500 then OK on the chat wire', async () => {
    server.queueChat({ fault: 'status', status: 500 }, turn.message('ok'));
    const { client, retries } = makeClient(server, chat);
    await collect(client.stream(prompt()));
    expect(retries.map((r) => r.phase)).toEqual(['request']);
    expect(server.chatRequests()).toHaveLength(2);
  });
});

describe('Chat wire: request', () => {
  it('converts the history and tools, and sends Codex headers', async () => {
    server.queueChat(turn.message('ok'));
    const { client } = makeClient(server, chat);
    const input = [
      { type: 'message', role: 'developer', content: [{ type: 'input_text', text: 'dev note' }] },
      { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'list files' }, { type: 'input_image', image_url: 'data:image/png;base64,AA' }] },
      { type: 'reasoning', id: 'rs_1', summary: [{ type: 'summary_text', text: 'sum' }], content: [{ type: 'reasoning_text', text: 'why' }] },
      { type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'Let me look.' }] },
      { type: 'function_call', id: 'fc_1', name: 'shell', arguments: '{"command":["ls"]}', call_id: 'call_1' },
      { type: 'function_call', id: 'fc_2', name: 'shell', arguments: '{"command":["pwd"]}', call_id: 'call_2' },
      { type: 'function_call_output', call_id: 'call_1', output: 'a.txt' },
      { type: 'function_call_output', call_id: 'call_2', output: '/ws' },
      { type: 'custom_tool_call', id: 'ctc_1', call_id: 'call_3', name: 'apply_patch', input: 'PATCH' },
      { type: 'custom_tool_call_output', call_id: 'call_3', output: 'Success.' },
      { type: 'web_search_call', status: 'completed', action: { type: 'search', query: 'x' } },
      { type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'Done.' }] },
    ];
    const tools = [
      { type: 'function', name: 'shell', description: 'Runs', strict: false, parameters: { type: 'object', properties: { command: { type: 'array' } } } },
      { type: 'custom', name: 'apply_patch', description: 'Edit files', format: { type: 'grammar', syntax: 'lark', definition: 'x' } },
      { type: 'local_shell' },
      { type: 'web_search' },
    ];
    await collect(client.stream(prompt({ input, tools, parallel_tool_calls: true, reasoning: { effort: 'low' } })));
    const [req] = server.chatRequests();
    expect(req!.path).toBe('/v1/chat/completions');
    expect(req!.json).toEqual({
      model: 'gpt-5-codex',
      messages: [
        { role: 'system', content: 'You are Codex.' },
        { role: 'system', content: 'dev note' },
        {
          role: 'user',
          content: [
            { type: 'text', text: 'list files' },
            { type: 'image_url', image_url: { url: 'data:image/png;base64,AA' } },
          ],
        },
        {
          role: 'assistant',
          content: 'Let me look.',
          reasoning: 'why',
          tool_calls: [
            { id: 'call_1', type: 'function', function: { name: 'shell', arguments: '{"command":["ls"]}' } },
            { id: 'call_2', type: 'function', function: { name: 'shell', arguments: '{"command":["pwd"]}' } },
          ],
        },
        { role: 'tool', tool_call_id: 'call_1', content: 'a.txt' },
        { role: 'tool', tool_call_id: 'call_2', content: '/ws' },
        {
          role: 'assistant',
          content: null,
          tool_calls: [{ id: 'call_3', type: 'function', function: { name: 'apply_patch', arguments: '{"input":"PATCH"}' } }],
        },
        { role: 'tool', tool_call_id: 'call_3', content: 'Success.' },
        { role: 'assistant', content: 'Done.' },
      ],
      stream: true,
      stream_options: { include_usage: true },
      tools: [
        {
          type: 'function',
          function: { name: 'shell', description: 'Runs', strict: false, parameters: { type: 'object', properties: { command: { type: 'array' } } } },
        },
        {
          type: 'function',
          function: {
            name: 'apply_patch',
            description: 'Edit files',
            strict: false,
            parameters: {
              type: 'object',
              properties: { input: { type: 'string', description: 'The raw input for apply_patch.' } },
              required: ['input'],
              additionalProperties: false,
            },
          },
        },
      ],
    });
    const h = stableHeaders(req!.headers);
    expect({ accept: h['accept'], auth: h['authorization'], originator: h['originator'], beta: h['openai-beta'], session: h['session_id'] }).toEqual({
      accept: 'text/event-stream',
      auth: 'Bearer sk-test',
      originator: 'codex_exec',
      beta: undefined,
      session: undefined,
    });
  });

  it('output_schema is refused before any request', async () => {
    const { client } = makeClient(server, chat);
    const { error } = await collectError(client.stream(prompt({ output_schema: { type: 'object' } })));
    expect([error.code, error.message]).toEqual(['invalid_request', 'output_schema is not supported for Chat Completions API']);
    expect(server.requests).toHaveLength(0);
  });
});

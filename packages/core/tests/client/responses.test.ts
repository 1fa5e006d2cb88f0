import os from 'node:os';
import { assistantMessage, completed, customToolCall, functionCall, reasoning, responseCreated, turn, type ScriptedModelServer } from '@codex-ts/test-support';
import { describe, expect, it } from 'vitest';
import { collect, makeClient, prompt, stableHeaders, useSharedServer } from './helpers.js';

let server: ScriptedModelServer;
useSharedServer((s) => (server = s));

const usage = { input_tokens: 10, cached_tokens: 4, output_tokens: 7, reasoning_tokens: 3, total_tokens: 17 };

describe('Responses wire: events', () => {
  it('maps text deltas, reasoning, function and custom tool calls, and usage', async () => {
    server.queueResponses(
      turn.of(
        [
          reasoning({ id: 'rs_1', summary: 'thinking', content: 'raw', encrypted_content: 'enc' }),
          assistantMessage('Hello world', { id: 'msg_1', deltas: ['Hello', ' world'] }),
          functionCall({ id: 'fc_1', call_id: 'call_1', name: 'shell', arguments: { command: ['ls'] } }),
          customToolCall({ id: 'ctc_1', call_id: 'call_2', name: 'apply_patch', input: '*** Begin Patch\n*** End Patch\n' }),
        ],
        { id: 'resp_1', usage },
      ),
    );
    const { client, retries } = makeClient(server);
    const events = await collect(client.stream(prompt()));
    const msg = { type: 'message', id: 'msg_1', role: 'assistant' };
    const part = { type: 'output_text', text: 'Hello world', annotations: [] };
    expect(events).toEqual([
      { type: 'created' },
      { type: 'output_item_added', item: { type: 'reasoning', id: 'rs_1', summary: [] } },
      { type: 'reasoning_summary_part_added' },
      { type: 'reasoning_summary_delta', delta: 'thinking' },
      { type: 'reasoning_content_delta', delta: 'raw' },
      {
        type: 'output_item_done',
        item: {
          type: 'reasoning',
          id: 'rs_1',
          summary: [{ type: 'summary_text', text: 'thinking' }],
          content: [{ type: 'reasoning_text', text: 'raw' }],
          encrypted_content: 'enc',
        },
      },
      { type: 'output_item_added', item: { ...msg, status: 'in_progress', content: [] } },
      { type: 'output_text_delta', delta: 'Hello', item_id: 'msg_1' },
      { type: 'output_text_delta', delta: ' world', item_id: 'msg_1' },
      { type: 'output_item_done', item: { ...msg, status: 'completed', content: [part] } },
      {
        type: 'output_item_added',
        item: { type: 'function_call', id: 'fc_1', call_id: 'call_1', name: 'shell', status: 'in_progress', arguments: '' },
      },
      {
        type: 'output_item_done',
        item: {
          type: 'function_call',
          id: 'fc_1',
          call_id: 'call_1',
          name: 'shell',
          status: 'completed',
          arguments: '{"command":["ls"]}',
        },
      },
      {
        type: 'output_item_added',
        item: { type: 'custom_tool_call', id: 'ctc_1', call_id: 'call_2', name: 'apply_patch', status: 'in_progress', input: '' },
      },
      {
        type: 'output_item_done',
        item: {
          type: 'custom_tool_call',
          id: 'ctc_1',
          call_id: 'call_2',
          name: 'apply_patch',
          status: 'completed',
          input: '*** Begin Patch\n*** End Patch\n',
        },
      },
      {
        type: 'completed',
        response_id: 'resp_1',
        token_usage: { input_tokens: 10, cached_input_tokens: 4, output_tokens: 7, reasoning_output_tokens: 3, total_tokens: 17 },
      },
    ]);
    expect(retries).toEqual([]);
    server.assertScriptDone();
  });

  it('emits rate_limits from x-codex headers before the stream', async () => {
    server.queueResponses({
      events: turn.message('ok', { id: 'resp_rl', messageId: 'm' }),
      headers: {
        'x-codex-primary-used-percent': '12.5',
        'x-codex-primary-window-minutes': '300',
        'x-codex-primary-reset-after-seconds': '60',
        'x-codex-secondary-used-percent': '40',
      },
    });
    const { client } = makeClient(server);
    const events = await collect(client.stream(prompt()));
    expect(events[0]).toEqual({
      type: 'rate_limits',
      primary: { used_percent: 12.5, window_minutes: 300, resets_in_seconds: 60 },
      secondary: { used_percent: 40 },
    });
    expect(events.at(-1)).toEqual({ type: 'completed', response_id: 'resp_rl', token_usage: expect.any(Object) });
  });

  it('completed without usage has no token_usage; events after completed are ignored', async () => {
    const done = completed({ id: 'resp_nu' });
    delete (done['response'] as Record<string, unknown>)['usage'];
    server.queueResponses([responseCreated('resp_nu'), done, ...assistantMessage('late', 'm2')]);
    const { client } = makeClient(server);
    expect(await collect(client.stream(prompt()))).toEqual([{ type: 'created' }, { type: 'completed', response_id: 'resp_nu' }]);
  });
});

describe('Responses wire: request', () => {
  it('sends Codex body and headers', async () => {
    server.queueResponses(turn.message('ok'));
    const { client } = makeClient(server);
    const tools = [
      { type: 'function', name: 'shell', description: 'Runs a command', strict: false, parameters: { type: 'object', properties: {} } },
      { type: 'custom', name: 'apply_patch', description: 'Edit files', format: { type: 'grammar', syntax: 'lark', definition: 'start: x' } },
    ];
    await collect(
      client.stream(
        prompt({
          tools,
          parallel_tool_calls: true,
          reasoning: { effort: 'medium', summary: 'auto' },
          verbosity: 'low',
          output_schema: { type: 'object', properties: { a: { type: 'string' } }, required: ['a'], additionalProperties: false },
        }),
      ),
    );
    const [req] = server.responsesRequests();
    expect(req!.path).toBe('/v1/responses');
    expect(req!.json).toEqual({
      model: 'gpt-5-codex',
      instructions: 'You are Codex.',
      input: [{ type: 'message', role: 'user', content: [{ type: 'input_text', text: 'hi' }] }],
      tools,
      tool_choice: 'auto',
      parallel_tool_calls: true,
      reasoning: { effort: 'medium', summary: 'auto' },
      store: false,
      stream: true,
      include: ['reasoning.encrypted_content'],
      prompt_cache_key: 'conv-1',
      text: {
        verbosity: 'low',
        format: {
          type: 'json_schema',
          strict: true,
          schema: { type: 'object', properties: { a: { type: 'string' } }, required: ['a'], additionalProperties: false },
          name: 'codex_output_schema',
        },
      },
    });
    // Key order as Codex serialises it.
    expect(Object.keys(req!.json as object)).toEqual([
      'model', 'instructions', 'input', 'tools', 'tool_choice', 'parallel_tool_calls', 'reasoning',
      'store', 'stream', 'include', 'prompt_cache_key', 'text',
    ]);
    expect(stableHeaders(req!.headers)).toEqual({
      accept: 'text/event-stream',
      authorization: 'Bearer sk-test',
      'content-type': 'application/json',
      conversation_id: 'conv-1',
      'openai-beta': 'responses=experimental',
      originator: 'codex_exec',
      session_id: 'conv-1',
      'user-agent': `codex_exec/0.1.0 (${os.type()} ${os.release()}; ${os.arch()}) unknown`,
    });
  });

  it('without reasoning sends reasoning:null and include:[] and no text', async () => {
    server.queueResponses(turn.message('ok'));
    const { client } = makeClient(server);
    await collect(client.stream(prompt()));
    const body = server.responsesRequests()[0]!.json as Record<string, unknown>;
    expect({ reasoning: body['reasoning'], include: body['include'], hasText: 'text' in body }).toEqual({
      reasoning: null,
      include: [],
      hasText: false,
    });
  });

  it('applies query_params, http_headers, env_http_headers, Azure store:true, no auth header without a key', async () => {
    server.queueResponses(turn.message('ok'));
    const { client } = makeClient(server, {
      auth: undefined,
      env: { ORG: 'org-1', BLANK: ' ', CODEX_INTERNAL_ORIGINATOR_OVERRIDE: 'my_origin', TERM_PROGRAM: 'vscode' },
      provider: {
        name: 'azure',
        query_params: { 'api-version': '2025-04-01-preview' },
        http_headers: { 'x-static': 's' },
        env_http_headers: { 'OpenAI-Organization': 'ORG', 'x-blank': 'BLANK', 'x-unset': 'NOPE' },
      },
    });
    await collect(client.stream(prompt()));
    const [req] = server.responsesRequests();
    expect(req!.query).toEqual({ 'api-version': '2025-04-01-preview' });
    expect((req!.json as Record<string, unknown>)['store']).toBe(true);
    const h = stableHeaders(req!.headers);
    expect({
      auth: h['authorization'],
      stat: h['x-static'],
      org: h['openai-organization'],
      blank: h['x-blank'],
      unset: h['x-unset'],
      originator: h['originator'],
      ua: h['user-agent'],
    }).toEqual({
      auth: undefined,
      stat: 's',
      org: 'org-1',
      blank: undefined,
      unset: undefined,
      originator: 'my_origin',
      ua: `my_origin/0.1.0 (${os.type()} ${os.release()}; ${os.arch()}) vscode`,
    });
  });

  it('sends version for OpenAI-auth providers and chatgpt-account-id in ChatGPT mode', async () => {
    server.queueResponses(turn.message('ok'));
    const { client } = makeClient(server, {
      auth: { token: 'access.jwt', mode: 'chatgpt', accountId: 'acct_9' },
      provider: { requires_openai_auth: true },
    });
    await collect(client.stream(prompt()));
    const h = server.responsesRequests()[0]!.headers;
    expect({ auth: h['authorization'], acct: h['chatgpt-account-id'], version: h['version'] }).toEqual({
      auth: 'Bearer access.jwt',
      acct: 'acct_9',
      version: '0.1.0',
    });
  });
});

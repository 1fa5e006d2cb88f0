import { describe, expect, it } from 'vitest';
import {
  CHAT_STREAM_DONE,
  ChatCompletionChunkSchema,
  ChatCompletionsRequestSchema,
  RESPONSES_SSE_EVENT_TYPES,
  ResponsesApiRequestSchema,
  ResponsesSseEventSchema,
} from '../src/index.js';
import { expectRoundTrip, fixtureJson, fixtureLines, issuesOf } from './helpers.js';

describe('Responses wire', () => {
  it('round-trips the 0.169 request body (developer messages, client_metadata, tool kinds)', () => {
    const body = expectRoundTrip(ResponsesApiRequestSchema, fixtureJson('responses-request-0.169.json'));
    expect(body.tools?.map((tool) => tool.type)).toEqual(['function', 'function', 'custom', 'function', 'tool_search', 'web_search']);
    expect(body.instructions).toBeUndefined();
  });

  it('round-trips the 0.47 request bodies (instructions, output schema, reasoning null)', () => {
    expectRoundTrip(ResponsesApiRequestSchema, fixtureJson('responses-request-0.47.json'));
    const plain = expectRoundTrip(ResponsesApiRequestSchema, fixtureJson('responses-request-0.47-no-reasoning.json'));
    expect(plain.reasoning).toBeNull();
  });

  it('round-trips every SSE event of the fixture streams', () => {
    const events = fixtureLines('responses-sse.jsonl').map((line) => expectRoundTrip(ResponsesSseEventSchema, line));
    const types = new Set(events.map((event) => event.type));
    for (const type of RESPONSES_SSE_EVENT_TYPES) expect(types.has(type)).toBe(true);
    expect(types.has('response.output_text.annotation.added')).toBe(true);
  });

  it('rejects malformed known SSE events with paths', () => {
    expect(issuesOf(ResponsesSseEventSchema, { type: 'response.output_text.delta', delta: 5 })).toEqual([
      { path: ['delta'], code: 'invalid_type' },
    ]);
    expect(
      issuesOf(ResponsesSseEventSchema, {
        type: 'response.completed',
        response: { id: 'r', usage: { input_tokens: 1, output_tokens: 1 } },
      }),
    ).toEqual([{ path: ['response', 'usage', 'total_tokens'], code: 'invalid_type' }]);
    expect(
      issuesOf(ResponsesSseEventSchema, { type: 'response.output_item.done', item: { type: 'function_call', name: 'x', call_id: 'c' } }),
    ).toEqual([{ path: ['item', 'arguments'], code: 'invalid_type' }]);
  });

  it('rejects a request without input', () => {
    expect(issuesOf(ResponsesApiRequestSchema, { model: 'm', stream: true })).toEqual([
      { path: ['input'], code: 'invalid_type' },
    ]);
  });
});

describe('Chat Completions wire', () => {
  it('round-trips a request with tool calls, tool results and reasoning', () => {
    const body = expectRoundTrip(ChatCompletionsRequestSchema, fixtureJson('chat-request.json'));
    expect(body.messages.map((message) => message.role)).toEqual(['system', 'user', 'assistant', 'tool', 'assistant', 'assistant']);
  });

  it('round-trips the stream chunks, including tool_calls deltas', () => {
    const chunks = fixtureLines('chat-chunks.jsonl').map((line) => expectRoundTrip(ChatCompletionChunkSchema, line));
    expect(chunks.map((chunk) => chunk.choices[0]?.finish_reason ?? null)).toEqual([
      null,
      null,
      null,
      null,
      null,
      'tool_calls',
      null,
      'stop',
    ]);
    expect(chunks[4]?.choices[0]?.delta.tool_calls).toEqual([{ index: 0, function: { arguments: '{"command":["ls"]}' } }]);
    expect(CHAT_STREAM_DONE).toBe('[DONE]');
  });

  it('rejects a wrong role and a wrong delta type with paths', () => {
    expect(issuesOf(ChatCompletionsRequestSchema, { model: 'm', stream: true, messages: [{ role: 'robot', content: 'x' }] })).toEqual([
      { path: ['messages', 0, 'role'], code: 'invalid_union' },
    ]);
    expect(issuesOf(ChatCompletionChunkSchema, { choices: [{ delta: { content: 3 } }] })).toEqual([
      { path: ['choices', 0, 'delta', 'content'], code: 'invalid_type' },
    ]);
  });
});

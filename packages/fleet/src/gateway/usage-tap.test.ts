import { describe, expect, it } from 'vitest';
import { normaliseUsage, UsageTap } from './usage-tap.js';

function feed(tap: UsageTap, text: string, pieces: number): void {
  const buf = Buffer.from(text);
  const step = Math.max(1, Math.ceil(buf.length / pieces));
  for (let i = 0; i < buf.length; i += step) tap.write(buf.subarray(i, i + step));
}

describe('UsageTap', () => {
  const completed = {
    type: 'response.completed',
    response: {
      id: 'resp_1',
      usage: { input_tokens: 120, input_tokens_details: { cached_tokens: 20 }, output_tokens: 30, output_tokens_details: { reasoning_tokens: 5 }, total_tokens: 150 },
    },
  };
  const responses =
    `event: response.created\ndata: {"type":"response.created","response":{"id":"resp_1"}}\n\n` +
    `event: response.output_text.delta\ndata: {"type":"response.output_text.delta","delta":"say \\"usage\\": 1"}\n\n` +
    `event: response.completed\ndata: ${JSON.stringify(completed)}\n\n`;

  it('reads response.completed usage from Responses SSE split at any byte', () => {
    for (const pieces of [1, 7, 1000]) {
      const tap = new UsageTap('text/event-stream; charset=utf-8');
      feed(tap, responses, pieces);
      expect(tap.result()).toEqual({ input_tokens: 120, cached_input_tokens: 20, output_tokens: 30, reasoning_output_tokens: 5, total_tokens: 150 });
    }
  });

  it('reads the Chat usage chunk (CRLF lines too)', () => {
    const chat =
      'data: {"id":"c1","choices":[{"index":0,"delta":{"content":"hi"}}]}\r\n\r\n' +
      'data: {"id":"c1","choices":[],"usage":{"prompt_tokens":11,"completion_tokens":4,"total_tokens":15,"prompt_tokens_details":{"cached_tokens":3},"completion_tokens_details":{"reasoning_tokens":1}}}\r\n\r\n' +
      'data: [DONE]\r\n\r\n';
    const tap = new UsageTap('text/event-stream');
    feed(tap, chat, 13);
    expect(tap.result()).toEqual({ input_tokens: 11, cached_input_tokens: 3, output_tokens: 4, reasoning_output_tokens: 1, total_tokens: 15 });
  });

  it('reads a JSON body usage and ignores streams without usage or malformed lines', () => {
    const json = new UsageTap('application/json');
    feed(json, JSON.stringify({ output: [], usage: { input_tokens: 2, output_tokens: 3 } }), 3);
    expect(json.result()).toEqual({ input_tokens: 2, cached_input_tokens: 0, output_tokens: 3, reasoning_output_tokens: 0, total_tokens: 5 });
    const none = new UsageTap('text/event-stream');
    feed(none, 'data: {not json "usage"\n\ndata: {"type":"response.created"}\n\n', 2);
    expect(none.result()).toBeUndefined();
    expect(new UsageTap('text/plain').result()).toBeUndefined();
  });

  it('normalises hostile numbers to zero', () => {
    expect(normaliseUsage({ input_tokens: -4, output_tokens: 'x', total_tokens: 1.7 })).toEqual({
      input_tokens: 0,
      cached_input_tokens: 0,
      output_tokens: 0,
      reasoning_output_tokens: 0,
      total_tokens: 1,
    });
    expect(normaliseUsage(null)).toBeUndefined();
  });
});

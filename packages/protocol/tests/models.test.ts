import { describe, expect, it } from 'vitest';
import { isKnownResponseItem, RESPONSE_ITEM_TYPES, ResponseItemSchema } from '../src/index.js';
import { expectRoundTrip, fixtureLines, issuesOf } from './helpers.js';

describe('ResponseItem', () => {
  it('round-trips the 0.47 item shapes (every known type, plus an unknown one)', () => {
    const items = fixtureLines('response-items-0.47.jsonl').map((line) => expectRoundTrip(ResponseItemSchema, line));
    const known = new Set(items.filter(isKnownResponseItem).map((item) => item.type));
    expect(known).toEqual(new Set(RESPONSE_ITEM_TYPES));
    expect(items.filter((item) => !isKnownResponseItem(item)).map((item) => item.type)).toEqual(['ghost_snapshot']);
  });

  it('round-trips the items 0.169 sent back in requests 2 and 3, verbatim', () => {
    const items = fixtureLines('response-items-0.169.jsonl').map((line) => expectRoundTrip(ResponseItemSchema, line));
    expect(items.map((item) => item.type)).toEqual([
      'function_call',
      'function_call_output',
      'custom_tool_call',
      'custom_tool_call_output',
      'function_call_output',
      'function_call_output',
      'function_call_output',
      'additional_tools',
    ]);
  });

  it('keeps function_call_output.output a bare string', () => {
    expect(ResponseItemSchema.parse({ type: 'function_call_output', call_id: 'c', output: 'ok' })).toEqual({
      type: 'function_call_output',
      call_id: 'c',
      output: 'ok',
    });
  });

  it('rejects wrong field types of known items with paths', () => {
    expect(issuesOf(ResponseItemSchema, { type: 'function_call', name: 'shell', arguments: { cmd: 'ls' }, call_id: 'c' })).toEqual([
      { path: ['arguments'], code: 'invalid_type' },
    ]);
    expect(
      issuesOf(ResponseItemSchema, { type: 'message', role: 'user', content: [{ type: 'input_txt', text: 'x' }] }),
    ).toEqual([{ path: ['content', 0, 'type'], code: 'invalid_union' }]);
    expect(issuesOf(ResponseItemSchema, { type: 'function_call_output', call_id: 'c', output: { content: 'x', success: true } })).toEqual([
      { path: ['output'], code: 'invalid_union' },
    ]);
    expect(issuesOf(ResponseItemSchema, { type: 7 })).toEqual([{ path: ['type'], code: 'invalid_type' }]);
    expect(issuesOf(ResponseItemSchema, 'message')).toEqual([{ path: [], code: 'invalid_type' }]);
  });
});

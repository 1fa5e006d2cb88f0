import { beforeEach, describe, expect, it } from 'vitest';
import {
  completed,
  customToolCall,
  failed,
  finalizeResponseEvents,
  functionCall,
  incomplete,
  localShellCall,
  normalizeTurn,
  outputItemAdded,
  outputItemDone,
  outputTextDelta,
  reasoning,
  resetIds,
  responseCreated,
  toChatChunks,
  turn,
  usage,
} from '../src/index.js';

beforeEach(() => resetIds());

describe('item builders', () => {
  it('functionCall: added, arguments delta/done, done; object arguments are JSON-encoded', () => {
    expect(functionCall({ name: 'shell', arguments: { command: ['ls'] }, call_id: 'call_x' })).toEqual([
      { type: 'response.output_item.added', item: { type: 'function_call', id: 'fc_1', call_id: 'call_x', name: 'shell', status: 'in_progress', arguments: '' } },
      { type: 'response.function_call_arguments.delta', item_id: 'fc_1', delta: '{"command":["ls"]}' },
      { type: 'response.function_call_arguments.done', item_id: 'fc_1', arguments: '{"command":["ls"]}' },
      { type: 'response.output_item.done', item: { type: 'function_call', id: 'fc_1', call_id: 'call_x', name: 'shell', status: 'completed', arguments: '{"command":["ls"]}' } },
    ]);
  });

  it('customToolCall: freeform input deltas; ids and call ids are generated when absent', () => {
    expect(customToolCall({ name: 'apply_patch', input: '*** Begin Patch\n*** End Patch' })).toEqual([
      { type: 'response.output_item.added', item: { type: 'custom_tool_call', id: 'ctc_1', call_id: 'call_1', name: 'apply_patch', status: 'in_progress', input: '' } },
      { type: 'response.custom_tool_call_input.delta', item_id: 'ctc_1', delta: '*** Begin Patch\n*** End Patch' },
      { type: 'response.custom_tool_call_input.done', item_id: 'ctc_1', input: '*** Begin Patch\n*** End Patch' },
      { type: 'response.output_item.done', item: { type: 'custom_tool_call', id: 'ctc_1', call_id: 'call_1', name: 'apply_patch', status: 'completed', input: '*** Begin Patch\n*** End Patch' } },
    ]);
  });

  it('localShellCall: exec action with optional fields', () => {
    const action = { type: 'exec', command: ['ls', '-l'], timeout_ms: 1000, working_directory: '/w', env: { A: '1' }, user: 'me' };
    expect(localShellCall({ command: ['ls', '-l'], call_id: 'c', id: 'lsh_a', timeout_ms: 1000, working_directory: '/w', env: { A: '1' }, user: 'me' })).toEqual([
      { type: 'response.output_item.added', item: { type: 'local_shell_call', id: 'lsh_a', call_id: 'c', action, status: 'in_progress' } },
      { type: 'response.output_item.done', item: { type: 'local_shell_call', id: 'lsh_a', call_id: 'c', action, status: 'completed' } },
    ]);
  });

  it('reasoning: summary parts with deltas, raw content deltas, encrypted content', () => {
    expect(reasoning({ summary: ['first', 'second'], content: 'raw', encrypted_content: 'gAAA', id: 'rs_a' })).toEqual([
      { type: 'response.output_item.added', item: { type: 'reasoning', id: 'rs_a', summary: [] } },
      { type: 'response.reasoning_summary_part.added', item_id: 'rs_a', summary_index: 0, part: { type: 'summary_text', text: '' } },
      { type: 'response.reasoning_summary_text.delta', item_id: 'rs_a', summary_index: 0, delta: 'first' },
      { type: 'response.reasoning_summary_text.done', item_id: 'rs_a', summary_index: 0, text: 'first' },
      { type: 'response.reasoning_summary_part.done', item_id: 'rs_a', summary_index: 0, part: { type: 'summary_text', text: 'first' } },
      { type: 'response.reasoning_summary_part.added', item_id: 'rs_a', summary_index: 1, part: { type: 'summary_text', text: '' } },
      { type: 'response.reasoning_summary_text.delta', item_id: 'rs_a', summary_index: 1, delta: 'second' },
      { type: 'response.reasoning_summary_text.done', item_id: 'rs_a', summary_index: 1, text: 'second' },
      { type: 'response.reasoning_summary_part.done', item_id: 'rs_a', summary_index: 1, part: { type: 'summary_text', text: 'second' } },
      { type: 'response.reasoning_text.delta', item_id: 'rs_a', content_index: 0, delta: 'raw' },
      { type: 'response.reasoning_text.done', item_id: 'rs_a', content_index: 0, text: 'raw' },
      {
        type: 'response.output_item.done',
        item: {
          type: 'reasoning',
          id: 'rs_a',
          summary: [{ type: 'summary_text', text: 'first' }, { type: 'summary_text', text: 'second' }],
          content: [{ type: 'reasoning_text', text: 'raw' }],
          encrypted_content: 'gAAA',
        },
      },
    ]);
  });

  it('single-event builders', () => {
    const item = { type: 'message', id: 'm' };
    expect([outputItemAdded(item), outputItemDone(item), outputTextDelta('x'), outputTextDelta('y', 'm')]).toEqual([
      { type: 'response.output_item.added', item },
      { type: 'response.output_item.done', item },
      { type: 'response.output_text.delta', content_index: 0, delta: 'x', logprobs: [] },
      { type: 'response.output_text.delta', content_index: 0, delta: 'y', logprobs: [], item_id: 'm' },
    ]);
  });
});

describe('response builders', () => {
  it('created, completed with usage, failed, incomplete', () => {
    expect(responseCreated('resp_a')).toEqual({ type: 'response.created', response: { object: 'response', status: 'in_progress', output: [], id: 'resp_a' } });
    expect(completed({ id: 'resp_a', usage: { input_tokens: 10, cached_tokens: 4, output_tokens: 6, reasoning_tokens: 2 } })).toEqual({
      type: 'response.completed',
      response: {
        object: 'response',
        status: 'completed',
        id: 'resp_a',
        usage: { input_tokens: 10, input_tokens_details: { cached_tokens: 4 }, output_tokens: 6, output_tokens_details: { reasoning_tokens: 2 }, total_tokens: 16 },
      },
    });
    expect(failed({ code: 'context_length_exceeded', message: 'too long' })).toEqual({
      type: 'response.failed',
      response: { object: 'response', status: 'failed', error: { code: 'context_length_exceeded', message: 'too long' }, output: [], usage: null },
    });
    expect(incomplete('content_filter', 'resp_b')).toEqual({
      type: 'response.incomplete',
      response: { object: 'response', status: 'incomplete', incomplete_details: { reason: 'content_filter' }, output: [], id: 'resp_b' },
    });
    expect(usage({ input_tokens_details: { cached_tokens: 1 }, total_tokens: 99 })).toEqual({
      input_tokens: 0,
      input_tokens_details: { cached_tokens: 1 },
      output_tokens: 0,
      output_tokens_details: { reasoning_tokens: 0 },
      total_tokens: 99,
    });
  });
});

describe('finalizeResponseEvents', () => {
  it('stamps output_index per item, item_id for loose deltas, sequence numbers and completed.output', () => {
    const events = turn.toolCalls([{ name: 'a', arguments: '{}', call_id: 'c1' }, { name: 'b', arguments: '{}', call_id: 'c2' }], { id: 'resp_z' });
    const wire = finalizeResponseEvents([...events.slice(0, -1), outputTextDelta('loose'), events.at(-1)!], { responseId: 'ignored', model: 'm', createdAt: 5 });
    expect(wire.map((e) => [e.type, e['output_index'], e['item_id'], e['sequence_number']])).toEqual([
      ['response.created', undefined, undefined, 0],
      ['response.output_item.added', 0, undefined, 1],
      ['response.function_call_arguments.delta', 0, 'fc_1', 2],
      ['response.function_call_arguments.done', 0, 'fc_1', 3],
      ['response.output_item.done', 0, undefined, 4],
      ['response.output_item.added', 1, undefined, 5],
      ['response.function_call_arguments.delta', 1, 'fc_2', 6],
      ['response.function_call_arguments.done', 1, 'fc_2', 7],
      ['response.output_item.done', 1, undefined, 8],
      ['response.output_text.delta', 1, 'fc_2', 9],
      ['response.completed', undefined, undefined, 10],
    ]);
    const response = wire.at(-1)?.['response'] as Record<string, unknown>;
    expect([response['id'], response['model'], response['created_at'], response['output']]).toEqual([
      'resp_z',
      'm',
      5,
      [wire[4]?.['item'], wire[8]?.['item']],
    ]);
    expect(events[0]).toEqual(responseCreated('resp_z'));
  });
});

describe('turn helpers and chat conversion', () => {
  it('turn.shell / turn.applyPatch function variant / turn.message deltas', () => {
    const done = (events: ReturnType<typeof turn.message>): unknown[] =>
      events.filter((e) => e.type === 'response.output_item.done').map((e) => e['item']);
    expect(done(turn.shell(['ls'], { call_id: 'c', timeout_ms: 100, workdir: '/w' }))).toEqual([
      { type: 'function_call', id: 'fc_1', call_id: 'c', name: 'shell', status: 'completed', arguments: '{"command":["ls"],"workdir":"/w","timeout_ms":100}' },
    ]);
    expect(done(turn.applyPatch('P', { call_id: 'd', variant: 'function' }))).toEqual([
      { type: 'function_call', id: 'fc_2', call_id: 'd', name: 'apply_patch', status: 'completed', arguments: '{"input":"P"}' },
    ]);
    const message = turn.message('ab', { deltas: ['a', 'b'], messageId: 'mm' });
    expect(message.filter((e) => e.type === 'response.output_text.delta').map((e) => e['delta'])).toEqual(['a', 'b']);
    expect([message[0]?.type, message.at(-1)?.type]).toEqual(['response.created', 'response.completed']);
  });

  it('toChatChunks maps incomplete to finish_reason length and stops without [DONE] when not completed', () => {
    const env = { id: 'chatcmpl-x', object: 'chat.completion.chunk', created: 1, model: 'm' };
    expect(toChatChunks([responseCreated(), incomplete()], { id: 'chatcmpl-x', created: 1, model: 'm' })).toEqual([
      { ...env, choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }] },
      { ...env, choices: [{ index: 0, delta: {}, finish_reason: 'length' }] },
      '[DONE]',
    ]);
    expect(toChatChunks([responseCreated(), outputTextDelta('half')], { id: 'chatcmpl-x', created: 1, model: 'm' })).toEqual([
      { ...env, choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }] },
      { ...env, choices: [{ index: 0, delta: { content: 'half' }, finish_reason: null }] },
    ]);
  });

  it('normalizeTurn accepts event lists, faults with events and full turns; rejects unknown faults', () => {
    const events = [responseCreated()];
    expect(normalizeTurn(events)).toEqual({ events });
    expect(normalizeTurn({ fault: 'cut', after: 1, events, eventDelayMs: 3 })).toEqual({ fault: { fault: 'cut', after: 1 }, events, eventDelayMs: 3 });
    expect(normalizeTurn({ events, fault: { fault: 'stall', ms: 5 } })).toEqual({ events, fault: { fault: 'stall', ms: 5 } });
    expect(() => normalizeTurn({ fault: 'explode' } as never)).toThrow('unknown fault kind "explode"');
  });
});

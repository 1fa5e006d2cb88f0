import { describe, expect, it } from 'vitest';
import { THREAD_EVENT_TYPES, ThreadEventSchema } from '../src/index.js';
import { expectRoundTrip, fixtureLines, issuesOf } from './helpers.js';

describe('exec --json ThreadEvent', () => {
  it('round-trips every line of the captured 0.169 3-turn session', () => {
    const lines = fixtureLines('exec-json-0.169-session.jsonl');
    expect(lines).toHaveLength(8);
    const types = lines.map((line) => expectRoundTrip(ThreadEventSchema, line).type);
    expect(types).toEqual([
      'thread.started',
      'turn.started',
      'item.started',
      'item.completed',
      'item.started',
      'item.completed',
      'item.completed',
      'turn.completed',
    ]);
  });

  it('round-trips the rust-v0.47 shapes', () => {
    const lines = fixtureLines('exec-json-0.47.jsonl');
    const types = new Set(lines.map((line) => expectRoundTrip(ThreadEventSchema, line).type));
    expect([...types].sort()).toEqual([...THREAD_EVENT_TYPES].sort());
  });

  it('round-trips the other current shapes seen (error, turn.failed, error item, failed patch)', () => {
    for (const line of fixtureLines('exec-json-0.169-other.jsonl')) expectRoundTrip(ThreadEventSchema, line);
  });

  it('keeps an unknown item type verbatim', () => {
    const line = {
      type: 'item.completed',
      item: { id: 'item_9', type: 'collab_tool_call', tool: 'spawn', receiver_thread_ids: ['t1'] },
    };
    expect(expectRoundTrip(ThreadEventSchema, line)).toEqual(line);
  });

  it('rejects a wrong discriminator and wrong field types with paths', () => {
    expect(issuesOf(ThreadEventSchema, { type: 'turn.exploded' })).toEqual([
      { path: ['type'], code: 'invalid_union' },
    ]);
    expect(
      issuesOf(ThreadEventSchema, {
        type: 'item.completed',
        item: { id: 'item_0', type: 'command_execution', command: ['ls'], aggregated_output: '', status: 'completed' },
      }),
    ).toEqual([{ path: ['item', 'command'], code: 'invalid_type' }]);
    expect(
      issuesOf(ThreadEventSchema, { type: 'turn.completed', usage: { input_tokens: '1', cached_input_tokens: 0, output_tokens: 0 } }),
    ).toEqual([{ path: ['usage', 'input_tokens'], code: 'invalid_type' }]);
    expect(
      issuesOf(ThreadEventSchema, {
        type: 'item.completed',
        item: { id: 'item_0', type: 'file_change', changes: [{ path: 'a', kind: 'rename' }], status: 'completed' },
      }),
    ).toEqual([{ path: ['item', 'changes', 0, 'kind'], code: 'invalid_value' }]);
  });
});

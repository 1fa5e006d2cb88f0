import { describe, expect, it } from 'vitest';
import { contextItems, rebuildHistory, selectUserMessages, userMessages } from './rebuild.js';
import { SUMMARY_PREFIX } from './prompt.js';

const msg = (role: string, text: string) => ({ type: 'message', role, content: [{ type: role === 'assistant' ? 'output_text' : 'input_text', text }] });

describe('rebuildHistory', () => {
  const history = [
    msg('developer', 'dev rules'),
    msg('user', '<user_instructions>\n\nbe brief\n\n</user_instructions>'),
    msg('user', '<environment_context>\n  <cwd>/a</cwd>\n</environment_context>'),
    msg('user', 'GOAL: do the thing'),
    msg('assistant', 'working'),
    { type: 'function_call', call_id: 'c1', name: 'shell', arguments: '{}' },
    { type: 'function_call_output', call_id: 'c1', output: 'ok' },
    msg('user', `${SUMMARY_PREFIX}old summary`),
    msg('user', '<environment_context>\n  <cwd>/b</cwd>\n</environment_context>'),
    msg('user', 'now do step two'),
  ];

  it('keeps context blocks once (newest environment), the user prompts and the new summary', () => {
    expect(contextItems(history)).toEqual([history[0], history[1], history[8]]);
    expect(userMessages(history)).toEqual(['GOAL: do the thing', 'now do step two']);
    expect(rebuildHistory(history, 'SUM')).toEqual([history[0], history[1], history[8], msg('user', 'GOAL: do the thing'), msg('user', 'now do step two'), msg('user', `${SUMMARY_PREFIX}SUM`)]);
  });

  it('always keeps the goal, then the newest prompts that fit the budget', () => {
    const msgs = ['GOAL', ...Array.from({ length: 50 }, (_, i) => `m${i} ${'x'.repeat(36)}`)];
    const kept = selectUserMessages(msgs, 150);
    expect(kept[0]).toBe('GOAL');
    expect(kept.length).toBeGreaterThan(2);
    expect(kept.length).toBeLessThan(10);
    expect(kept.slice(2)).toEqual(msgs.slice(-(kept.length - 2)));
    // The oldest kept prompt is whole or clipped to what was left of the budget.
    const oldest = msgs[msgs.length - (kept.length - 1)]!;
    expect(kept[1] === oldest || (kept[1]!.endsWith('[... message truncated for compaction ...]') && oldest.startsWith(kept[1]!.split('\n')[0]!))).toBe(true);
  });
});

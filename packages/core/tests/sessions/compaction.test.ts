// Compaction end to end against the scripted server: a 300-turn session that compacts again
// and again (the goal is in every request after a compaction, each compaction shrinks the
// request), a failing compaction (reported, retried at the next turn), a refused one (would
// not shrink: history kept, no loop), the `compact` op, and remote `/responses/compact`.
import { afterEach, describe, expect, it } from 'vitest';
import { turn } from '@codex-ts/test-support';
import type { EventMsg } from '@codex-ts/protocol';
import { SUMMARIZATION_PROMPT } from '../../src/compact/prompt.js';
import { approxTokens } from '../../src/compact/tokens.js';
import { loadRollout } from '../../src/rollout/reader.js';
import { startHarness, userTurn, type Harness } from '../engine/harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

type Item = { type: string; role?: string; content?: { text?: string }[] };
const GOAL = 'GOAL: migrate the billing module to the new ledger API and keep every test green';
const inputOf = (i: number): Item[] => (h!.server.responsesRequests()[i]!.json as { input: Item[] }).input;
const textOf = (it: Item): string => (it.content ?? []).map((c) => c.text ?? '').join('');
const isCompactionRequest = (input: Item[]): boolean => textOf(input.at(-1)!) === SUMMARIZATION_PROMPT;
const hasGoal = (input: Item[]): boolean => input.some((it) => it.type === 'message' && it.role === 'user' && textOf(it) === GOAL);

async function runTurns(texts: string[]): Promise<void> {
  for (const text of texts) {
    const before = h!.events.filter((e) => e.msg.type === 'task_complete').length;
    await h!.submit(userTurn(h!, text));
    await h!.waitFor(() => h!.events.filter((e) => e.msg.type === 'task_complete').length > before, 30_000);
  }
}
const eventsOf = (type: string): EventMsg[] => h!.events.filter((e) => e.msg.type === type).map((e) => e.msg);

describe('automatic compaction', () => {
  it('a 300-turn session keeps its goal through every compaction and each compaction shrinks the context', async () => {
    h = await startHarness({ toml: 'model_auto_compact_token_limit = 3000' });
    const answer = `Progress note: ${'did some careful work on the ledger adapter; '.repeat(12)}`;
    h.server.loop([turn.message(answer)]);
    await runTurns([GOAL, ...Array.from({ length: 299 }, (_, i) => `step ${i + 1}: continue with the next file`)]);

    const n = h.server.responsesRequests().length;
    const compactions: number[] = [];
    for (let i = 0; i < n; i++) if (isCompactionRequest(inputOf(i))) compactions.push(i);
    expect(compactions.length).toBeGreaterThanOrEqual(10);
    expect(n).toBe(300 + compactions.length);
    const sizes = compactions.map((i) => ({ before: approxTokens(inputOf(i) as never), after: approxTokens(inputOf(i + 1) as never) }));
    for (const [k, i] of compactions.entries()) {
      expect(isCompactionRequest(inputOf(i + 1))).toBe(false);
      expect(hasGoal(inputOf(i + 1))).toBe(true); // the goal survives every compaction
      expect(sizes[k]!.after).toBeLessThan(sizes[k]!.before * 0.75);
      expect(sizes[k]!.after).toBeLessThan(3000 * 0.7);
    }
    // The context stays bounded: no turn request is far above the limit.
    const turnSizes = Array.from({ length: n }, (_, i) => i).filter((i) => !isCompactionRequest(inputOf(i))).map((i) => approxTokens(inputOf(i) as never));
    expect(Math.max(...turnSizes)).toBeLessThan(3000 + 1000);
    expect(eventsOf('background_event').filter((m) => /Context compacted \(auto, local\)/.test((m as { message: string }).message))).toHaveLength(compactions.length);
    expect(eventsOf('warning')).toEqual([]);
    expect(eventsOf('error')).toEqual([]);

    // The rollout holds a `compacted` line per compaction and resumes to the live history.
    const loaded = loadRollout(h.codex.rolloutPath);
    expect(hasGoal(loaded.history as Item[])).toBe(true);
    expect(textOf(loaded.history.at(-2) as Item)).toBe('step 299: continue with the next file');
    expect(loaded.history.length).toBeLessThan(60);
  }, 180_000);

  it('a failing compaction is reported, the turn goes on, and it is retried at the next turn', async () => {
    h = await startHarness({ toml: 'model_auto_compact_token_limit = 400' });
    const long = `Answer: ${'lots of detail here. '.repeat(80)}`;
    h.server.queueResponses(
      turn.message(long),
      { fault: 'status', status: 400, body: { error: { message: 'summary model unavailable', type: 'invalid_request_error' } } },
      { fault: 'status', status: 400, body: { error: { message: 'summary model unavailable', type: 'invalid_request_error' } } },
      turn.message('second answer'),
      turn.message('SUMMARY: goal is the billing migration; next: run the tests'),
      turn.message('third answer'),
    );
    await runTurns([GOAL, 'second instruction', 'third instruction']);
    h.server.assertScriptDone();
    const warnings = eventsOf('warning').map((m) => (m as { message: string }).message);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^Automatic compaction failed: .*summary model unavailable.*; the history is unchanged\.$/);
    expect(eventsOf('error')).toEqual([]);
    // Turn 2 ran on the full history (the long answer is still there) ...
    expect(isCompactionRequest(inputOf(1)) && isCompactionRequest(inputOf(2))).toBe(true);
    expect(inputOf(3).some((it) => textOf(it) === long)).toBe(true);
    // ... and turn 3 compacted first, then carried the goal and the summary without the long answer.
    expect(isCompactionRequest(inputOf(4))).toBe(true);
    expect(hasGoal(inputOf(5))).toBe(true);
    expect(inputOf(5).some((it) => textOf(it) === long)).toBe(false);
    expect(inputOf(5).some((it) => textOf(it).includes('SUMMARY: goal is the billing migration'))).toBe(true);
  });

  it('trims the summary request to fit the window with a reserve; the goal still survives', async () => {
    h = await startHarness({ toml: 'model_context_window = 6000\nmodel_auto_compact_token_limit = 2500' });
    const long = `Answer: ${'a long tool transcript line. '.repeat(700)}`;
    h.server.queueResponses(turn.message(long), turn.message('short summary'), turn.message('ok'));
    await runTurns([GOAL, 'next']);
    h.server.assertScriptDone();
    const summaryReq = inputOf(1);
    expect(isCompactionRequest(summaryReq)).toBe(true);
    expect(summaryReq.some((it) => textOf(it) === long)).toBe(false);
    expect(summaryReq.some((it) => textOf(it).startsWith('Answer: a long tool transcript line.') && textOf(it).endsWith('[... cut to fit the compaction request ...]'))).toBe(true);
    expect(approxTokens(summaryReq as never)).toBeLessThanOrEqual(6000 - 2048);
    expect(eventsOf('background_event').map((m) => (m as { message: string }).message)).toEqual([expect.stringMatching(/oldest item\(s\) did not fit the summary request\.$/)]);
    expect(hasGoal(inputOf(2))).toBe(true);
  });

  it('refuses a compaction that would not shrink the history and does not loop', async () => {
    h = await startHarness({ toml: 'model_auto_compact_token_limit = 300' });
    const first = `first ${'x'.repeat(2000)}`;
    h.server.queueResponses(
      turn.message(first),
      turn.message(`HUGE SUMMARY ${'word '.repeat(3000)}`),
      turn.message('done'),
    );
    await runTurns([GOAL, 'next']);
    h.server.assertScriptDone();
    expect(h.server.responsesRequests()).toHaveLength(3);
    const warnings = eventsOf('warning').map((m) => (m as { message: string }).message);
    expect(warnings).toEqual([expect.stringMatching(/^Automatic compaction skipped: compaction would not shrink the history \(about \d+ tokens before, \d+ after\); the history is unchanged\.$/)]);
    expect(isCompactionRequest(inputOf(1))).toBe(true);
    expect(inputOf(2).map(textOf).filter((t) => t === first || t === GOAL || t === 'next')).toEqual([GOAL, first, 'next']);
    expect(loadRollout(h.codex.rolloutPath).history.some((it) => textOf(it as Item).startsWith('HUGE'))).toBe(false);
  });
});

describe('the compact op', () => {
  it('compacts on request (local) and the next turn carries the goal and the summary', async () => {
    h = await startHarness();
    h.server.queueResponses(turn.message(`first answer ${'detail '.repeat(200)}`), turn.message('SUMMARY-TEXT'), turn.message('after'));
    await runTurns([GOAL]);
    await h.submit({ type: 'compact' });
    await h.waitFor(() => h!.events.filter((e) => e.msg.type === 'task_complete').length === 2);
    await runTurns(['more']);
    expect(isCompactionRequest(inputOf(1))).toBe(true);
    const after = inputOf(2);
    expect(after.filter((it) => it.role === 'user').map(textOf).filter((t) => !t.startsWith('<'))).toEqual([GOAL, expect.stringMatching(/SUMMARY-TEXT$/), 'more']);
    expect(eventsOf('background_event').map((m) => (m as { message: string }).message)).toEqual([expect.stringMatching(/^Context compacted \(manual, local\): about \d+ -> \d+ tokens/)]);
  });

  it('uses /responses/compact when remote compaction is on', async () => {
    h = await startHarness({ toml: '[features]\nremote_compaction = true' });
    h.server.queueResponses(turn.message(`first answer ${'detail '.repeat(200)}`), turn.message('after'));
    h.server.queueCompact({ output: [{ type: 'message', role: 'user', content: [{ type: 'input_text', text: GOAL }] }, { type: 'compaction', encrypted_content: 'ENCRYPTED-SUMMARY' }] });
    await runTurns([GOAL]);
    await h.submit({ type: 'compact' });
    await h.waitFor(() => h!.events.filter((e) => e.msg.type === 'task_complete').length === 2);
    await runTurns(['more']);
    h.server.assertScriptDone();
    const compactReq = h.server.requestsOf('responses-compact')[0]!;
    expect(compactReq.path).toBe('/v1/responses/compact');
    const body = compactReq.json as { model: string; input: Item[]; instructions: string };
    expect(body.model).toBe('gpt-5-codex');
    expect(body.input.map(textOf)).toContain(GOAL);
    expect(body.instructions.length).toBeGreaterThan(100);
    const after = inputOf(1) as (Item & { encrypted_content?: string })[];
    expect(after.map((it) => it.type)).toEqual(['message', 'message', 'compaction', 'message']);
    expect(textOf(after[0]!)).toMatch(/^<environment_context>/);
    expect(after[2]!.encrypted_content).toBe('ENCRYPTED-SUMMARY');
    expect(textOf(after[3]!)).toBe('more');
  });
});

// Deferred MCP tools for models with tool search (gpt-5.4+ on the Responses wire): no flat MCP
// specs, a client `tool_search` whose answer is a `tool_search_output` of namespaces, then a
// namespaced call; flat names are refused; older models keep flat tools.
import { afterEach, describe, expect, it } from 'vitest';
import { completed, FAULTY_MCP_SERVER, outputItemDone, responseCreated, turn } from '@codex-ts/test-support';
import { rankBm25 } from '../../src/mcp/tool-search.js';
import { startHarness, userTurn, type Harness } from '../engine/harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const toml = `\n[mcp_servers.t]\ncommand = ${JSON.stringify(process.execPath)}\nargs = ${JSON.stringify([FAULTY_MCP_SERVER, '--name', 't'])}\n`;
const item = (it: Record<string, unknown>) => [responseCreated(), outputItemDone(it as never), completed()];

function request(h: Harness, i: number): { tools: { type: string; name?: string; description?: string }[]; input: Record<string, unknown>[] } {
  return h.server.responsesRequests()[i]!.json as never;
}

describe('tool_search', () => {
  it('ranks with BM25 and keeps ties in order', () => {
    expect(rankBm25('add numbers', [{ item: 'echo', text: 'echo text back' }, { item: 'add', text: 'add numbers add two numbers' }, { item: 'sum', text: 'sum of numbers' }], 8)).toEqual(['add', 'sum']);
    expect(rankBm25('same', [{ item: 'a', text: 'same' }, { item: 'b', text: 'same' }], 8)).toEqual(['a', 'b']);
  });

  it('defers MCP tools for gpt-5.5: search, then a namespaced call', async () => {
    h = await startHarness({ toml });
    await h.waitFor((m) => m.type === 'mcp_startup_complete');
    h.server.queueResponses(
      item({ type: 'tool_search_call', call_id: 'ts1', execution: 'client', status: 'completed', arguments: { query: 'add numbers', limit: 2 } }),
      item({ type: 'function_call', call_id: 'c1', namespace: 'mcp__t', name: 'add_numbers', arguments: '{"a":1,"b":2}' }),
      item({ type: 'function_call', call_id: 'c2', name: 'mcp__t__add_numbers', arguments: '{"a":1,"b":2}' }),
      turn.message('3'),
    );
    await h.submit(userTurn(h, 'add', { model: 'gpt-5.5' }));
    await h.waitFor((m) => m.type === 'task_complete');
    const tools = request(h, 0).tools;
    expect(tools.filter((t) => t.name?.startsWith('mcp__'))).toEqual([]);
    const search = tools.find((t) => t.type === 'tool_search')!;
    expect(search).toMatchObject({ type: 'tool_search', execution: 'client', parameters: { required: ['query'] } });
    expect(search.description).toContain('- mcp__t: t test server');
    const out = request(h, 1).input.find((i) => i.type === 'tool_search_output');
    expect(out).toEqual({
      type: 'tool_search_output',
      call_id: 'ts1',
      status: 'completed',
      execution: 'client',
      tools: [
        {
          type: 'namespace',
          name: 'mcp__t',
          description: 't test server\nSecond line.',
          tools: [
            { type: 'function', name: 'add_numbers', description: 'Add two numbers.', strict: false, defer_loading: true, parameters: { type: 'object', properties: { a: { type: 'number' }, b: { type: 'number' } }, required: ['a', 'b'] } },
          ],
        },
      ],
    });
    const outputs = Object.fromEntries(request(h, 3).input.filter((i) => i.type === 'function_call_output').map((i) => [i.call_id, i.output]));
    expect((outputs.c1 as { text: string }[]).at(-1)).toEqual({ type: 'input_text', text: '3' });
    expect(outputs.c2).toBe('unsupported call: mcp__t__add_numbers');
  });

  it('keeps flat tools for gpt-5-codex', async () => {
    h = await startHarness({ toml });
    await h.waitFor((m) => m.type === 'mcp_startup_complete');
    h.server.queueResponses(turn.message('hi'));
    await h.submit(userTurn(h, 'hi'));
    await h.waitFor((m) => m.type === 'task_complete');
    const names = request(h, 0).tools.map((t) => t.name ?? t.type);
    expect(names).toContain('mcp__t__add_numbers');
    expect(names).not.toContain('tool_search');
  });
});

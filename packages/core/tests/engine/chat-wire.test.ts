// The same task through a Chat Completions provider (wire_api = "chat"): the scripted turns
// are rendered as chat.completion.chunk streams; the engine aggregates them into the same
// items, so tools run and outputs go back as `tool` messages.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { turn } from '@codex-ts/test-support';
import { startHarness, userTurn, type Harness } from './harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('engine over the Chat Completions wire', () => {
  it('runs a command, applies a patch (function variant) and answers', async () => {
    h = await startHarness({ wireApi: 'chat' });
    h.server.queueChat(
      turn.shell(['bash', '-c', 'echo from-chat'], { call_id: 'c1' }),
      turn.applyPatch('*** Begin Patch\n*** Add File: chat.txt\n+via chat\n*** End Patch\n', { call_id: 'c2', variant: 'function' }),
      turn.message('chat done'),
    );
    await h.submit(userTurn(h, 'do it over chat'));
    expect(await h.waitFor((m) => m.type === 'task_complete')).toEqual({ type: 'task_complete', last_agent_message: 'chat done' });
    expect(readFileSync(join(h.ws, 'chat.txt'), 'utf8')).toBe('via chat\n');
    const reqs = h.server.chatRequests();
    expect(reqs).toHaveLength(3);
    const first = reqs[0]!.json as { messages: { role: string }[]; tools: { type: string; function: { name: string } }[]; stream: boolean };
    expect(first.stream).toBe(true);
    expect(first.messages[0]!.role).toBe('system');
    expect(first.tools.map((t) => t.function.name)).toEqual(['shell', 'update_plan', 'apply_patch', 'view_image']);
    const third = reqs[2]!.json as { messages: { role: string; tool_call_id?: string; content?: string }[] };
    const toolMsgs = third.messages.filter((m) => m.role === 'tool');
    expect(toolMsgs.map((m) => m.tool_call_id)).toEqual(['c1', 'c2']);
    expect(JSON.parse(toolMsgs[0]!.content!)).toEqual({ output: 'from-chat\n', metadata: { exit_code: 0, duration_seconds: expect.any(Number) } });
  });

  it('asks for usage and reports the tokens of the final chunk', async () => {
    h = await startHarness({ wireApi: 'chat' });
    h.server.queueChat(turn.message('counted', { usage: { input_tokens: 120, cached_tokens: 20, output_tokens: 7, reasoning_tokens: 0 } }));
    await h.submit(userTurn(h, 'count me'));
    await h.waitFor((m) => m.type === 'task_complete');
    expect((h.server.chatRequests()[0]!.json as { stream_options?: unknown }).stream_options).toEqual({ include_usage: true });
    const counts = h.events.filter((e) => e.msg.type === 'token_count').map((e) => (e.msg as { info: { total_token_usage: unknown } }).info.total_token_usage);
    expect(counts).toEqual([{ input_tokens: 120, cached_input_tokens: 20, output_tokens: 7, reasoning_output_tokens: 0, total_tokens: 127 }]);
  });

  it('gives gpt-5.x over Chat exec_command when [features] unified_exec = true', async () => {
    h = await startHarness({ wireApi: 'chat', toml: '[features]\nunified_exec = true\n' });
    h.server.queueChat(turn.message('tools'));
    await h.submit(userTurn(h, 'which tools', { model: 'gpt-5.5' }));
    await h.waitFor((m) => m.type === 'task_complete');
    const tools = (h.server.chatRequests()[0]!.json as { tools: { function: { name: string } }[] }).tools.map((t) => t.function.name);
    expect(tools).toEqual(['exec_command', 'write_stdin', 'update_plan', 'apply_patch', 'view_image']);
  });
});

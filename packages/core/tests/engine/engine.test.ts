import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { turn } from '@codex-ts/test-support';
import { startHarness, tempDir, userTurn, type Harness } from './harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('engine: shell + patch + message', () => {
  it('runs a command, applies a patch and finishes with the final message', async () => {
    h = await startHarness();
    h.server.queueResponses(
      turn.shell(['bash', '-lc', 'echo hello-from-shell'], { call_id: 'call_1' }),
      turn.applyPatch('*** Begin Patch\n*** Add File: hello.txt\n+Hello\n*** End Patch\n', { call_id: 'call_2' }),
      turn.message('Done: created hello.txt'),
    );
    await h.submit(userTurn(h, 'make hello.txt'));
    const done = await h.waitFor((m) => m.type === 'task_complete');
    expect(done).toEqual({ type: 'task_complete', last_agent_message: 'Done: created hello.txt' });
    expect(readFileSync(join(h.ws, 'hello.txt'), 'utf8')).toBe('Hello\n');

    const types = h.events.map((e) => e.msg.type).filter((t) => !t.endsWith('_delta'));
    expect(types).toEqual([
      'session_configured', 'task_started', 'user_message',
      'token_count', 'exec_command_begin', 'exec_command_end',
      'token_count', 'patch_apply_begin', 'patch_apply_end',
      'agent_message', 'token_count', 'task_complete',
    ]);

    const reqs = h.server.responsesRequests();
    expect(reqs).toHaveLength(3);
    const second = reqs[1]!.json as { input: Record<string, unknown>[] };
    const out = second.input.find((i) => i.type === 'function_call_output') as { call_id: string; output: string };
    expect(out.call_id).toBe('call_1');
    expect(out.output).toMatch(/^Exit code: 0\nWall time: \d+\.\d seconds\nOutput:\nhello-from-shell\n$/);
    const third = reqs[2]!.json as { input: Record<string, unknown>[] };
    const patchOut = third.input.find((i) => i.type === 'custom_tool_call_output') as { output: string };
    expect(patchOut.output).toMatch(/^Exit code: 0\nWall time: \d+\.\d seconds\nOutput:\nSuccess. Updated the following files:\nA hello.txt\n$/);
    expect(existsSync(h.codex.rolloutPath)).toBe(true);
  });
});

describe('engine: notify hook', () => {
  it('runs the configured program with the turn-complete JSON', async () => {
    const out = join(tempDir('codex-notify-'), 'notify.json');
    const script = `require('fs').writeFileSync(${JSON.stringify(out)}, process.argv[1])`;
    h = await startHarness({ toml: `notify = [${JSON.stringify(process.execPath)}, "-e", ${JSON.stringify(script)}]` });
    h.server.queueResponses(turn.message('notified'));
    await h.submit(userTurn(h, 'ping'));
    await h.waitFor((m) => m.type === 'task_complete');
    for (let i = 0; i < 100 && !existsSync(out); i++) await new Promise((r) => setTimeout(r, 50));
    expect(JSON.parse(readFileSync(out, 'utf8'))).toEqual({
      type: 'agent-turn-complete',
      'thread-id': h.codex.sessionId,
      'turn-id': '1',
      cwd: h.ws,
      'input-messages': ['ping'],
      'last-assistant-message': 'notified',
    });
  });
});

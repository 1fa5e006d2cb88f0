// Tool behaviour through the engine: parallel calls, bad arguments and unknown tools (the
// model gets an error output and the turn goes on), interrupt mid-command (no orphans).
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { functionCall, turn } from '@codex-ts/test-support';
import { startHarness, userTurn, type Harness } from './harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

function outputs(h: Harness, requestIndex: number): Record<string, string> {
  const body = h.server.responsesRequests()[requestIndex]!.json as { input: { type: string; call_id?: string; output?: string }[] };
  return Object.fromEntries(body.input.filter((i) => i.type.endsWith('_output')).map((i) => [i.call_id!, i.output!]));
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('engine tools', () => {
  it('runs parallel tool calls concurrently and returns outputs in call order', async () => {
    h = await startHarness();
    // Each command marks its start, then waits (up to 20 s) until all three have started:
    // only concurrent execution lets every one of them see the other two.
    const waiter = (id: string) =>
      functionCall({
        name: 'shell',
        call_id: id,
        arguments: JSON.stringify({
          command: ['bash', '-c', `touch ${id}.start; for i in $(seq 400); do [ -e a.start ] && [ -e b.start ] && [ -e c.start ] && { echo ${id}:together; exit 0; }; sleep 0.05; done; echo ${id}:alone; exit 1`],
          timeout_ms: 60_000,
        }),
      });
    h.server.queueResponses(turn.toolCalls([waiter('a'), waiter('b'), waiter('c')]), turn.message('all done'));
    await h.submit(userTurn(h, 'three at once'));
    await h.waitFor((m) => m.type === 'task_complete');
    const body = h.server.responsesRequests()[1]!.json as { input: { type: string; call_id?: string; output?: string }[] };
    const outs = body.input.filter((i) => i.type === 'function_call_output');
    expect(outs.map((i) => i.call_id)).toEqual(['a', 'b', 'c']);
    expect(outs.map((i) => /Output:\n(.*)\n$/.exec(i.output!)?.[1])).toEqual(['a:together', 'b:together', 'c:together']);
  });

  it('answers malformed arguments and unknown tools with an error output; the turn goes on', async () => {
    h = await startHarness();
    h.server.queueResponses(
      turn.toolCalls([
        { name: 'shell', call_id: 'bad_json', arguments: '{"command": ["ls"' },
        { name: 'no_such_tool', call_id: 'unknown', arguments: '{}' },
        { name: 'shell', call_id: 'no_cmd', arguments: '{"workdir": "."}' },
      ]),
      turn.message('recovered'),
    );
    await h.submit(userTurn(h, 'go'));
    expect(await h.waitFor((m) => m.type === 'task_complete')).toEqual({ type: 'task_complete', last_agent_message: 'recovered' });
    const out = outputs(h, 1);
    expect(out.bad_json).toMatch(/^failed to parse function arguments: /);
    expect(out.unknown).toBe('unsupported call: no_such_tool');
    expect(out.no_cmd).toBe('failed to parse function arguments: `command` must be a non-empty array of strings');
  });

  it('reports a failing patch to the model and leaves files untouched', async () => {
    h = await startHarness();
    h.server.queueResponses(
      turn.applyPatch('*** Begin Patch\n*** Update File: missing.txt\n@@\n-a\n+b\n*** End Patch\n', { call_id: 'p1' }),
      turn.message('ok'),
    );
    await h.submit(userTurn(h, 'patch'));
    await h.waitFor((m) => m.type === 'task_complete');
    const body = h.server.responsesRequests()[1]!.json as { input: { type: string; output?: string }[] };
    const out = body.input.find((i) => i.type === 'custom_tool_call_output')!.output!;
    expect(out).toMatch(/^apply_patch verification failed: .*missing\.txt/);
    expect(existsSync(join(h.ws, 'missing.txt'))).toBe(false);
  });

  it('interrupt kills a running command and its children at once', async () => {
    h = await startHarness();
    // Found on the host by marker arguments: inside the sandbox's pid namespace the pids differ.
    const mark = `codex-tools-${process.pid}-${Date.now()}`;
    h.server.queueResponses(turn.shell(['bash', '-c', `python3 -c "import time; time.sleep(300)" ${mark}-child & echo started > child.pid; wait`, `${mark}-leader`], { call_id: 's1', timeout_ms: 600_000 }));
    await h.submit(userTurn(h, 'long'));
    await h.waitFor((m) => m.type === 'exec_command_begin');
    const find = (m: string) => readdirSync('/proc').filter((e) => /^\d+$/.test(e)).map(Number).filter((p) => {
      try {
        return readFileSync(`/proc/${p}/cmdline`, 'utf8').split('\0').includes(m) && alive(p);
      } catch {
        return false;
      }
    });
    let child: number | undefined;
    let leader: number | undefined;
    for (let i = 0; i < 200 && (child === undefined || leader === undefined); i++) {
      [child] = find(`${mark}-child`);
      [leader] = find(`${mark}-leader`);
      if (child === undefined || leader === undefined) await new Promise((r) => setTimeout(r, 50));
    }
    expect({ child: alive(child!), leader: alive(leader!) }).toEqual({ child: true, leader: true });
    await h.submit({ type: 'interrupt' });
    expect(await h.waitFor((m) => m.type === 'turn_aborted')).toEqual({ type: 'turn_aborted', reason: 'interrupted' });
    for (let i = 0; i < 40 && (alive(child!) || alive(leader!)); i++) await new Promise((r) => setTimeout(r, 50));
    expect({ child: alive(child!), leader: alive(leader!) }).toEqual({ child: false, leader: false });
    expect(h.server.responsesRequests()).toHaveLength(1);
    expect(h.events.some((e) => e.msg.type === 'task_complete')).toBe(false);
  });

  it('a command timeout kills the group and reports exit 124 to the model', async () => {
    h = await startHarness();
    h.server.queueResponses(turn.shell(['bash', '-c', 'echo start; sleep 30'], { call_id: 't1', timeout_ms: 500 }), turn.message('timed out'));
    await h.submit(userTurn(h, 'slow'));
    await h.waitFor((m) => m.type === 'task_complete');
    const out = outputs(h, 1).t1!;
    expect(out).toMatch(/^Exit code: 124\nWall time: \d+\.\d seconds\nOutput:\ncommand timed out after 500 milliseconds\nstart\n$/);
  });
});

describe('view_image', () => {
  it('attaches the image to the next request, or tells the model it is missing', async () => {
    h = await startHarness();
    const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
    writeFileSync(join(h.ws, 'shot.png'), png);
    h.server.queueResponses(
      turn.toolCalls([
        { name: 'view_image', call_id: 'v1', arguments: JSON.stringify({ path: 'shot.png' }) },
        { name: 'view_image', call_id: 'v2', arguments: JSON.stringify({ path: 'nope.png' }) },
      ]),
      turn.message('seen'),
    );
    await h.submit(userTurn(h, 'look'));
    await h.waitFor((m) => m.type === 'task_complete');
    const out = outputs(h, 1);
    expect(out.v1).toBe('attached local image path');
    expect(out.v2).toMatch(/^unable to locate image at `.*nope\.png`: /);
    const body = h.server.responsesRequests()[1]!.json as { input: { type: string; role?: string; content?: { type: string; image_url?: string }[] }[] };
    const images = body.input.flatMap((i) => i.content ?? []).filter((c) => c.type === 'input_image');
    expect(images).toEqual([{ type: 'input_image', image_url: `data:image/png;base64,${png.toString('base64')}` }]);
    expect(h.events.filter((e) => e.msg.type === 'view_image_tool_call').map((e) => e.msg)).toEqual([{ type: 'view_image_tool_call', call_id: 'v1', path: join(h.ws, 'shot.png') }]);
  });
});

import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import type { EventMsg } from '@codex-ts/protocol';
import { UnifiedExecManager } from './manager.js';
import { UnifiedExecProcess } from './process.js';

function alive(pid: number): boolean {
  try {
    return !readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.startsWith('Z');
  } catch {
    return false;
  }
}

async function until(fn: () => boolean, limitMs: number): Promise<boolean> {
  const end = Date.now() + limitMs;
  while (!fn()) {
    if (Date.now() > end) return false;
    await new Promise((r) => setTimeout(r, 25));
  }
  return true;
}

function start(m: UnifiedExecManager, cmd: string, events: EventMsg[] = [], tty = false) {
  const sessionId = m.allocateId();
  return m.execCommand({
    sessionId,
    callId: `call-${sessionId}`,
    command: ['/bin/sh', '-c', cmd],
    cwd: tmpdir(),
    parsedCmd: [],
    tty,
    yieldTimeMs: 250,
    emit: (e) => events.push(e),
    start: () => UnifiedExecProcess.spawn({ file: '/bin/sh', args: ['-c', cmd], cwd: tmpdir(), env: { ...process.env } as Record<string, string>, tty, reaper: false }),
  });
}

describe.runIf(process.platform === 'linux')('UnifiedExecManager bounds', () => {
  it('prunes the least recently used session beyond the limit, never one of the newest', async () => {
    const m = new UnifiedExecManager({ maxProcesses: 2 });
    const a = await start(m, 'exec sleep 30');
    const b = await start(m, 'exec sleep 30');
    const pids = m.pids();
    expect(m.size).toBe(2);
    const c = await start(m, 'exec sleep 30');
    expect(m.size).toBe(2);
    expect(await until(() => !alive(pids[0]!), 5000)).toBe(true);
    await expect(m.writeStdin({ sessionId: a.sessionId!, chars: '', yieldTimeMs: 250 })).rejects.toThrow(`Unknown process id ${a.sessionId}`);
    expect([b.sessionId, c.sessionId].every((id) => id !== null)).toBe(true);
    m.terminateAll();
  });

  it('kills a session nobody used for its idle lifetime', async () => {
    const m = new UnifiedExecManager({ idleTimeoutMs: 200 });
    await start(m, 'exec sleep 30');
    const [pid] = m.pids();
    expect(await until(() => !alive(pid!), 5000)).toBe(true);
    expect(m.size).toBe(0);
  });

  it('reports an exit during the call with its end event, and keeps nothing', async () => {
    const m = new UnifiedExecManager();
    const events: EventMsg[] = [];
    const r = await start(m, 'echo out; exit 4', events);
    expect(r).toMatchObject({ exitCode: 4, sessionId: null, output: 'out\n', originalTokenCount: 1 });
    expect(m.size).toBe(0);
    expect(events.map((e) => e.type)).toEqual(['exec_command_begin', 'exec_command_output_delta', 'exec_command_end']);
    expect(events[2]).toMatchObject({ exit_code: 4, aggregated_output: 'out\n', source: 'unified_exec_startup' });
  });
});

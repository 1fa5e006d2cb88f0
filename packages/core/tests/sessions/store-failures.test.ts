// The session outlives its store: a rollout write that fails (fault-injected, like ENOSPC
// mid-line) or a full history.jsonl is reported once as a warning, the turn still answers,
// and the rollout ends with the marker that says it is incomplete.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { turn, canMountTmpfs, until } from '@codex-ts/test-support';
import { openLogFile } from '../../src/logging.js';
import { loadRollout } from '../../src/rollout/reader.js';
import { startHarness, userTurn, type Harness } from '../engine/harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

/** write(2) that works for `ok` calls, then writes half a line (a full disk), then fails. */
function diskFullAfter(ok: number): (fd: number, buf: Buffer, off: number, len: number) => number {
  let calls = 0;
  return (fd, buf, off, len) => {
    calls += 1;
    if (calls <= ok) return writeSync(fd, buf, off, len);
    if (calls === ok + 1) return writeSync(fd, buf, off, Math.floor(len / 2));
    if (calls === ok + 2) return writeSync(fd, buf, off, len); // the marker fits in what the cut freed
    const err = new Error('ENOSPC: no space left on device, write') as NodeJS.ErrnoException;
    err.code = 'ENOSPC';
    throw err;
  };
}

const warnings = (): string[] => h!.events.filter((e) => e.msg.type === 'warning').map((e) => (e.msg as { message: string }).message);

describe('store failures', () => {
  it('a rollout write failure is warned once; the turns still complete with their answers', async () => {
    h = await startHarness({ spawn: { rolloutWriteSync: diskFullAfter(6) } });
    h.server.queueResponses(turn.message('answer one'), turn.message('answer two'));
    await h.submit(userTurn(h, 'one'));
    expect(await h.waitFor((m) => m.type === 'task_complete')).toEqual({ type: 'task_complete', last_agent_message: 'answer one' });
    await h.submit(userTurn(h, 'two'));
    await h.waitFor(() => h!.events.filter((e) => e.msg.type === 'task_complete').length === 2);
    expect(h.events.filter((e) => e.msg.type === 'task_complete').map((e) => e.msg)).toEqual([
      { type: 'task_complete', last_agent_message: 'answer one' },
      { type: 'task_complete', last_agent_message: 'answer two' },
    ]);
    expect(warnings()).toEqual([`Could not write the session record ${h.codex.rolloutPath}: ENOSPC (no space left on device). The session goes on, but its record is incomplete from here and cannot be fully resumed.`]);
    const text = readFileSync(h.codex.rolloutPath, 'utf8');
    const lines = text.trimEnd().split('\n').map((l) => JSON.parse(l) as { type: string; payload: { type?: string; message?: string } });
    expect(lines).toHaveLength(7);
    expect(lines.at(-1)!.payload.message).toMatch(/^Session record incomplete: writing failed at .* \(ENOSPC \(no space left on device\)\); later records were not saved\.$/);
    expect(loadRollout(h.codex.rolloutPath).incomplete).toBe(true);
  });

  it('add_to_history appends Codex lines, and a failing history.jsonl is warned once', async () => {
    h = await startHarness();
    await h.submit({ type: 'add_to_history', text: 'remember me' });
    await h.submit({ type: 'add_to_history', text: 'and me' });
    h.server.queueResponses(turn.message('ok'));
    await h.submit(userTurn(h, 'go'));
    await h.waitFor((m) => m.type === 'task_complete');
    // Appends run in the background (in order); wait for both.
    const deadline = Date.now() + 10_000;
    while (readFileSync(join(h.home, 'history.jsonl'), 'utf8').split('\n').length < 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    const lines = readFileSync(join(h.home, 'history.jsonl'), 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => [l.session_id, l.text, typeof l.ts])).toEqual([
      [h.codex.sessionId, 'remember me', 'number'],
      [h.codex.sessionId, 'and me', 'number'],
    ]);
    // A directory where the file should be: every append fails, reported once.
    rmSync(join(h.home, 'history.jsonl'));
    mkdirSync(join(h.home, 'history.jsonl'));
    await h.submit({ type: 'add_to_history', text: 'x' });
    await h.submit({ type: 'add_to_history', text: 'y' });
    h.server.queueResponses(turn.message('still fine'));
    await h.submit(userTurn(h, 'again'));
    await h.waitFor(() => h!.events.filter((e) => e.msg.type === 'task_complete').length === 2);
    expect(warnings()).toEqual([`Could not save to history.jsonl: cannot open ${join(h.home, 'history.jsonl')}: EISDIR`]);
  });

  it('get_history_entry_request answers from the file session_configured announced', async () => {
    h = await startHarness();
    await h.submit({ type: 'add_to_history', text: 'first prompt' });
    h.server.queueResponses(turn.message('ok'));
    await h.submit(userTurn(h, 'go'));
    await h.waitFor((m) => m.type === 'task_complete');
    // add_to_history appends in the background (after taking the file's flock through a
    // helper process), so under load the turn can finish first: wait for the line itself.
    const file = join(h.home, 'history.jsonl');
    expect(await until(() => { try { return readFileSync(file, 'utf8').includes('first prompt'); } catch { return false; } }, 10_000)).toBe(true);
    const { statSync } = await import('node:fs');
    const logId = Number(statSync(file).ino);
    await h.submit({ type: 'get_history_entry_request', offset: 0, log_id: logId });
    const res = await h.waitFor((m) => m.type === 'get_history_entry_response');
    expect(res).toEqual({ type: 'get_history_entry_response', offset: 0, log_id: logId, entry: { conversation_id: h.codex.sessionId, ts: expect.any(Number), text: 'first prompt' } });
  });
});


describe.skipIf(!canMountTmpfs())('log files on a full or read-only filesystem', () => {
  it('a full disk switches the log off after one report instead of crashing', () => {
    const mnt = mkdtempSync(join(tmpdir(), 'codex-logfull-'));
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', mnt]);
    try {
      writeFileSync(join(mnt, 'ballast'), Buffer.alloc(56 * 1024));
      const errors: string[] = [];
      const log = openLogFile(mnt, 'codex-test', { CODEX_LOG: 'info' }, { onError: (m) => errors.push(m) });
      for (let i = 0; i < 500; i++) log.info({ i, pad: 'p'.repeat(200) }, 'line');
      expect(errors).toEqual([`cannot write log file ${join(mnt, 'log', 'codex-test.log')}: ENOSPC (no space left on device); logging is off`]);
    } finally {
      execFileSync('umount', ['-l', mnt]); // lazy: the logger still holds its fd
      rmSync(mnt, { recursive: true, force: true });
    }
  });

  it('a read-only home gives a silent logger and names EROFS', () => {
    const mnt = mkdtempSync(join(tmpdir(), 'codex-logro-'));
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k,ro', 'tmpfs', mnt]);
    try {
      const errors: string[] = [];
      const log = openLogFile(mnt, 'codex-test', { CODEX_LOG: 'info' }, { onError: (m) => errors.push(m) });
      log.info('nothing happens');
      expect(errors).toEqual([`cannot open log file ${join(mnt, 'log', 'codex-test.log')}: EROFS (read-only file system); logging is off`]);
    } finally {
      execFileSync('umount', [mnt]);
      rmSync(mnt, { recursive: true, force: true });
    }
  });
});

// Listing, finding, loading (0.169 captures included), forking, archiving and deleting.
import { copyFileSync, mkdirSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDirs } from '@codex-ts/test-support';
import { findLatestSession, findRolloutById, listSessions } from './list.js';
import { archiveSession, deleteSession, forkSession } from './manage.js';
import { loadRollout } from './reader.js';
import { RolloutRecorder } from './recorder.js';

const CAPTURES = join(import.meta.dirname, '../../../protocol/tests/fixtures/captured-0.169');
const tmp = tempDirs(afterEach);
const home = (): string => tmp('codex-sessions-');

function session(codexHome: string, id: string, cwd: string, prompt: string, mtime: number): string {
  const rec = RolloutRecorder.create(codexHome, { id, timestamp: new Date(mtime * 1000).toISOString(), cwd, originator: 'codex_exec', cli_version: '0.1.0', source: 'exec' });
  rec.recordItems([
    { type: 'message', role: 'user', content: [{ type: 'input_text', text: `<environment_context>\n  <cwd>${cwd}</cwd>\n</environment_context>` }] },
    { type: 'message', role: 'user', content: [{ type: 'input_text', text: prompt }] },
  ]);
  rec.recordEvent({ type: 'user_message', message: prompt, kind: 'plain' } as never);
  rec.close();
  utimesSync(rec.path, mtime, mtime);
  return rec.path;
}

const ID = (n: number): string => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

function installCaptures(codexHome: string): void {
  const dir = join(codexHome, 'sessions', '2026', '12', '06');
  mkdirSync(dir, { recursive: true });
  for (const f of readdirSync(CAPTURES)) copyFileSync(join(CAPTURES, f), join(dir, f));
}

const texts = (items: { type: string; role?: unknown; content?: unknown }[]): string[] =>
  items.filter((i) => i.type === 'message').map((i) => `${String(i.role)}: ${((i.content as { text?: string }[]) ?? []).map((c) => c.text ?? '').join('').slice(0, 40)}`);

describe('session listing', () => {
  it('lists newest first with time, cwd, first prompt and size; filters by cwd', () => {
    const h = home();
    const a = session(h, ID(1), '/work/a', 'fix the parser', 1_800_000_000);
    session(h, ID(2), '/work/b', 'write docs', 1_800_000_100);
    session(h, ID(3), '/work/a', 'add tests', 1_800_000_050);
    const all = listSessions(h);
    expect(all.map((s) => [s.id, s.cwd, s.first_user_message])).toEqual([
      [ID(2), '/work/b', 'write docs'],
      [ID(3), '/work/a', 'add tests'],
      [ID(1), '/work/a', 'fix the parser'],
    ]);
    expect(all[2]).toMatchObject({ path: a, updated_at: new Date(1_800_000_000_000).toISOString(), size_bytes: readFileSync(a).length, archived: false, originator: 'codex_exec', source: 'exec' });
    expect(listSessions(h, { cwd: '/work/a' }).map((s) => s.id)).toEqual([ID(3), ID(1)]);
    expect(findLatestSession(h, { cwd: '/work/a' })?.id).toBe(ID(3));
    expect(findLatestSession(h, { cwd: '/elsewhere' })).toBeNull();
    expect(findLatestSession(h)?.id).toBe(ID(2));
    expect(listSessions(h, { limit: 1 })).toHaveLength(1);
  });

  it('finds 0.169 rollouts and reads their first prompt', () => {
    const h = home();
    installCaptures(h);
    const byId = Object.fromEntries(listSessions(h).map((s) => [s.id, s.first_user_message]));
    expect(byId).toEqual({
      '01a24a85-0ff6-7453-b02f-5284000060e8': 'List the files',
      '01a24a85-2023-7a71-9f81-9b09a7d37bc4': 'Fork it',
      'db9011e8-4e90-4f8c-af0e-2221b8beaf5a': 'codex-ts turn',
      '01a24a87-9de5-7fc2-b2d5-af2bf3c6abaf': 'GOAL: build the widget',
    });
  });
});

describe('loading Codex 0.169 rollouts', () => {
  it('rebuilds a resumed session (two turns) from its response items', () => {
    const h = home();
    installCaptures(h);
    const r = loadRollout(findRolloutById(h, '01a24a85-0ff6-7453-b02f-5284000060e8')!);
    expect(r.meta.id).toBe('01a24a85-0ff6-7453-b02f-5284000060e8');
    expect(r.skippedLines).toBe(0);
    expect(texts(r.history).slice(2)).toEqual(['user: List the files', 'assistant: First answer from the scripted model.', 'user: Now continue', 'assistant: Second answer after resume.']);
    expect(r.history.filter((i) => i.type === 'function_call_output').map((i) => i.output)).toEqual(['unsupported call: shell']);
  });

  it('follows a paginated fork to its parent (history_base, end_byte_offset)', () => {
    const h = home();
    installCaptures(h);
    const fork = loadRollout(findRolloutById(h, '01a24a85-2023-7a71-9f81-9b09a7d37bc4')!);
    expect(fork.meta.id).toBe('01a24a85-2023-7a71-9f81-9b09a7d37bc4');
    expect(texts(fork.history).slice(2)).toEqual([
      'user: List the files',
      'assistant: First answer from the scripted model.',
      'user: Now continue',
      'assistant: Second answer after resume.',
      'user: Fork it',
      'assistant: Third answer in the fork.',
    ]);
  });

  it('applies a compacted line: the replacement history, then what followed', () => {
    const h = home();
    installCaptures(h);
    const r = loadRollout(findRolloutById(h, '01a24a87-9de5-7fc2-b2d5-af2bf3c6abaf')!);
    const t = texts(r.history);
    expect(t.slice(2)).toEqual(['user: GOAL: build the widget', 'user: Another language model started to solve ', 'user: second instruction', 'assistant: MODEL-TEXT']);
  });

  it('reads a codex-ts rollout that Codex 0.169 appended to, and ours appended after it', () => {
    const h = home();
    installCaptures(h);
    const r = loadRollout(findRolloutById(h, 'db9011e8-4e90-4f8c-af0e-2221b8beaf5a')!);
    const users = texts(r.history).filter((t) => t.startsWith('user: ') && !t.startsWith('user: <'));
    expect(users).toEqual(['user: codex-ts turn', 'user: real codex resumes ours', 'user: ours again']);
  });
});

describe('fork, archive, delete', () => {
  it('forks into a self-contained rollout, optionally cut before the n-th prompt', () => {
    const h = home();
    installCaptures(h);
    const src = findRolloutById(h, '01a24a85-0ff6-7453-b02f-5284000060e8')!;
    const whole = forkSession(h, src);
    const copy = loadRollout(whole.path);
    expect(copy.meta).toMatchObject({ id: whole.id, forked_from_id: '01a24a85-0ff6-7453-b02f-5284000060e8' });
    expect(copy.history).toEqual(loadRollout(src).history);
    const cut = loadRollout(forkSession(h, src, { nthUserMessage: 1 }).path);
    expect(texts(cut.history).slice(2)).toEqual(['user: List the files', 'assistant: First answer from the scripted model.']);
  });

  it('a fork carries the recorded events (what the TUI replays), cut at the same prompt', () => {
    const h = home();
    const rec = RolloutRecorder.create(h, { id: ID(9), timestamp: new Date().toISOString(), cwd: '/w', originator: 'codex_cli_rs', cli_version: '0.1.0', source: 'cli' });
    for (const p of ['one', 'two']) {
      rec.recordItems([{ type: 'message', role: 'user', content: [{ type: 'input_text', text: p }] }]);
      rec.recordEvent({ type: 'user_message', message: p, kind: 'plain' } as never);
      rec.recordEvent({ type: 'agent_message', message: `answer ${p}` } as never);
    }
    rec.close();
    const said = (r: ReturnType<typeof loadRollout>): string[] => r.events.map((e) => `${e.type}: ${(e as { message: string }).message}`);
    expect(said(loadRollout(forkSession(h, rec.path).path))).toEqual(['user_message: one', 'agent_message: answer one', 'user_message: two', 'agent_message: answer two']);
    expect(said(loadRollout(forkSession(h, rec.path, { nthUserMessage: 1 }).path))).toEqual(['user_message: one', 'agent_message: answer one']);
  });

  it('forking a 0.169 paginated fork copies its history once and drops the pagination pointers', () => {
    const h = home();
    installCaptures(h);
    const src = findRolloutById(h, '01a24a85-2023-7a71-9f81-9b09a7d37bc4')!;
    const f = forkSession(h, src);
    const copy = loadRollout(f.path);
    expect(copy.history).toEqual(loadRollout(src).history);
    expect(copy.meta).not.toHaveProperty('history_base');
    expect(copy.meta).not.toHaveProperty('session_id');
    expect(copy.meta).toMatchObject({ id: f.id, forked_from_id: '01a24a85-2023-7a71-9f81-9b09a7d37bc4', source: 'exec', model_provider: 'mock' });
  });

  it('archives to archived_sessions/ and deletes active or archived sessions', () => {
    const h = home();
    const p1 = session(h, ID(1), '/w', 'one', 1_800_000_000);
    session(h, ID(2), '/w', 'two', 1_800_000_001);
    const dest = archiveSession(h, ID(1));
    expect(dest).toBe(join(h, 'archived_sessions', p1.split('/').pop()!));
    expect(listSessions(h).map((s) => s.id)).toEqual([ID(2)]);
    expect(listSessions(h, { includeArchived: true }).map((s) => [s.id, s.archived])).toEqual([[ID(2), false], [ID(1), true]]);
    expect(() => archiveSession(h, ID(1))).toThrow(/already archived/);
    expect(deleteSession(h, ID(1))).toBe(dest);
    expect(deleteSession(h, ID(2))).toMatch(/rollout-.*0002\.jsonl$/);
    expect(() => deleteSession(h, ID(9))).toThrow(`No active or archived session found matching '${ID(9)}'.`);
    expect(listSessions(h, { includeArchived: true })).toEqual([]);
  });

  it('a file that is not a rollout is skipped by the listing', () => {
    const h = home();
    const dir = join(h, 'sessions', '2026', '01', '01');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `rollout-2026-01-01T00-00-00-${ID(5)}.jsonl`), 'not json\n');
    expect(listSessions(h)).toEqual([]);
    expect(() => loadRollout(join(dir, `rollout-2026-01-01T00-00-00-${ID(5)}.jsonl`))).toThrow(/no session_meta line/);
  });
});

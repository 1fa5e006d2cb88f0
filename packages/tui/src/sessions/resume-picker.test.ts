import { describe, expect, it } from 'vitest';
import { plain } from '../term/style.js';
import { humanSize, relativeTime, ResumePicker, type PickerSession } from './resume-picker.js';

const NOW = Date.parse('2026-12-06T12:00:00Z');
const s = (id: string, ageS: number, prompt: string | null, cwd = '/w', branch?: string): PickerSession => ({
  id,
  path: `/h/${id}.jsonl`,
  cwd,
  updated_at: new Date(NOW - ageS * 1000).toISOString(),
  first_user_message: prompt,
  size_bytes: 2048 + ageS,
  ...(branch ? { git_branch: branch } : {}),
});
const key = (name: string, text?: string) => (text === undefined ? { name } : { name, text });

describe('resume picker', () => {
  it('formats times and sizes', () => {
    expect([5, 300, 7200, 3 * 86_400].map((a) => relativeTime(new Date(NOW - a * 1000).toISOString(), NOW))).toEqual(['5s ago', '5m ago', '2h ago', '3d ago']);
    expect(relativeTime('2026-01-01T00:00:00Z', NOW)).toBe('2026-01-01');
    expect([812, 4300, 1_400_000].map(humanSize)).toEqual(['812 B', '4.2 KB', '1.3 MB']);
  });

  it('draws rows, filters as you type, toggles all, pages and picks', () => {
    const here = [s('a', 60, 'fix the parser', '/w', 'main'), s('b', 3600, 'write docs'), s('c', 7200, null)];
    const all = [...here, s('d', 30, 'elsewhere task', '/other')];
    const picked: string[] = [];
    let cancelled = 0;
    const p = new ResumePicker({ load: (everything) => (everything ? all : here), onPick: (x) => picked.push(x.id), onCancel: () => cancelled++, now: () => NOW });
    let rows = p.render(80, 20).lines.map(plain);
    expect(rows.slice(0, 4)).toEqual([' Resume a previous session', ' Sessions:  This directory  All   (tab)', '', ' Type to search']);
    expect(rows[5]).toBe(' › 1m ago   main  2.1 KB  fix the parser');
    expect(rows[6]).toBe('   1h ago         5.5 KB  write docs');
    expect(rows[7]).toBe('   2h ago         9.0 KB  (no message yet)');
    for (const ch of 'DOCS') p.handle(key('text', ch));
    rows = p.render(80, 20).lines.map(plain);
    expect(rows[3]).toBe(' Search: DOCS');
    expect(rows.filter((r) => r.includes('ago'))).toEqual([' › 1h ago   5.5 KB  write docs']);
    expect(p.handle(key('escape'))).toBe('keep'); // clears the search first
    expect(p.visible()).toHaveLength(3);
    p.handle(key('tab'));
    expect(p.visible().map((x) => x.id)).toEqual(['a', 'b', 'c', 'd']);
    expect(p.render(100, 20).lines.map(plain).some((r) => r.includes('/other') && r.includes('elsewhere task'))).toBe(true);
    p.handle(key('end'));
    expect(p.handle(key('enter'))).toBe('close');
    expect(picked).toEqual(['d']);
    const q = new ResumePicker({ load: () => here, onPick: () => undefined, onCancel: () => cancelled++, now: () => NOW });
    expect(q.handle(key('escape'))).toBe('close');
    expect(cancelled).toBe(1);
  });

  it('keeps the selection on screen when paging through many sessions', () => {
    const many = Array.from({ length: 40 }, (_, i) => s(`id${i}`, i * 60, `task ${i}`));
    const p = new ResumePicker({ load: () => many, onPick: () => undefined, onCancel: () => undefined, now: () => NOW });
    p.render(80, 15);
    p.handle(key('pagedown'));
    p.handle(key('pagedown'));
    const rows = p.render(80, 15).lines.map(plain);
    expect(rows.length).toBeLessThanOrEqual(15);
    const sel = rows.find((r) => r.startsWith(' › '))!;
    expect(sel).toMatch(/task 1[0-9]$/);
    expect(rows.some((r) => r.includes(' / 40'))).toBe(true);
  });
});

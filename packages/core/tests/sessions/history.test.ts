// history.jsonl: Codex's line format, mode 0600, `persistence = "none"`, the max_bytes trim,
// lookups, and several processes appending (and trimming) at once without a torn or lost line.
import { spawn } from 'node:child_process';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDirs } from '@codex-ts/test-support';
import { appendHistoryEntry, historyMetadata, historyPath, lookupHistoryEntry } from '../../src/history/message-history.js';

const tmp = tempDirs(afterEach);
const home = (): string => tmp('codex-history-');
const read = (h: string): { session_id: string; ts: number; text: string }[] =>
  readFileSync(historyPath(h), 'utf8').split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as { session_id: string; ts: number; text: string });

function writers(h: string, n: number, count: number, maxBytes?: number): Promise<void> {
  const script = join(import.meta.dirname, 'history-writer.mjs');
  return Promise.all(
    Array.from({ length: n }, (_, w) =>
      new Promise<void>((resolve, reject) => {
        const child = spawn(process.execPath, [script, h, `w${w}`, String(count), ...(maxBytes ? [String(maxBytes)] : [])], { stdio: ['ignore', 'ignore', 'pipe'] });
        let err = '';
        child.stderr.on('data', (d: Buffer) => (err += d.toString()));
        child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`writer ${w} exited ${code}: ${err}`))));
      }),
    ),
  ).then(() => undefined);
}

describe('history.jsonl', () => {
  it('appends {session_id, ts, text} lines with mode 0600 and answers lookups by inode and offset', async () => {
    const h = home();
    expect(await appendHistoryEntry({ codexHome: h, persistence: 'save-all' }, { session_id: 's1', text: 'first', ts: 1_700_000_000 })).toBe(true);
    await appendHistoryEntry({ codexHome: h, persistence: 'save-all' }, { session_id: 's2', text: 'second\nline', ts: 1_700_000_001 });
    expect(readFileSync(historyPath(h), 'utf8')).toBe('{"session_id":"s1","ts":1700000000,"text":"first"}\n{"session_id":"s2","ts":1700000001,"text":"second\\nline"}\n');
    expect(statSync(historyPath(h)).mode & 0o777).toBe(0o600);
    const meta = historyMetadata(h);
    expect(meta).toEqual({ log_id: Number(statSync(historyPath(h)).ino), entry_count: 2 });
    expect(lookupHistoryEntry(h, meta.log_id, 1)).toEqual({ session_id: 's2', ts: 1_700_000_001, text: 'second\nline' });
    expect(lookupHistoryEntry(h, meta.log_id + 1, 1)).toBeNull();
    expect(lookupHistoryEntry(h, meta.log_id, 5)).toBeNull();
  });

  it('writes nothing with persistence = "none"', async () => {
    const h = home();
    expect(await appendHistoryEntry({ codexHome: h, persistence: 'none' }, { session_id: 's', text: 'secret' })).toBe(false);
    expect(historyMetadata(h)).toEqual({ log_id: 0, entry_count: 0 });
  });

  it('tightens the mode of an existing file to 0600', async () => {
    const h = home();
    writeFileSync(historyPath(h), '', { mode: 0o644 });
    await appendHistoryEntry({ codexHome: h, persistence: 'save-all' }, { session_id: 's', text: 'x' });
    expect(statSync(historyPath(h)).mode & 0o777).toBe(0o600);
  });

  it('trims the oldest lines to 80% of max_bytes once the file grows past it, keeping the newest', async () => {
    const h = home();
    const s = { codexHome: h, persistence: 'save-all' as const, maxBytes: 1000 };
    for (let i = 0; i < 30; i++) await appendHistoryEntry(s, { session_id: 's', text: `entry-${i}-${'y'.repeat(40)}`, ts: 1 });
    const size = statSync(historyPath(h)).size;
    expect(size).toBeLessThanOrEqual(1000);
    const texts = read(h).map((e) => e.text.split('-').slice(0, 2).join('-'));
    expect(texts.at(-1)).toBe('entry-29');
    // Consecutive newest entries: only the oldest were dropped.
    const first = Number(texts[0]!.split('-')[1]);
    expect(texts).toEqual(Array.from({ length: 30 - first }, (_, i) => `entry-${first + i}`));
    // A single entry larger than the cap stays on its own.
    await appendHistoryEntry(s, { session_id: 's', text: 'z'.repeat(2000), ts: 1 });
    expect(read(h).map((e) => e.text.length)).toEqual([2000]);
  });

  it('waits for a flock another process (Codex, or flock(1) here) holds, and fails after the wait', async () => {
    const h = home();
    writeFileSync(historyPath(h), '');
    const holder = spawn('flock', ['-x', historyPath(h), 'sleep', '3'], { stdio: 'ignore' });
    try {
      await new Promise((r) => setTimeout(r, 300)); // let it take the lock
      await expect(appendHistoryEntry({ codexHome: h, persistence: 'save-all' }, { session_id: 's', text: 'blocked' })).rejects.toThrow(/cannot lock .*history\.jsonl: timed out/);
      expect(readFileSync(historyPath(h), 'utf8')).toBe('');
    } finally {
      holder.kill();
    }
  });

  it('four processes appending at once lose no line and tear none', async () => {
    const h = home();
    await writers(h, 4, 20);
    const lines = read(h);
    expect(lines).toHaveLength(80);
    for (let w = 0; w < 4; w++) {
      const mine = lines.filter((l) => l.session_id === `w${w}`).map((l) => Number(l.text.split('-')[1]));
      expect(mine).toEqual([...Array(20).keys()]);
    }
  });

  it('four processes appending and trimming at once keep a valid file under the cap', async () => {
    const h = home();
    await writers(h, 4, 20, 60_000);
    const text = readFileSync(historyPath(h), 'utf8');
    expect(text.endsWith('\n')).toBe(true);
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(60_000);
    const lines = read(h); // throws on a torn line
    expect(lines.length).toBeGreaterThan(0);
    for (let w = 0; w < 4; w++) {
      const mine = lines.filter((l) => l.session_id === `w${w}`).map((l) => Number(l.text.split('-')[1]));
      expect(mine).toEqual([...mine].sort((a, b) => a - b));
    }
  });
});

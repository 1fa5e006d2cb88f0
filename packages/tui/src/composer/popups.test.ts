import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { plain } from '../term/style.js';
import { Composer } from './composer.js';
import { rankInSlices } from './file-popup.js';
import { atToken, ComposerPopups, slashToken } from './popups.js';

const dir = mkdtempSync(join(tmpdir(), 'tui-popups-'));
mkdirSync(join(dir, 'src', 'lib'), { recursive: true });
for (const f of ['src/main.ts', 'src/lib/parser.ts', 'src/lib/lexer.ts', 'README.md', 'my notes.txt', 'ignored.log']) writeFileSync(join(dir, f), 'x\n');
writeFileSync(join(dir, '.gitignore'), '*.log\n');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function setup(): { c: Composer; p: ComposerPopups; type(s: string): void; rows(): string[]; updated(): Promise<void> } {
  const c = new Composer([]);
  let wake: (() => void) | undefined;
  const p = new ComposerPopups(c, () => dir, () => wake?.());
  return {
    c,
    p,
    type(s) {
      for (const ch of s) {
        const r = p.handle({ name: 'text', text: ch });
        if (r.kind === 'none') c.handle({ name: 'text', text: ch });
        p.sync();
      }
    },
    rows: () => p.render(80).map(plain),
    updated: () => new Promise<void>((res) => (wake = res)),
  };
}

/** Wait until the file popup shows `text` (results arrive asynchronously). */
async function until(t: ReturnType<typeof setup>, test: (rows: string[]) => boolean): Promise<string[]> {
  for (let i = 0; i < 200; i++) {
    if (test(t.rows())) return t.rows();
    await Promise.race([t.updated(), new Promise((r) => setTimeout(r, 20))]);
  }
  throw new Error(`popup never matched; rows: ${t.rows().join(' | ')}`);
}

describe('token detection', () => {
  it('finds the @word at the cursor and a leading /word', () => {
    expect(atToken('see @src/ma now', 11)).toEqual({ start: 4, end: 11, query: 'src/ma' });
    expect(atToken('see @src/ma now', 2)).toBeUndefined();
    expect(atToken('mail@host', 9)).toBeUndefined();
    expect(slashToken('/mo', 3)).toBe('mo');
    expect(slashToken('/model gpt', 10)).toBeUndefined();
    expect(slashToken('x /mo', 5)).toBeUndefined();
  });
});

describe('the @ file popup', () => {
  it('shows fuzzy matches while typing; Tab inserts the selected path, quoted when it has spaces', async () => {
    const t = setup();
    t.type('look at @pars');
    const rows = await until(t, (r) => r.some((x) => x.includes('src/lib/parser.ts')));
    expect(rows[0]).toContain('› src/lib/parser.ts');
    expect(rows.join('\n')).not.toContain('lexer');
    expect(t.p.handle({ name: 'tab' })).toEqual({ kind: 'handled' });
    expect(t.c.text).toBe('look at src/lib/parser.ts ');
    expect(t.p.isOpen).toBe(false);
    t.type('and @notes');
    await until(t, (r) => r.some((x) => x.includes('my notes.txt')));
    t.p.handle({ name: 'enter' });
    expect(t.c.text).toBe('look at src/lib/parser.ts and "my notes.txt" ');
  });

  it('respects .gitignore, moves the selection with ↓ and closes on Esc until the word changes', async () => {
    const t = setup();
    t.type('@l');
    await until(t, (r) => r.some((x) => x.includes('lexer')));
    expect(t.rows().join('\n')).not.toContain('ignored.log');
    const first = t.rows()[0]!;
    t.p.handle({ name: 'down' });
    expect(t.rows()[0]).not.toBe(first);
    expect(t.rows()[1]!.startsWith('› ')).toBe(true);
    expect(t.p.handle({ name: 'escape' })).toEqual({ kind: 'handled' });
    t.p.sync();
    expect(t.p.isOpen).toBe(false);
    t.type('e');
    expect(t.p.isOpen).toBe(true);
    await until(t, (r) => r.some((x) => x.includes('lexer')));
  });

  it('says so when nothing matches', async () => {
    const t = setup();
    t.type('@qqqqzz');
    await until(t, (r) => r.some((x) => x.includes('no matches')));
  });
});

describe('the / popup', () => {
  it('filters as you type; Enter runs the highlighted command, Tab completes it', () => {
    const t = setup();
    t.type('/');
    expect(t.rows()[0]).toMatch(/^› \/model +choose what model/);
    t.type('sta');
    expect(t.rows()[0]).toMatch(/^› \/status +show current session configuration/);
    expect(t.p.handle({ name: 'enter' })).toEqual({ kind: 'command', name: 'status' });
    expect(t.c.text).toBe('');
    t.type('/comp');
    t.p.handle({ name: 'tab' });
    expect(t.c.text).toBe('/compact ');
    t.p.sync();
    expect(t.p.isOpen).toBe(false);
  });

  it('shows "no matching commands" and lets Enter through to the composer', () => {
    const t = setup();
    t.type('/zzz');
    expect(t.rows().join('\n')).toContain('no matching commands');
    expect(t.p.handle({ name: 'enter' })).toEqual({ kind: 'none' });
  });
});

describe('rankInSlices', () => {
  it('keeps the best `limit` matches (score, then path) across slices and stops when superseded', async () => {
    const paths = Array.from({ length: 10_000 }, (_, i) => `dir${i % 97}/file${i}.ts`);
    paths.push('main.ts');
    const top = await rankInSlices(paths, 'main', 5, () => true);
    expect(top![0]!.path).toBe('main.ts');
    expect(top!.length).toBe(1);
    const many = await rankInSlices(paths, 'file1', 5, () => true);
    expect(many!.length).toBe(5);
    for (let i = 1; i < many!.length; i++) expect(many![i - 1]!.score).toBeGreaterThanOrEqual(many![i]!.score);
    let calls = 0;
    expect(await rankInSlices(paths, 'file', 5, () => ++calls < 1)).toBeUndefined();
  });
});

describe('FilePopup on a huge tree', () => {
  it('stops walking at maxFiles and ranks the files found by then', async () => {
    const { FilePopup, dropFileSearchCache } = await import('./file-popup.js');
    const big = mkdtempSync(join(tmpdir(), 'tui-popups-cap-'));
    try {
      for (let d = 0; d < 20; d++) {
        mkdirSync(join(big, `d${d}`));
        for (let f = 0; f < 50; f++) writeFileSync(join(big, `d${d}`, `file${f}.txt`), '');
      }
      dropFileSearchCache();
      let wake: () => void = () => undefined;
      const popup = new FilePopup(big, () => wake(), 100);
      popup.setQuery('file');
      for (let i = 0; i < 200 && popup.searching; i++) await new Promise<void>((r) => ((wake = r), setTimeout(r, 20)));
      expect(popup.searching).toBe(false);
      expect(popup.error).toBeUndefined();
      expect(popup.capped).toBe(true);
      expect(popup.fileCount).toBe(100);
      expect(popup.matches.length).toBeGreaterThan(0);
      // Only the first 100 files walked were ranked: a query for another directory's files finds fewer.
      popup.setQuery('file49');
      for (let i = 0; i < 200 && popup.searching; i++) await new Promise<void>((r) => ((wake = r), setTimeout(r, 20)));
      expect(popup.matches.length).toBeLessThanOrEqual(2);
      popup.close();
      dropFileSearchCache();
    } finally {
      rmSync(big, { recursive: true, force: true });
    }
  });
});

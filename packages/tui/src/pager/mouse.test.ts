import { describe, expect, it } from 'vitest';
import { UserCell } from '../cells/cell.js';
import { KeyDecoder, type Key } from '../term/keys.js';
import { plain } from '../term/style.js';
import { TranscriptPager } from './pager.js';
import { Transcript } from './transcript.js';

function transcript(n: number): Transcript {
  const t = new Transcript();
  for (let i = 0; i < n; i++) t.push({ cell: new UserCell(`question ${i}`), user: `question ${i}`, source: `question ${i}` });
  return t;
}
const screen = (p: TranscriptPager, w = 40, h = 12): string[] => p.render(w, h).lines.map((l) => plain(l).trimEnd());
const sgr = (b: number, x: number, y: number, up = false): Key => new KeyDecoder().feed(`\x1b[<${b};${x};${y}${up ? 'm' : 'M'}`)[0]!;

describe('SGR mouse reports', () => {
  it('decode press, drag, release and wheel, and leave keys around them intact', () => {
    const keys = new KeyDecoder().feed('a\x1b[<0;12;5M\x1b[<32;12;7M\x1b[<0;13;7m\x1b[<64;1;1M\x1b[<65;1;1M\x1b[<35;3;3Mb');
    expect(keys).toEqual([
      { name: 'text', text: 'a' },
      { name: 'mouse', mouse: { x: 12, y: 5, kind: 'press', button: 0 } },
      { name: 'mouse', mouse: { x: 12, y: 7, kind: 'drag', button: 0 } },
      { name: 'mouse', mouse: { x: 13, y: 7, kind: 'release', button: 0 } },
      { name: 'mouse', mouse: { x: 1, y: 1, kind: 'wheel-up', button: 0 } },
      { name: 'mouse', mouse: { x: 1, y: 1, kind: 'wheel-down', button: 1 } },
      { name: 'mouse', mouse: { x: 3, y: 3, kind: 'move', button: 3 } },
      { name: 'text', text: 'b' },
    ]);
  });
});

describe('TranscriptPager mouse', () => {
  it('asks for mouse reports, scrolls with the wheel, selects rows by dragging and copies them on release', async () => {
    const copies: Array<[string, string]> = [];
    const p = new TranscriptPager({ transcript: transcript(10), copy: async (text, what) => (copies.push([text, what]), `Copied ${what}`) });
    expect(p.mouse).toBe(true);
    screen(p);
    p.handle({ name: 'home' });
    expect(screen(p)[1]).toBe('  › question 0');
    p.handle(sgr(65, 5, 4));
    expect(screen(p).slice(1, 3)).toEqual(['', '  › question 2']);
    p.handle(sgr(64, 5, 4));
    expect(screen(p)[1]).toBe('  › question 0');
    // Screen row 2 is layout row 0 ("question 0"); drag to screen row 4 ("question 1").
    p.handle(sgr(0, 5, 2));
    p.handle(sgr(32, 6, 3));
    p.handle(sgr(32, 6, 4));
    expect(screen(p).slice(1, 4)).toEqual(['▌ › question 0', '▌', '▌ › question 1']);
    p.handle(sgr(0, 6, 4, true));
    await new Promise((r) => setImmediate(r));
    expect(copies).toEqual([['› question 0\n\n› question 1', 'the selection']]);
    expect(screen(p).at(-1)).toBe(' Copied the selection');
    // y copies the rows again; Esc clears them (and does not close or backtrack).
    p.handle({ name: 'text', text: 'y' });
    await new Promise((r) => setImmediate(r));
    expect(copies).toHaveLength(2);
    expect(p.handle({ name: 'escape' })).toBe('keep');
    expect(screen(p)[1]).toBe('  › question 0');
    // A click without a drag selects nothing and copies nothing.
    p.handle(sgr(0, 5, 2));
    p.handle(sgr(0, 5, 2, true));
    expect(copies).toHaveLength(2);
    expect(screen(p)[1]).toBe('  › question 0');
  });

  it('a drag past the bottom edge scrolls the view and extends the selection', () => {
    const copies: string[] = [];
    const p = new TranscriptPager({ transcript: transcript(10), copy: async (text) => (copies.push(text), 'ok') });
    screen(p);
    p.handle({ name: 'home' });
    p.handle(sgr(0, 5, 2));
    // Content rows are screen rows 2..9 (12 rows: header, 8 content, separator, 2 hints).
    p.handle(sgr(32, 5, 11));
    p.handle(sgr(32, 5, 11));
    // Two rows scrolled: the selection runs from row 0 (now above the view) to row 9.
    const s = screen(p);
    expect(s[1]).toBe('▌ › question 1');
    expect(s.slice(7, 9)).toEqual(['▌ › question 4', '▌']);
    p.handle(sgr(0, 5, 11, true));
    expect(copies[0]!.split('\n')[0]).toBe('› question 0');
    expect(copies[0]!.split('\n').at(-1)).toBe('› question 4');
  });
});

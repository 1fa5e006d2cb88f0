import { describe, expect, it } from 'vitest';
import { NoticeCell, UserCell } from '../cells/cell.js';
import { AgentCell } from '../cells/agent-cell.js';
import type { Key } from '../term/keys.js';
import { plain } from '../term/style.js';
import { TranscriptPager } from './pager.js';
import { Transcript } from './transcript.js';

const key = (name: string, more: Partial<Key> = {}): Key => ({ name, ...more });
const ch = (text: string): Key => ({ name: 'text', text });

function transcript(n: number): Transcript {
  const t = new Transcript();
  for (let i = 0; i < n; i++) {
    t.push({ cell: new UserCell(`question ${i}`), user: `question ${i}`, source: `question ${i}` });
    const a = new AgentCell();
    a.text = `answer **${i}**`;
    t.push({ cell: a, source: a.text });
  }
  return t;
}

const screen = (p: TranscriptPager, w = 40, h = 12): string[] => p.render(w, h).lines.map((l) => plain(l).trimEnd());

describe('TranscriptPager', () => {
  it('shows the whole transcript, follows the bottom, scrolls and fits 40 columns', () => {
    const p = new TranscriptPager({ transcript: transcript(5) });
    let s = screen(p);
    expect(s).toHaveLength(12);
    expect(s[0]).toMatch(/^\/ T R A N S C R I P T \//);
    expect(s.slice(1, 9)).toEqual(['  • answer 2', '', '  › question 3', '', '  • answer 3', '', '  › question 4', '', '  • answer 4'].slice(-8));
    expect(s[10]).toContain('↑/↓ to scroll');
    for (const row of s) expect(row.length).toBeLessThanOrEqual(40);
    expect(s[9]).toMatch(/─ 100% ─$/);
    p.handle(key('home'));
    s = screen(p);
    expect(s[1]).toBe('  › question 0');
    expect(s[9]).toMatch(/ 0% /);
    p.handle(key('down'));
    expect(screen(p)[1]).toBe('');
    expect(p.handle(ch('q'))).toBe('close');
  });

  it('searches with / and steps through matches with n and N', () => {
    const p = new TranscriptPager({ transcript: transcript(20) });
    screen(p);
    p.handle(key('home'));
    p.handle(ch('/'));
    for (const c of 'answer 1') p.handle(ch(c));
    expect(screen(p).at(-1)).toBe('/answer 1');
    p.handle(key('enter'));
    let s = screen(p);
    // The first match at or below the top of the view ("answer 1" also matches 10-19).
    expect(s.at(-1)).toMatch(/Match 1 of 11 for "answer 1"/);
    expect(s).toContain('  • answer 1');
    p.handle(ch('n'));
    expect(screen(p).at(-1)).toMatch(/Match 2 of 11/);
    expect(screen(p)).toContain('  • answer 10');
    p.handle(ch('N'));
    p.handle(ch('N'));
    expect(screen(p).at(-1)).toMatch(/Match 11 of 11/);
    p.handle(ch('/'));
    for (const c of 'zebra') p.handle(ch(c));
    p.handle(key('enter'));
    expect(screen(p).at(-1)).toBe(' Pattern not found: zebra');
  });

  it('selects a range of cells with v and ↓ and copies their text with y', async () => {
    const copied: Array<[string, string]> = [];
    const p = new TranscriptPager({ transcript: transcript(3), copy: async (text, what) => (copied.push([text, what]), `Copied ${what}`) });
    screen(p);
    p.handle(key('home'));
    screen(p);
    p.handle(ch('v'));
    p.handle(key('down'));
    p.handle(key('down'));
    const s = screen(p);
    expect(s.filter((r) => r.startsWith('▌')).length).toBe(3);
    p.handle(ch('y'));
    await new Promise((r) => setImmediate(r));
    expect(copied).toEqual([['question 0\n\nanswer **0**\n\nquestion 1', '3 cells']]);
    expect(screen(p).at(-1)).toBe(' Copied 3 cells');
    // y outside selection copies the cell at the top of the view; non-text cells copy their rows.
    const t = new Transcript();
    t.push({ cell: new NoticeCell('disk full', 'error') });
    const q = new TranscriptPager({ transcript: t, copy: async (text) => (copied.push([text, '']), 'ok') });
    screen(q);
    q.handle(ch('y'));
    await new Promise((r) => setImmediate(r));
    expect(copied.at(-1)).toEqual(['■ disk full', '']);
  });

  it('backtrack: highlights the latest user message, Esc/← go older, → newer, Enter picks it', () => {
    const picked: Array<[number, string]> = [];
    const p = new TranscriptPager({ transcript: transcript(4), backtrack: true, onEdit: (n, text) => picked.push([n, text]) });
    const marked = () => screen(p, 60, 30).filter((r) => r.startsWith('▌'));
    expect(marked()).toEqual(['▌ › question 3']);
    p.handle(key('escape'));
    p.handle(key('left'));
    expect(marked()).toEqual(['▌ › question 1']);
    p.handle(key('right'));
    expect(marked()).toEqual(['▌ › question 2']);
    expect(screen(p, 80, 30).at(-1)).toContain('enter to edit message');
    expect(p.handle(key('enter'))).toBe('close');
    expect(picked).toEqual([[2, 'question 2']]);
    // Esc in the plain pager starts backtracking when an edit handler is given.
    const q = new TranscriptPager({ transcript: transcript(2), onEdit: () => undefined });
    expect(q.handle(key('escape'))).toBe('keep');
    expect(q.isBacktrack).toBe(true);
  });

  it('keeps the current match on screen across a resize', () => {
    const p = new TranscriptPager({ transcript: transcript(40) });
    screen(p, 60, 12);
    p.handle(ch('/'));
    p.handle(ch('question 7'));
    p.handle(key('enter'));
    expect(screen(p, 60, 12)).toContain('  › question 7');
    const narrow = screen(p, 20, 9);
    expect(narrow).toContain('  › question 7');
    expect(narrow.at(-1)).toMatch(/^ Match 1 of 1/);
  });

  it('keeps scrolled-off history and the live tail; re-renders at a new width', () => {
    const t = transcript(30);
    const live = new AgentCell();
    live.text = 'streaming now';
    const p = new TranscriptPager({ transcript: t, live: () => [live] });
    expect(screen(p, 40, 10).slice(1, 7)).toContain('  • streaming now');
    p.handle(key('home'));
    expect(screen(p, 20, 10)[1]).toBe('  › question 0');
  });
});

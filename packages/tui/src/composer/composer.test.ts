import { describe, expect, it } from 'vitest';
import { plain } from '../term/style.js';
import { Composer } from './composer.js';
import { HistoryCursor } from './history.js';

const t = (text: string) => ({ name: 'text', text });

describe('Composer', () => {
  it('edits with the usual keys and submits trimmed text on Enter', () => {
    const c = new Composer([]);
    c.handle(t('hello world'));
    c.handle({ name: 'w', ctrl: true });
    expect(c.text).toBe('hello ');
    c.handle({ name: 'a', ctrl: true });
    c.handle(t('> '));
    c.handle({ name: 'e', ctrl: true });
    c.handle({ name: 'backspace' });
    expect(c.text).toBe('> hello');
    expect(c.handle({ name: 'enter' })).toEqual({ kind: 'submit', text: '> hello', images: [] });
    expect(c.text).toBe('');
    expect(c.handle({ name: 'enter' })).toEqual({ kind: 'handled' });
  });

  it('inserts newlines with Shift+Enter / Ctrl+J and moves between lines with Up/Down', () => {
    const c = new Composer(['old']);
    c.handle(t('ab'));
    c.handle({ name: 'enter', shift: true });
    c.handle(t('cd'));
    c.handle({ name: 'j', ctrl: true });
    c.handle(t('e'));
    expect(c.text).toBe('ab\ncd\ne');
    c.handle({ name: 'up' });
    c.handle(t('X'));
    expect(c.text).toBe('ab\ncXd\ne');
    const r = c.render(20, false);
    expect(r.lines.map(plain)).toEqual(['› ab', '  cXd', '  e']);
    expect(r.cursor).toEqual({ row: 1, col: 4 });
  });

  it('recalls history on Up at the first line and restores the draft on Down', () => {
    const c = new Composer(['first', 'second']);
    c.handle(t('draft'));
    c.handle({ name: 'up' });
    expect(c.text).toBe('second');
    c.handle({ name: 'up' });
    expect(c.text).toBe('first');
    c.handle({ name: 'down' });
    c.handle({ name: 'down' });
    expect(c.text).toBe('draft');
  });

  it('wraps long input and keeps the cursor on the right row', () => {
    const c = new Composer([]);
    c.handle(t('abcdefghij'));
    const r = c.render(6, false);
    expect(r.lines.map(plain)).toEqual(['› abcd', '  efgh', '  ij']);
    expect(r.cursor).toEqual({ row: 2, col: 4 });
  });

  it('strips control characters from pasted text', () => {
    const c = new Composer([]);
    c.handle({ name: 'paste', text: 'a\x1b[31mb\r\nc' });
    expect(c.text).toBe('ab\nc');
  });
});

describe('HistoryCursor', () => {
  it('stops at both ends', () => {
    const h = new HistoryCursor(['a']);
    expect(h.next()).toBeUndefined();
    expect(h.prev('x')).toBe('a');
    expect(h.prev('a')).toBeUndefined();
    expect(h.next()).toBe('x');
  });
});

describe('notificationKinds', () => {
  it('reads [tui] notifications like Codex: true, false, a list; unset = approvals only', async () => {
    const { notificationKinds } = await import('../app/notifications.js');
    expect([...notificationKinds(undefined)]).toEqual(['approval-requested']);
    expect([...notificationKinds(true)].sort()).toEqual(['agent-turn-complete', 'approval-requested']);
    expect([...notificationKinds(false)]).toEqual([]);
    expect([...notificationKinds(['agent-turn-complete', 'bogus'])]).toEqual(['agent-turn-complete']);
  });
});

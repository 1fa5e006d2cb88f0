import { describe, expect, it } from 'vitest';
import { KeyDecoder } from './keys.js';

describe('KeyDecoder', () => {
  it('decodes text, control keys, arrows with modifiers and a lone Esc', () => {
    const d = new KeyDecoder();
    expect(d.feed('ab\r')).toEqual([{ name: 'text', text: 'ab' }, { name: 'enter' }]);
    expect(d.feed('\x03')).toEqual([{ name: 'c', ctrl: true }]);
    expect(d.feed('\n')).toEqual([{ name: 'j', ctrl: true }]);
    expect(d.feed('\x1b[A\x1b[1;5D\x1b[3~')).toEqual([{ name: 'up' }, { name: 'left', ctrl: true }, { name: 'delete' }]);
    expect(d.feed('\x1b')).toEqual([{ name: 'escape' }]);
    expect(d.feed('\x7f')).toEqual([{ name: 'backspace' }]);
  });

  it('decodes Shift+Enter (kitty and modifyOtherKeys) and Alt+Enter', () => {
    const d = new KeyDecoder();
    expect(d.feed('\x1b[13;2u')).toEqual([{ name: 'enter', shift: true }]);
    expect(d.feed('\x1b[27;2;13~')).toEqual([{ name: 'enter', shift: true }]);
    expect(d.feed('\x1b\r')).toEqual([{ name: 'enter', meta: true }]);
  });

  it('keeps a bracketed paste whole, even across chunks', () => {
    const d = new KeyDecoder();
    expect(d.feed('\x1b[200~line 1\nli')).toEqual([]);
    expect(d.feed('ne 2\x1b[201~x')).toEqual([{ name: 'paste', text: 'line 1\nline 2' }, { name: 'text', text: 'x' }]);
  });
});

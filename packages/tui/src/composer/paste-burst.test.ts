import { describe, expect, it } from 'vitest';
import { KeyDecoder } from '../term/keys.js';
import { foldPasteBurst } from './paste-burst.js';

const keys = (chunk: string) => foldPasteBurst(new KeyDecoder().feed(chunk));

describe('foldPasteBurst', () => {
  it('turns text with inner newlines from one read into a paste', () => {
    expect(keys('line one\rline two\r')).toEqual([{ name: 'paste', text: 'line one\nline two\n' }]);
    expect(keys('a\r\rb')).toEqual([{ name: 'paste', text: 'a\n\nb' }]);
  });

  it('leaves a typed line (Enter last), single keys and escape sequences alone', () => {
    expect(keys('Hello\r')).toEqual([{ name: 'text', text: 'Hello' }, { name: 'enter' }]);
    expect(keys('y')).toEqual([{ name: 'text', text: 'y' }]);
    expect(keys('\rabc')).toEqual([{ name: 'enter' }, { name: 'text', text: 'abc' }]);
    expect(keys('ab\x1b[Dc\rd').some((k) => k.name === 'left')).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import { seekSequence } from './seek-sequence.js';

describe('seekSequence', () => {
  it('finds an exact match from the start index', () => {
    expect(seekSequence(['foo', 'bar', 'baz', 'bar', 'baz'], ['bar', 'baz'], 2, false)).toBe(3);
  });
  it('ignores trailing whitespace, then surrounding whitespace', () => {
    expect(seekSequence(['foo   ', 'bar\t\t'], ['foo', 'bar'], 0, false)).toBe(0);
    expect(seekSequence(['    foo   ', '   bar\t'], ['foo', 'bar'], 0, false)).toBe(0);
  });
  it('prefers a stricter pass over an earlier looser match', () => {
    expect(seekSequence(['  x', 'x'], ['x'], 0, false)).toBe(1);
  });
  it('normalises typographic punctuation', () => {
    const line = 'import asyncio  # local import \u2013 avoids top\u2011level dep \u201cq\u201d \u2018s\u2019\u00a0x';
    expect(seekSequence(['a', line], ['import asyncio  # local import - avoids top-level dep "q" \'s\' x'], 0, false)).toBe(1);
  });
  it('pins End of File patterns to the end', () => {
    expect(seekSequence(['a', 'b', 'a', 'b'], ['a', 'b'], 0, true)).toBe(2);
    expect(seekSequence(['a', 'b', 'c'], ['a', 'b'], 0, true)).toBe(-1);
  });
  it('handles empty and oversized patterns', () => {
    expect(seekSequence(['a'], [], 1, false)).toBe(1);
    expect(seekSequence(['just one line'], ['too', 'many', 'lines'], 0, false)).toBe(-1);
  });
});

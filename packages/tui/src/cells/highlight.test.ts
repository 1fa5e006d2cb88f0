import { describe, expect, it } from 'vitest';
import { highlightCode, langFromName, langFromPath, type HighlightState } from './highlight.js';

const classes = (line: string, lang: string | undefined, state?: HighlightState) =>
  highlightCode(line, lang, state).map((s) => [s.t, s.s?.fg ?? null]);

describe('highlightCode', () => {
  it('colours TypeScript keywords, strings, numbers, types and comments', () => {
    expect(classes('export const x: Foo = 42; // "hi"', 'ts')).toEqual([
      ['export', 'magenta'],
      [' ', null],
      ['const', 'magenta'],
      [' x: ', null],
      ['Foo', 'cyan'],
      [' = ', null],
      ['42', 'yellow'],
      ['; ', null],
      ['// "hi"', 'gray'],
    ]);
  });

  it('uses the language: # is a Python comment but not a JavaScript one; unknown languages get no keywords', () => {
    expect(classes('return x # note', 'python')).toEqual([['return', 'magenta'], [' x ', null], ['# note', 'gray']]);
    expect(classes('a.b # c', 'js')).toEqual([['a.b # c', null]]);
    expect(classes('return "s" 7', undefined)).toEqual([['return ', null], ['"s"', 'green'], [' ', null], ['7', 'yellow']]);
  });

  it('carries a block comment across lines and merges a base style (diff background) into every span', () => {
    const state: HighlightState = {};
    expect(classes('a /* start', 'rs', state)).toEqual([['a ', null], ['/* start', 'gray']]);
    expect(classes('still */ fn', 'rs', state)).toEqual([['still */', 'gray'], [' ', null], ['fn', 'magenta']]);
    const spans = highlightCode('let y', 'rs', {}, { bg: 'add' });
    expect(spans.every((s) => s.s?.bg === 'add')).toBe(true);
  });

  it('maps fence names and file extensions to languages', () => {
    expect([langFromName('TypeScript'), langFromName('py'), langFromName('brainfuck')]).toEqual(['js', 'py', undefined]);
    expect([langFromPath('src/a.tsx'), langFromPath('x/Makefile'), langFromPath('lib.rs'), langFromPath('notes.txt'), langFromPath('.env')]).toEqual(['js', 'sh', 'rs', undefined, undefined]);
  });
});

import { describe, expect, it } from 'vitest';
import { formatMatch, parseArgs } from './cli.js';

describe('parseArgs', () => {
  it('uses Codex defaults', () => {
    expect(parseArgs(['main'])).toEqual({
      json: false, limit: 64, cwd: undefined, computeIndices: false, threads: 2, exclude: [],
      noIgnore: false, pattern: 'main', help: false, version: false,
    });
  });

  it('accepts long, short, inline and repeated forms', () => {
    expect(parseArgs(['--json', '-l', '5', '-C/tmp', '--threads=3', '-e', 'a', '--exclude=b', '--compute-indices', 'x'])).toEqual({
      json: true, limit: 5, cwd: '/tmp', computeIndices: true, threads: 3, exclude: ['a', 'b'],
      noIgnore: false, pattern: 'x', help: false, version: false,
    });
  });

  it('rejects bad values and extra arguments', () => {
    expect(() => parseArgs(['--limit', '0', 'x'])).toThrow("invalid value '0' for '--limit <LIMIT>'");
    expect(() => parseArgs(['a', 'b'])).toThrow("unexpected argument 'b' found");
    expect(() => parseArgs(['--bogus'])).toThrow("unexpected argument '--bogus' found");
  });
});

describe('formatMatch', () => {
  it('prints JSON in Codex key order and bolds highlighted chars', () => {
    const m = { score: 10, path: 'a/bc', indices: [0, 3] };
    expect(formatMatch(m, { json: true, highlight: false })).toBe('{"score":10,"path":"a/bc","indices":[0,3]}');
    expect(formatMatch(m, { json: false, highlight: true })).toBe('\x1b[1ma\x1b[0m/b\x1b[1mc\x1b[0m');
    expect(formatMatch(m, { json: false, highlight: false })).toBe('a/bc');
  });
});

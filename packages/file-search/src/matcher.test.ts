import { describe, expect, it } from 'vitest';
import { compilePattern, fuzzyMatch, matchPattern, scorePattern } from './matcher.js';

function rank(pattern: string, paths: string[]): string[] {
  const p = compilePattern(pattern);
  return paths
    .map((path) => ({ path, score: scorePattern(p, path) }))
    .filter((x) => x.score >= 0)
    .sort((a, b) => b.score - a.score || (a.path < b.path ? -1 : 1))
    .map((x) => x.path);
}

describe('fuzzy matcher ranking', () => {
  it('finds src/main.rs before docs/domain.rst for main.rs', () => {
    expect(rank('main.rs', ['docs/domain.rst', 'src/main.rs', 'README.md'])).toEqual(['src/main.rs', 'docs/domain.rst']);
  });

  it('weighs the file name above the directories', () => {
    expect(rank('main', ['main/lib/util.ts', 'src/main.ts'])).toEqual(['src/main.ts', 'main/lib/util.ts']);
  });

  it('prefers word boundaries and camelCase humps over mid-word hits', () => {
    expect(rank('fb', ['src/xfxb.ts', 'src/fooBar.ts'])).toEqual(['src/fooBar.ts', 'src/xfxb.ts']);
    expect(rank('fb', ['src/foobar.ts', 'src/foo_bar.ts'])).toEqual(['src/foo_bar.ts', 'src/foobar.ts']);
  });

  it('prefers consecutive runs over scattered letters', () => {
    expect(rank('abc', ['a/x/b/y/c.ts', 'lib/abc.ts'])).toEqual(['lib/abc.ts', 'a/x/b/y/c.ts']);
  });

  it('uses smart case: lowercase is insensitive, uppercase is exact', () => {
    expect(rank('readme', ['README.md', 'docs/readme.txt'])).toEqual(['README.md', 'docs/readme.txt']);
    expect(rank('README', ['README.md', 'docs/readme.txt'])).toEqual(['README.md']);
  });

  it('requires every whitespace-separated term to match', () => {
    expect(rank('src main', ['src/main.rs', 'docs/main.md', 'src/lib.rs'])).toEqual(['src/main.rs']);
  });

  it('returns -1 for a non-match and matches everything for an empty pattern', () => {
    expect(scorePattern(compilePattern('zzz'), 'hello')).toBe(-1);
    expect(scorePattern(compilePattern(''), 'hello')).toBe(0);
  });
});

describe('highlight indices', () => {
  it('marks the best alignment, not the first greedy one', () => {
    expect(fuzzyMatch('main.rs', 'src/main.rs')).toEqual({ score: expect.any(Number), indices: [4, 5, 6, 7, 8, 9, 10] });
    expect(fuzzyMatch('mr', 'maker/main.rs')?.indices).toEqual([6, 11]);
  });

  it('merges the indices of several terms, sorted and unique', () => {
    expect(fuzzyMatch('lib a', 'src/lib/a.ts')?.indices).toEqual([4, 5, 6, 8]);
  });

  it('counts Unicode code points, not UTF-16 units', () => {
    expect(fuzzyMatch('ab', '😀/a😀b')?.indices).toEqual([2, 4]);
  });

  it('ignores accents when the pattern has none', () => {
    expect(fuzzyMatch('cafe', 'menu/café.txt')?.indices).toEqual([5, 6, 7, 8]);
  });
});

describe('banded scoring', () => {
  it('gives the same score as the full alignment used for indices, and never prunes a reachable score', () => {
    let seed = 7;
    const rnd = (n: number): number => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    const alphabet = 'abcAB/_.-x';
    const mismatches: string[] = [];
    for (let k = 0; k < 3000; k++) {
      let text = '';
      for (let i = 0, n = 1 + rnd(40); i < n; i++) text += alphabet[rnd(alphabet.length)];
      let pattern = '';
      for (let i = 0, n = 1 + rnd(5); i < n; i++) pattern += alphabet[rnd(alphabet.length)];
      const p = compilePattern(pattern);
      const full = matchPattern(p, text)?.score ?? -1;
      if (scorePattern(p, text) !== full) mismatches.push(`${pattern} @ ${text}`);
      // The pruning bound must never hide a score that reaches the requested minimum.
      if (full >= 0 && scorePattern(p, text, full) !== full) mismatches.push(`bound: ${pattern} @ ${text}`);
    }
    expect(mismatches).toEqual([]);
  });
});

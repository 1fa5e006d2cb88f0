import { describe, expect, it } from 'vitest';
import { compilePattern, scorePattern } from './matcher.js';
import { rankPaths } from './search.js';

describe('rankPaths', () => {
  it('matches a brute-force sort of every score (pruning changes nothing)', () => {
    const paths: string[] = [];
    const words = ['index', 'main', 'lib', 'src', 'util', 'Index', 'in-dex', 'i_n_d_e_x'];
    for (let i = 0; i < 2000; i++) {
      paths.push(`${words[i % 8]}/${words[(i * 7) % 8]}${i % 13}/${words[(i * 3) % 8]}.${i % 2 ? 'js' : 'ts'}`);
    }
    for (const q of ['index.js', 'src lib', 'ijs', 'Index']) {
      const p = compilePattern(q);
      const all = paths
        .map((path) => ({ score: scorePattern(p, path), path }))
        .filter((x) => x.score >= 0)
        .sort((a, b) => b.score - a.score || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
      expect(rankPaths(paths, q, { limit: 7 })).toEqual({ matches: all.slice(0, 7), totalMatchCount: all.length });
    }
  });
});

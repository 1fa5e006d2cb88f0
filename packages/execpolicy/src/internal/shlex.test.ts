// The one command-line join of codex-ts: Rust `shlex::try_join`'s output byte for byte on
// known cases, and a join that splits back into exactly the words given, by our splitter
// and by a real shell.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { NUL_COMMAND_PLACEHOLDER, shlexJoin, shlexQuote, shlexSplit, shlexTryJoin } from './shlex.js';

// A small deterministic generator, so a failure names a reproducible case.
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}
const ALPHABET = [..."aZ09-_./:@]+=,*?[]{}~#%^!$`'\"\\ \t\n;&|<>()é"];
function randomWords(next: () => number): string[] {
  const n = 1 + Math.floor(next() * 4);
  return Array.from({ length: n }, () => Array.from({ length: Math.floor(next() * 7) }, () => ALPHABET[Math.floor(next() * ALPHABET.length)]!).join(''));
}

describe('shlexJoin (Rust shlex::try_join)', () => {
  it('renders words as shlex::try_join does', () => {
    expect(shlexJoin(['echo', 'hello world', '', "it's", 'a=b', '!x', String.raw`a\b`, '^x'])).toBe(
      String.raw`echo 'hello world' '' "it's" 'a=b' '!x' "a\\b" '^x'`,
    );
    expect(shlexJoin(['bash', '-lc', 'ls -la && cat README.md'])).toBe("bash -lc 'ls -la && cat README.md'");
    expect(shlexJoin(['rg', '--files', 'src/a_b.ts', 'user@host:1'])).toBe('rg --files src/a_b.ts user@host:1');
    // A quote and a `!` in one word: chunks with different quoting, never a loose '\'' splice.
    expect(shlexQuote("don't!")).toBe(`"don't"'!'`);
    expect(shlexQuote("it's $HOME")).toBe(`"it's "'$HOME'`);
  });

  it('a NUL byte cannot be joined: undefined from shlexTryJoin, the placeholder from shlexJoin', () => {
    expect(shlexTryJoin(['a', 'b\0c'])).toBeUndefined();
    expect(shlexJoin(['a', 'b\0c'])).toBe(NUL_COMMAND_PLACEHOLDER);
  });

  const next = rng(18);
  const cases = Array.from({ length: 300 }, () => randomWords(next));

  it('splits back into the same words (our splitter), 300 random word lists', () => {
    const bad = cases.filter((words) => JSON.stringify(shlexSplit(shlexJoin(words))) !== JSON.stringify(words));
    expect(bad).toEqual([]);
  });

  it('a real shell reads the joined line back as the same words', () => {
    const RS = '\u001e';
    const script = cases.map((words) => `printf '%s\\0' ${shlexJoin(words)}; printf '\\036'`).join('\n');
    const r = spawnSync('/bin/sh', ['-c', script], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    const got = r.stdout
      .split(RS)
      .slice(0, -1)
      .map((chunk) => chunk.split('\0').slice(0, -1));
    expect(got).toEqual(cases);
  });
});

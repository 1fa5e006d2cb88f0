import { describe, expect, it } from 'vitest';
import { shellJoin, shellQuote } from './shell-join.js';

describe('shellJoin', () => {
  it('leaves safe words bare and single-quotes the rest, like shlex::try_join', () => {
    expect(shellJoin(['bash', '-lc', 'ls'])).toBe('bash -lc ls');
    expect(shellJoin(['/bin/bash', '-lc', 'ls -la && cat README.md'])).toBe("/bin/bash -lc 'ls -la && cat README.md'");
    expect(shellJoin(['echo', ''])).toBe("echo ''");
    expect(shellJoin(['rg', '--files', 'src/a_b.ts', 'user@host:1'])).toBe('rg --files src/a_b.ts user@host:1');
  });

  it('double-quotes a word holding a single quote, escaping what double quotes expand', () => {
    expect(shellQuote("it's $HOME")).toBe('"it\'s \\$HOME"');
    expect(shellQuote("don't!")).toBe("'don'\\''t!'");
    expect(shellQuote('a=b')).toBe("'a=b'");
  });
});

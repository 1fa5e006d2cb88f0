// The suite's own environment (scripts/test-home.ts, scripts/test-setup.ts): every test file
// runs with a HOME of the run's own, made under the temp dir, without the host's shell
// start-up files or ~/.codex, and without the host's Codex/OpenAI settings.
import { lstatSync, readdirSync, readlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';

describe('the test environment', () => {
  it('has a HOME of its own under the temp dir, linking the real one but its shell start-up files and .codex', () => {
    const home = process.env.HOME!;
    const real = process.env.CODEX_TEST_REAL_HOME!;
    expect([home === real, dirname(home), home.startsWith(`${tmpdir()}/codex-test-home-`)]).toEqual([false, tmpdir(), true]);
    // Tests may add files of their own to it (a Python REPL's history, say); links go only to
    // the real home's entries of the same name, never to the excluded ones.
    const excluded = ['.codex', '.bashrc', '.bash_profile', '.bash_login', '.bash_logout', '.profile', '.zshrc', '.zprofile', '.zshenv', '.zlogin'];
    const links = readdirSync(home).filter((n) => lstatSync(join(home, n)).isSymbolicLink());
    expect(links.filter((n) => excluded.includes(n) || readlinkSync(join(home, n)) !== join(real, n))).toEqual([]);
    expect(links.length > 0 || readdirSync(real).every((n) => excluded.includes(n))).toBe(true);
  });

  it('carries none of the host Codex/OpenAI settings but the suite switches', () => {
    const leaked = Object.keys(process.env).filter((k) => (/^(CODEX|OPENAI)_/.test(k) && !/^CODEX_TEST_|^CODEX_REAL_BIN$/.test(k)) || k === 'BROWSER');
    expect(leaked).toEqual([]);
  });
});

import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { setProjectTrusted, TrustConfigError, withTrustedProject } from './trust-config.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const home = (): string => {
  const d = mkdtempSync(join(tmpdir(), 'codex-trust-'));
  dirs.push(d);
  return d;
};

describe('trust decision in config.toml', () => {
  it('appends the table, keeping comments and every other byte', () => {
    expect(withTrustedProject('# top\nmodel = "o3" # why\n\n[tui]\nx = 1\n', '/w/p')).toBe('# top\nmodel = "o3" # why\n\n[tui]\nx = 1\n\n[projects."/w/p"]\ntrust_level = "trusted"\n');
    expect(withTrustedProject('', '/w/p')).toBe('[projects."/w/p"]\ntrust_level = "trusted"\n');
  });

  it('rewrites the trust_level of an existing table for that path, or adds it there', () => {
    const text = '[projects."/w/p"]\ntrust_level = "untrusted" # was\nnote = 1\n\n[projects."/other"]\ntrust_level = "untrusted"\n';
    expect(withTrustedProject(text, '/w/p')).toBe('[projects."/w/p"]\ntrust_level = "trusted"\nnote = 1\n\n[projects."/other"]\ntrust_level = "untrusted"\n');
    expect(withTrustedProject("[projects.'/w/p']\nnote = 1\n", '/w/p')).toBe("[projects.'/w/p']\ntrust_level = \"trusted\"\nnote = 1\n");
  });

  it('escapes quotes and backslashes in the path', () => {
    const h = home();
    const odd = '/w/a "quoted" \\ dir';
    setProjectTrusted(h, odd);
    expect(readFileSync(join(h, 'config.toml'), 'utf8')).toBe('[projects."/w/a \\"quoted\\" \\\\ dir"]\ntrust_level = "trusted"\n');
    expect(statSync(join(h, 'config.toml')).mode & 0o777).toBe(0o600);
  });

  it('refuses a layout it cannot rewrite and invalid TOML, writing nothing', () => {
    const h = home();
    const file = join(h, 'config.toml');
    const inline = 'projects = { "/w/p" = { trust_level = "untrusted" } }\n';
    writeFileSync(file, inline);
    expect(() => setProjectTrusted(h, '/w/p')).toThrow(TrustConfigError);
    expect(readFileSync(file, 'utf8')).toBe(inline);
    writeFileSync(file, 'model = \n');
    expect(() => setProjectTrusted(h, '/w/p')).toThrow(/invalid TOML, not edited/);
    expect(readFileSync(file, 'utf8')).toBe('model = \n');
  });
});

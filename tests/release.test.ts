// `npm run release -- <version>` on a throwaway copy of the workspace's package.json files:
// one version everywhere, a CHANGELOG.md section from the git log since the last tag, and
// bad versions refused without touching anything.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const repo = resolve(import.meta.dirname, '..');
let dir: string;

const git = (...args: string[]) => spawnSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', ...args], { cwd: dir, encoding: 'utf8' });
const release = (...args: string[]) => spawnSync(process.execPath, [join(dir, 'scripts', 'release.mjs'), ...args], { cwd: dir, encoding: 'utf8' });
const versions = () =>
  [join(dir, 'package.json'), ...readdirSync(join(dir, 'packages')).map((p) => join(dir, 'packages', p, 'package.json'))].map(
    (f) => (JSON.parse(readFileSync(f, 'utf8')) as { version: string }).version,
  );

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'codex-release-'));
  mkdirSync(join(dir, 'scripts'));
  copyFileSync(join(repo, 'scripts', 'release.mjs'), join(dir, 'scripts', 'release.mjs'));
  copyFileSync(join(repo, 'package.json'), join(dir, 'package.json'));
  for (const p of readdirSync(join(repo, 'packages'))) {
    if (!existsSync(join(repo, 'packages', p, 'package.json'))) continue;
    mkdirSync(join(dir, 'packages', p), { recursive: true });
    copyFileSync(join(repo, 'packages', p, 'package.json'), join(dir, 'packages', p, 'package.json'));
  }
  git('init', '-q');
  git('add', '.');
  git('commit', '-qm', 'core: first engine');
  git('tag', 'v0.1.0');
  writeFileSync(join(dir, 'a.txt'), 'a');
  git('add', '.');
  git('commit', '-qm', 'cli: add a flag');
  writeFileSync(join(dir, 'b.txt'), 'b');
  git('add', '.');
  git('commit', '-qm', 'fix a typo');
});

afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('npm run release', () => {
  it('sets one version everywhere and writes the changelog from the commits since the last tag', () => {
    const r = release('0.2.0');
    expect(r.status).toBe(0);
    expect(new Set(versions())).toEqual(new Set(['0.2.0']));
    const date = new Date().toISOString().slice(0, 10);
    expect(readFileSync(join(dir, 'CHANGELOG.md'), 'utf8')).toBe(
      `# Changelog\n\n## 0.2.0 (${date})\n\nChanges since v0.1.0.\n\n### cli\n\n- add a flag\n\n### other\n\n- fix a typo\n\n`,
    );
    // Workspace ranges stay: pack turns them into the released version.
    expect(readFileSync(join(dir, 'packages', 'cli', 'package.json'), 'utf8')).toContain('"@codex-ts/core": "workspace:*"');
  });

  it('refuses a malformed or lower version and changes nothing', () => {
    for (const bad of ['1.2', 'v1.0.0', '0.0.9']) {
      const r = release(bad);
      expect(r.status, bad).toBe(1);
      expect(r.stderr).toMatch(/^release: /);
    }
    expect(release().status).toBe(1);
    expect(new Set(versions())).toEqual(new Set(['0.1.0']));
    expect(existsSync(join(dir, 'CHANGELOG.md'))).toBe(false);
  });
});

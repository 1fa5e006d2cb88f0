import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mainCheckoutOf, trustRootFor } from './trust-root.js';
import { isTrustedProject } from './trusted-projects.js';

let dir: string;
const git = (cwd: string, ...args: string[]): string =>
  execFileSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', ...args], { cwd, encoding: 'utf8', env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1' } });

beforeAll(() => {
  dir = realpathSync(mkdtempSync(join(tmpdir(), 'codex-trust-root-')));
  mkdirSync(join(dir, 'repo', 'src'), { recursive: true });
  git(join(dir, 'repo'), 'init', '-q');
  writeFileSync(join(dir, 'repo', 'a.txt'), 'a\n');
  git(join(dir, 'repo'), 'add', '.');
  git(join(dir, 'repo'), 'commit', '-qm', 'one');
  // A real linked worktree outside the main checkout, and one inside it.
  git(join(dir, 'repo'), 'worktree', 'add', '-q', join(dir, 'wt-feature'), '-b', 'feature');
  git(join(dir, 'repo'), 'worktree', 'add', '-q', join(dir, 'repo', 'nested-wt'), '-b', 'nested');
  mkdirSync(join(dir, 'wt-feature', 'deep', 'er'), { recursive: true });
  mkdirSync(join(dir, 'plain'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('trustRootFor (Codex: a linked worktree is trusted through its main checkout)', () => {
  it('a regular checkout and its subdirectories resolve to the checkout root', () => {
    expect(trustRootFor(join(dir, 'repo'))).toBe(join(dir, 'repo'));
    expect(trustRootFor(join(dir, 'repo', 'src'))).toBe(join(dir, 'repo'));
    expect(trustRootFor(join(dir, 'repo', 'a.txt'))).toBe(join(dir, 'repo'));
  });

  it('a linked worktree (and a directory inside it) resolves to the main checkout', () => {
    expect(trustRootFor(join(dir, 'wt-feature'))).toBe(join(dir, 'repo'));
    expect(trustRootFor(join(dir, 'wt-feature', 'deep', 'er'))).toBe(join(dir, 'repo'));
    expect(trustRootFor(join(dir, 'repo', 'nested-wt'))).toBe(join(dir, 'repo'));
  });

  it('outside a repository there is none', () => {
    expect(trustRootFor(join(dir, 'plain'), { GIT_CEILING_DIRECTORIES: dir })).toBeNull();
  });

  it('trusting the main checkout covers its worktrees, trusting a worktree does not cover the main checkout', () => {
    const main = { [join(dir, 'repo')]: { trust_level: 'trusted' } };
    expect(isTrustedProject(join(dir, 'wt-feature', 'deep'), main)).toBe(true);
    const wt = { [join(dir, 'wt-feature')]: { trust_level: 'trusted' } };
    expect(isTrustedProject(join(dir, 'wt-feature'), wt)).toBe(true);
    expect(isTrustedProject(join(dir, 'repo'), wt)).toBe(false);
    expect(isTrustedProject(join(dir, 'wt-feature'), { [join(dir, 'repo')]: { trust_level: 'untrusted' } })).toBe(false);
  });

  it('a .git file that does not lead back to a main checkout owning it gives no main root', () => {
    const fake = join(dir, 'fake');
    mkdirSync(fake);
    // Points into a real repository's worktrees dir, but the admin dir names another checkout.
    writeFileSync(join(fake, '.git'), `gitdir: ${join(dir, 'repo', '.git', 'worktrees', 'wt-feature')}\n`);
    expect(mainCheckoutOf(fake)).toBeNull();
    expect(isTrustedProject(fake, { [join(dir, 'repo')]: { trust_level: 'trusted' } })).toBe(false);
    // Not a worktrees dir at all.
    writeFileSync(join(fake, '.git'), `gitdir: ${join(dir, 'repo', '.git')}\n`);
    expect(mainCheckoutOf(fake)).toBeNull();
    // A look-alike common dir whose parent's .git is something else.
    const other = join(dir, 'other');
    mkdirSync(join(other, 'fake-common', 'worktrees', 'x'), { recursive: true });
    mkdirSync(join(other, '.git'));
    writeFileSync(join(other, 'fake-common', 'worktrees', 'x', 'gitdir'), `${join(fake, '.git')}\n`);
    writeFileSync(join(fake, '.git'), `gitdir: ${join(other, 'fake-common', 'worktrees', 'x')}\n`);
    expect(mainCheckoutOf(fake)).toBeNull();
    // The same layout with a real common dir name is accepted (the admin dir points back).
    renameSync(join(other, '.git'), join(other, 'old-git'));
    renameSync(join(other, 'fake-common'), join(other, '.git'));
    writeFileSync(join(fake, '.git'), `gitdir: ${join(other, '.git', 'worktrees', 'x')}\n`);
    expect(mainCheckoutOf(fake)).toBe(other);
  });
});

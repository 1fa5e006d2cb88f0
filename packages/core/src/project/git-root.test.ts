import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDirs } from '@codex-ts/test-support';
import { findGitRoot, gitCeilingDirectories } from './git-root.js';

const tmp = tempDirs(afterEach);
let dir: string;
beforeEach(() => {
  dir = tmp('codex-git-root-');
});

// Each case passes its own env, so the suite-wide ceiling (scripts/test-setup.ts) is not relied on.
const noCeiling = {};

describe('findGitRoot', () => {
  it('finds a .git directory or a worktree .git file at or above the path', () => {
    mkdirSync(join(dir, 'repo', '.git'), { recursive: true });
    mkdirSync(join(dir, 'repo', 'src', 'deep'), { recursive: true });
    mkdirSync(join(dir, 'wt', 'sub'), { recursive: true });
    writeFileSync(join(dir, 'wt', '.git'), 'gitdir: /elsewhere\n');
    expect(findGitRoot(join(dir, 'repo', 'src', 'deep'), noCeiling)).toBe(join(dir, 'repo'));
    expect(findGitRoot(join(dir, 'repo'), noCeiling)).toBe(join(dir, 'repo'));
    expect(findGitRoot(join(dir, 'wt', 'sub'), noCeiling)).toBe(join(dir, 'wt'));
    // Relative segments are resolved first.
    expect(findGitRoot(join(dir, 'repo', 'src', '..', 'src', 'deep'), noCeiling)).toBe(join(dir, 'repo'));
  });

  it('a stray .git above a ceiling directory is never seen, as git itself behaves', () => {
    // dir/.git is the stray repository; dir/tmp plays the host temp dir (the ceiling).
    mkdirSync(join(dir, '.git'));
    mkdirSync(join(dir, 'tmp', 'ws', 'sub'), { recursive: true });
    const ws = join(dir, 'tmp', 'ws', 'sub');
    expect(findGitRoot(ws, noCeiling)).toBe(dir);
    expect(findGitRoot(ws, { GIT_CEILING_DIRECTORIES: join(dir, 'tmp') })).toBeNull();
    // A repository below the ceiling is still found.
    mkdirSync(join(dir, 'tmp', 'ws', '.git'));
    expect(findGitRoot(ws, { GIT_CEILING_DIRECTORIES: join(dir, 'tmp') })).toBe(join(dir, 'tmp', 'ws'));
  });

  it('ceiling entries are matched through symlinks; relative and empty entries are ignored', () => {
    mkdirSync(join(dir, '.git'));
    mkdirSync(join(dir, 'real', 'ws'), { recursive: true });
    symlinkSync(join(dir, 'real'), join(dir, 'link'));
    const ws = join(dir, 'real', 'ws');
    expect(findGitRoot(ws, { GIT_CEILING_DIRECTORIES: `:relative:${join(dir, 'link')}` })).toBeNull();
    expect(findGitRoot(ws, { GIT_CEILING_DIRECTORIES: 'relative' })).toBe(dir);
    expect([...gitCeilingDirectories({ GIT_CEILING_DIRECTORIES: `::relative:${join(dir, 'link')}` })]).toEqual([join(dir, 'real')]);
  });

  it('the ceiling directory itself is searched when it is the starting point', () => {
    mkdirSync(join(dir, 'top', '.git'), { recursive: true });
    expect(findGitRoot(join(dir, 'top'), { GIT_CEILING_DIRECTORIES: join(dir, 'top') })).toBe(join(dir, 'top'));
  });

  it('the test run itself puts the shared temp dirs under a ceiling (scripts/test-setup.ts)', () => {
    const ceilings = gitCeilingDirectories(process.env);
    expect(ceilings.has(join(dir, '..'))).toBe(true);
  });
});

// The writable roots' read-only paths for a linked worktree (or submodule): its `.git` is a
// file pointing at the gitdir, whose `commondir` names the shared directory. Both are
// protected (absolute and relative pointers), and anything that is not such a pointer adds
// nothing. bwrap gets them as read-only binds after the writable ones.
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bwrapArgs } from './bwrap.js';
import { gitPointerTargets, writableRoots, type SandboxPolicy } from './policy.js';

const base = realpathSync(mkdtempSync('/var/tmp/codex-sbx-policy-'));
afterAll(() => rmSync(base, { recursive: true, force: true }));
const WW: SandboxPolicy = { mode: 'workspace-write', writable_roots: [], network_access: false, exclude_tmpdir_env_var: true, exclude_slash_tmp: true };
let n = 0;

/** base/N/{main/.git/worktrees/wt (commondir ../..), wt/.git -> pointer text} */
function layout(pointer: (gitdir: string) => string, commondir = '../..'): { wt: string; gitdir: string; common: string } {
  const d = join(base, String(++n));
  const common = join(d, 'main', '.git');
  const gitdir = join(common, 'worktrees', 'wt');
  const wt = join(d, 'wt');
  mkdirSync(gitdir, { recursive: true });
  mkdirSync(wt);
  writeFileSync(join(gitdir, 'commondir'), `${commondir}\n`);
  writeFileSync(join(wt, '.git'), pointer(gitdir));
  return { wt, gitdir, common };
}

describe('gitPointerTargets', () => {
  it('finds the gitdir and the common dir of a linked worktree (absolute pointer)', () => {
    const l = layout((g) => `gitdir: ${g}\n`);
    expect(gitPointerTargets(l.wt)).toEqual([l.gitdir, l.common]);
  });

  it('resolves a relative pointer against the worktree and commondir against the gitdir', () => {
    const l = layout(() => 'gitdir: ../main/.git/worktrees/wt');
    expect(gitPointerTargets(l.wt)).toEqual([l.gitdir, l.common]);
  });

  it('protects only the gitdir when there is no commondir (a submodule)', () => {
    const l = layout((g) => `gitdir: ${g}\n`);
    rmSync(join(l.gitdir, 'commondir'));
    expect(gitPointerTargets(l.wt)).toEqual([l.gitdir]);
  });

  it('adds nothing for a .git directory, a missing target, a non-pointer file or a .git symlink', () => {
    const dir = join(base, 'plain');
    mkdirSync(join(dir, '.git'), { recursive: true });
    expect(gitPointerTargets(dir)).toEqual([]);
    expect(gitPointerTargets(layout(() => 'gitdir: /nonexistent/x\n').wt)).toEqual([]);
    expect(gitPointerTargets(layout(() => 'not a pointer\n').wt)).toEqual([]);
    const l = layout((g) => `gitdir: ${g}\n`);
    const linked = join(base, 'linked');
    mkdirSync(linked);
    symlinkSync(join(l.wt, '.git'), join(linked, '.git'));
    expect(gitPointerTargets(linked)).toEqual([]);
  });

  it('lists them as read-only paths of the worktree root, bound read-only by bwrap after every writable bind', () => {
    const l = layout((g) => `gitdir: ${g}\n`);
    const roots = writableRoots(WW, l.wt, {});
    expect(roots).toEqual([{ root: l.wt, read_only_subpaths: [join(l.wt, '.git'), join(l.wt, '.codex'), join(l.wt, '.agents'), join(l.wt, '.aws'), l.gitdir, l.common] }]);
    const args = bwrapArgs({ policy: WW, cwd: l.wt, env: {} }).join(' ');
    expect(args).toContain(`--bind ${l.wt} ${l.wt} --ro-bind-try ${join(l.wt, '.git')}`);
    expect(args).toContain(`--ro-bind-try ${l.gitdir} ${l.gitdir} --ro-bind-try ${l.common} ${l.common}`);
  });
});

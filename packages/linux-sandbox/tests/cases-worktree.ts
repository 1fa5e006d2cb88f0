// Escape cases for a linked git worktree as the workspace: its `.git` is a file pointing at
// `<main>/.git/worktrees/<name>` (the gitdir), whose `commondir` names `<main>/.git`, where
// git takes hooks and config from. The main repository lies under TMPDIR, itself a writable
// root, so without protection both directories would be writable from inside. Each case
// gets its own main repository and worktree.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EscapeCase } from './cases.js';
import type { Fixture } from './fixture.js';

const sh = (code: string) => ['sh', '-c', code];
const main = (f: Fixture, id: string) => join(f.tmp, `wt-main-${id}`);
const worktree = (f: Fixture, id: string) => join(f.base, `wt-${id}`);
const gitdir = (f: Fixture, id: string) => join(main(f, id), '.git', 'worktrees', `wt-${id}`);

/** A main repository with one commit under TMPDIR and a linked worktree of it outside every root. */
function makeWorktree(f: Fixture, id: string): void {
  const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, env: f.env, stdio: 'ignore' });
  execFileSync('mkdir', ['-p', main(f, id)]);
  git(main(f, id), 'init', '-q', '.');
  execFileSync('sh', ['-c', 'echo a > a'], { cwd: main(f, id) });
  git(main(f, id), 'add', 'a');
  git(main(f, id), 'commit', '-q', '-m', 'a');
  git(main(f, id), 'worktree', 'add', '-q', worktree(f, id));
  if (f.as.uid !== undefined) execFileSync('chown', ['-R', '-h', `${f.as.uid}:${f.as.gid}`, main(f, id), worktree(f, id)]);
}

const common = { modes: ['workspace-write', 'read-only'] as EscapeCase['modes'], prepare: makeWorktree, cwd: worktree };

export const worktreeCases: EscapeCase[] = [
  {
    ...common,
    name: 'linked worktree: add a hook in the common dir (git rev-parse --git-common-dir)',
    argv: (_f, _s, id) => sh(`echo 'touch /tmp/pwned' > "$(git rev-parse --git-common-dir)/hooks/pre-commit-${id}"`),
    escaped: (f, _s, id) => existsSync(join(main(f, id), '.git', 'hooks', `pre-commit-${id}`)),
  },
  {
    ...common,
    name: 'linked worktree: edit the common config (git config core.hooksPath)',
    argv: (_f, _s, id) => sh(`git config core.hooksPath /tmp/evil-${id}`),
    escaped: (f, _s, id) => readFileSync(join(main(f, id), '.git', 'config'), 'utf8').includes(`evil-${id}`),
  },
  {
    ...common,
    name: "linked worktree: write its gitdir through the absolute path (config.worktree)",
    argv: (f, _s, id) => sh(`printf '[core]\\n\\thooksPath = /tmp/evil\\n' > '${gitdir(f, id)}/config.worktree'`),
    escaped: (f, _s, id) => existsSync(join(gitdir(f, id), 'config.worktree')),
  },
  {
    ...common,
    name: 'linked worktree: move its gitdir away',
    argv: (_f, _s, id) => sh(`mv "$(git rev-parse --git-dir)" "$TMPDIR/moved-${id}"`),
    escaped: (f, _s, id) => !existsSync(join(gitdir(f, id), 'HEAD')),
  },
  {
    ...common,
    name: 'linked worktree: repoint its .git file',
    argv: () => sh("printf 'gitdir: /tmp/evil\\n' > .git"),
    escaped: (f, _s, id) => !readFileSync(join(worktree(f, id), '.git'), 'utf8').includes(gitdir(f, id)),
  },
];

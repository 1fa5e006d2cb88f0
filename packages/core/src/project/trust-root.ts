// The directory a trust decision is about, as Codex resolves it: a regular checkout is its
// own work-tree root; a linked worktree (`git worktree add`) belongs to its main checkout,
// so trusting one trusts them all. A linked worktree is recognised from files alone (no git
// process): its `.git` is a file `gitdir: <main>/.git/worktrees/<name>`, that admin dir's
// `gitdir` file points back at this worktree's `.git`, and `<main>/.git` is the common dir.
// When any link does not hold (a hand-made or hostile `.git` file), there is no main root.
import { lstatSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { findGitRoot } from './git-root.js';

function real(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return resolve(p);
  }
}

function isDir(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

function gitdirLine(file: string): string | undefined {
  let text: string;
  try {
    // A .git file is one short line; anything big is not one.
    if (lstatSync(file).size > 4096) return undefined;
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  const m = /^gitdir:\s*(.+?)\s*$/m.exec(text);
  return m?.[1];
}

/**
 * The main checkout's root when `root` (a work-tree root holding a `.git` entry) is a linked
 * worktree, `root` itself for a regular checkout, or null when `root`'s `.git` file does not
 * lead back to a main checkout that owns it.
 */
export function mainCheckoutOf(root: string): string | null {
  const dotGit = join(root, '.git');
  if (isDir(dotGit)) return real(root);
  const target = gitdirLine(dotGit);
  if (target === undefined) return null;
  const admin = real(resolve(root, target));
  const worktrees = dirname(admin);
  if (basename(worktrees) !== 'worktrees') return null;
  const common = dirname(worktrees);
  const main = dirname(common);
  // The main checkout's `.git` must be that common dir (not a look-alike elsewhere) ...
  if (!isDir(join(main, '.git')) || real(join(main, '.git')) !== common) return null;
  // ... and the admin dir must name this worktree as its own.
  let back: string | undefined;
  try {
    back = readFileSync(join(admin, 'gitdir'), 'utf8').trim();
  } catch {
    back = undefined;
  }
  if (back === undefined || back === '' || real(resolve(admin, back)) !== real(dotGit)) return null;
  return main;
}

/**
 * The path trust is recorded for and looked up by: the main checkout's root for a linked
 * worktree, else the work-tree root; null outside a git repository or for a broken link.
 */
export function trustRootFor(dir: string, env: NodeJS.ProcessEnv = process.env): string | null {
  const base = isDir(dir) ? dir : dirname(resolve(dir));
  const root = findGitRoot(base, env);
  return root === null ? null : mainCheckoutOf(root);
}

// The one git work-tree lookup of the engine and its front ends: the nearest directory at
// or above a path holding a `.git` entry (directory, or the file of a worktree/submodule).
// Like git, the walk never goes up into a directory listed in GIT_CEILING_DIRECTORIES.
import { existsSync, realpathSync } from 'node:fs';
import { delimiter, dirname, isAbsolute, join, resolve } from 'node:path';

function real(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return resolve(p);
  }
}

/** The absolute entries of GIT_CEILING_DIRECTORIES, symlinks resolved (git ignores relative ones). */
export function gitCeilingDirectories(env: NodeJS.ProcessEnv = process.env): Set<string> {
  const raw = env.GIT_CEILING_DIRECTORIES ?? '';
  return new Set(
    raw
      .split(delimiter)
      .filter((d) => d !== '' && isAbsolute(d))
      .map(real),
  );
}

/**
 * The git work-tree root containing `dir` (itself included), or null. `dir` is resolved
 * first; the walk stops before entering any ceiling directory, as `git rev-parse` does.
 */
export function findGitRoot(dir: string, env: NodeJS.ProcessEnv = process.env): string | null {
  const ceilings = gitCeilingDirectories(env);
  let cur = resolve(dir);
  for (;;) {
    if (existsSync(join(cur, '.git'))) return cur;
    const up = dirname(cur);
    if (up === cur || ceilings.has(real(up))) return null;
    cur = up;
  }
}

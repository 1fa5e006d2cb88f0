// The directory check `codex exec` makes before running: the working directory must be
// inside a git repository (a `.git` file or directory in it or an ancestor) or a project
// marked `trust_level = "trusted"` in config.toml, unless --skip-git-repo-check.
import { existsSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';

/** Codex's message when the check fails. */
export const NOT_TRUSTED_MESSAGE = 'Not inside a trusted directory and --skip-git-repo-check was not specified.';

/** The git work tree root containing `dir`, if any. */
export function gitRepoRoot(dir: string): string | undefined {
  let cur = resolve(dir);
  for (;;) {
    if (existsSync(join(cur, '.git'))) return cur;
    const up = dirname(cur);
    if (up === cur) return undefined;
    cur = up;
  }
}

/** Whether config.toml's `[projects."<path>"] trust_level = "trusted"` covers `dir`. */
export function isTrustedProject(dir: string, toml: Record<string, unknown>): boolean {
  const projects = toml.projects;
  if (projects === null || typeof projects !== 'object') return false;
  const cwd = resolve(dir);
  for (const [path, entry] of Object.entries(projects as Record<string, unknown>)) {
    if (entry === null || typeof entry !== 'object') continue;
    if ((entry as { trust_level?: unknown }).trust_level !== 'trusted') continue;
    const root = resolve(path);
    if (cwd === root || cwd.startsWith(root.endsWith(sep) ? root : root + sep)) return true;
  }
  return false;
}

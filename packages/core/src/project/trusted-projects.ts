// Which directories config.toml marks trusted (`[projects."<path>"] trust_level = "trusted"`).
// One rule for every caller (exec's directory check, the default sandbox mode): both the
// directory and each project key are resolved to real paths (symlinks, `..`, trailing
// slashes), and a directory is covered by a key equal to it or to one of its ancestors.
// Relative keys never match: Codex writes absolute paths, and a relative key would mean
// something different in every working directory.
import { realpathSync } from 'node:fs';
import { isAbsolute, resolve, sep } from 'node:path';
import { trustRootFor } from './trust-root.js';

function real(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return resolve(p);
  }
}

/** True when `dir` is `root` or lies inside it (both already canonical). */
export function isWithin(dir: string, root: string): boolean {
  return dir === root || dir.startsWith(root.endsWith(sep) ? root : root + sep);
}

/**
 * The trusted project (its canonical path) that covers `dir`, or null. A linked git worktree
 * is also covered through its main checkout (Codex records the main checkout's root).
 */
export function trustedProjectFor(dir: string, projects: unknown): string | null {
  if (projects === null || typeof projects !== 'object' || Array.isArray(projects)) return null;
  const direct = coveringProject(real(dir), projects as Record<string, unknown>);
  if (direct !== null) return direct;
  const main = trustRootFor(dir);
  return main === null ? null : coveringProject(main, projects as Record<string, unknown>);
}

function coveringProject(cwd: string, projects: Record<string, unknown>): string | null {
  for (const [path, entry] of Object.entries(projects)) {
    if (entry === null || typeof entry !== 'object') continue;
    if ((entry as { trust_level?: unknown }).trust_level !== 'trusted') continue;
    if (!isAbsolute(path)) continue;
    const root = real(path);
    if (isWithin(cwd, root)) return root;
  }
  return null;
}

/** Whether config.toml's `projects` table marks `dir` (or an ancestor) trusted. */
export function isTrustedProject(dir: string, projects: unknown): boolean {
  return trustedProjectFor(dir, projects) !== null;
}

// Resolves patch paths to the real file they name and refuses any that land outside the
// allowed roots, whether by `..`, an absolute path, or a symlink pointing out.
import { lstatSync, realpathSync, type Stats } from 'node:fs';
import path from 'node:path';
import { ApplyPatchError } from '../errors.js';
import { errnoCode } from './io-error.js';

/** A patch path after resolution. */
export interface ResolvedPath {
  /** As written in the patch (for messages and the summary). */
  display: string;
  /** Absolute, lexically resolved against the cwd (what Codex reports as the change key). */
  absolute: string;
  /** The real file written or read: symlinks in the parents, and a final symlink when `follow`, resolved. */
  target: string;
  /** With `follow`: the target's stats when it exists and is not a symlink (saves a second stat). */
  stats?: Stats | undefined;
}

/** Real paths of directories already resolved during one plan (the tree is not changed while planning). */
export type RealpathCache = Map<string, string>;

function realpathOrNull(p: string): string | null {
  try {
    return realpathSync.native(p);
  } catch (err: unknown) {
    const code = errnoCode(err);
    if (code === 'ENOENT' || code === 'ENOTDIR') return null;
    throw err;
  }
}

/** Real path of `p` even when its tail does not exist yet (resolves the deepest existing ancestor). */
function realpathPartial(p: string, cache?: RealpathCache): string {
  const known = cache?.get(p);
  if (known !== undefined) return known;
  const tail: string[] = [];
  let cur = p;
  for (;;) {
    const real = realpathOrNull(cur);
    if (real !== null) {
      const out = tail.length === 0 ? real : path.join(real, ...tail.reverse());
      cache?.set(p, out);
      return out;
    }
    const parent = path.dirname(cur);
    if (parent === cur) return p;
    tail.push(path.basename(cur));
    cur = parent;
  }
}

function inside(root: string, p: string): boolean {
  const rel = path.relative(root, p);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/** Real paths of the allowed roots (relative roots are taken from `cwd`). */
export function resolveRoots(cwd: string, roots: readonly string[]): string[] {
  return roots.map((r) => realpathPartial(path.resolve(cwd, r)));
}

/** Resolves `display` against `cwd`; throws `path_outside_cwd` unless it stays under a real root. */
export function resolvePatchPath(
  display: string,
  cwd: string,
  realRoots: readonly string[],
  follow: boolean,
  cache?: RealpathCache,
): ResolvedPath {
  const absolute = path.resolve(cwd, display);
  const parentReal = realpathPartial(path.dirname(absolute), cache);
  let target = path.join(parentReal, path.basename(absolute));
  let stats: Stats | undefined;
  if (follow) {
    let st: Stats | undefined;
    try {
      st = lstatSync(target, { throwIfNoEntry: false });
    } catch (err: unknown) {
      // A parent that is a file: the caller reports it when it stats the target.
      if (errnoCode(err) !== 'ENOTDIR') throw err;
    }
    if (st?.isSymbolicLink()) target = realpathOrNull(target) ?? target;
    else stats = st;
  }
  if (!realRoots.some((r) => inside(r, target))) {
    throw new ApplyPatchError(
      'path_outside_cwd',
      `Refusing to touch ${display}: it resolves to ${target}, which is outside the working directory ${realRoots.join(', ')}. Use a path relative to the working directory, without '..'.`,
      { path: display },
    );
  }
  return { display, absolute, target, stats };
}

// The lexical pre-check for protected directories: a write under a `.git` or `.codex`
// path component inside a writable root is refused before anything runs, whether or not
// that directory exists. A convenience for a clear message only: the sandboxed child that
// applies the patch is confined by the kernel, which keeps these read-only regardless.
import { realpathSync } from 'node:fs';
import { posix } from 'node:path';

/** Names that stay read-only inside every writable root (compared case-insensitively). */
export const PROTECTED_DIR_NAMES: readonly string[] = ['.git', '.codex'];

/** A write that lands in a protected directory. */
export interface ProtectedHit {
  /** The absolute path written. */
  path: string;
  /** The writable root it is under. */
  root: string;
  /** The protected component as it appears in the path (`.git`, `.codex`, ...). */
  name: string;
}

function isProtectedName(component: string): boolean {
  const lower = component.toLowerCase();
  return PROTECTED_DIR_NAMES.includes(lower);
}

/**
 * The first of `paths` (absolute) that is inside one of `roots` and has a `.git` or `.codex`
 * component below it, or null. A path under no root is not this check's business: the
 * writable-roots decision handles it.
 */
export function findProtectedWrite(paths: readonly string[], roots: readonly string[]): ProtectedHit | null {
  for (const raw of paths) {
    const path = posix.resolve(raw);
    for (const r of roots) {
      const root = posix.resolve(r);
      const rel = posix.relative(root, path);
      if (rel === '' || rel.startsWith('..') || posix.isAbsolute(rel)) continue;
      const name = rel.split('/').find(isProtectedName);
      if (name !== undefined) return { path, root, name };
    }
  }
  return null;
}

/**
 * `roots` plus the real path of each that resolves: resolved patch targets are real paths,
 * and a root reached through a symlink (macOS `/var`, a symlinked checkout) must still match.
 */
export function withRealRoots(roots: readonly string[]): string[] {
  const out = new Set(roots);
  for (const r of roots) {
    try {
      out.add(realpathSync.native(r));
    } catch (err: unknown) {
      // A root that does not exist has no real path; its lexical form is already in the set.
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT' && (err as NodeJS.ErrnoException).code !== 'ENOTDIR') throw err;
    }
  }
  return [...out];
}

/** The message a refused patch reports for `hit`; `display` is the path as the model should read it. */
export function protectedWriteReason(hit: ProtectedHit, display: string): string {
  return `writing to ${display} is not allowed: ${hit.name} stays read-only inside the workspace (.git and .codex are protected in every writable root, even before they exist)`;
}

// Filesystem helpers that report the real cause. Node's recursive mkdir turns EROFS/EACCES on
// a missing parent into a misleading ENOENT; `ensureDir` creates one level at a time so the
// error names the directory that could not be made and why.
import { mkdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';

/** `errno` code of a Node fs error, or undefined. */
export function errnoCode(err: unknown): string | undefined {
  const c = (err as NodeJS.ErrnoException | undefined)?.code;
  return typeof c === 'string' ? c : undefined;
}

const EXPLAIN: Record<string, string> = {
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on device',
  EDQUOT: 'disk quota exceeded',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  ENOTDIR: 'a path component is not a directory',
  EIO: 'I/O error',
};

/** `EROFS (read-only file system)` for an fs error; the message when there is no code. */
export function describeFsError(err: unknown): string {
  const code = errnoCode(err);
  if (code === undefined) return err instanceof Error ? err.message : String(err);
  return EXPLAIN[code] ? `${code} (${EXPLAIN[code]})` : code;
}

/** Create `dir` and its missing parents with `mode`; throws the error of the first level that fails. */
export function ensureDir(dir: string, mode = 0o700): void {
  const missing: string[] = [];
  let cur = dir;
  for (;;) {
    try {
      if (statSync(cur).isDirectory()) break;
      const err = new Error(`ENOTDIR: not a directory, mkdir '${cur}'`) as NodeJS.ErrnoException;
      err.code = 'ENOTDIR';
      err.path = cur;
      throw err;
    } catch (err: unknown) {
      if (errnoCode(err) !== 'ENOENT') throw err;
    }
    missing.push(cur);
    const parent = dirname(cur);
    if (parent === cur) break;
    cur = parent;
  }
  for (const d of missing.reverse()) {
    try {
      mkdirSync(d, { mode });
    } catch (err: unknown) {
      if (errnoCode(err) !== 'EEXIST') throw err;
    }
  }
}

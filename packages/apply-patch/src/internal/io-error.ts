// Renders Node filesystem errors the way Rust's `std::io::Error` prints them
// ("No such file or directory (os error 2)"), because Codex's messages embed that text.
import { constants } from 'node:os';

const DESCRIPTIONS: Record<string, string> = {
  EPERM: 'Operation not permitted',
  ENOENT: 'No such file or directory',
  EIO: 'Input/output error',
  EACCES: 'Permission denied',
  EBUSY: 'Device or resource busy',
  EEXIST: 'File exists',
  EXDEV: 'Invalid cross-device link',
  ENOTDIR: 'Not a directory',
  EISDIR: 'Is a directory',
  EINVAL: 'Invalid argument',
  EMFILE: 'Too many open files',
  EFBIG: 'File too large',
  ENOSPC: 'No space left on device',
  EROFS: 'Read-only file system',
  ENAMETOOLONG: 'File name too long',
  ENOTEMPTY: 'Directory not empty',
  ELOOP: 'Too many levels of symbolic links',
  EDQUOT: 'Disk quota exceeded',
};

/** The errno code of a Node error (`ENOENT`, ...), or undefined. */
export function errnoCode(err: unknown): string | undefined {
  if (typeof err === 'object' && err !== null && 'code' in err && typeof err.code === 'string') return err.code;
  return undefined;
}

/** `No such file or directory (os error 2)` for an ENOENT error; the plain message otherwise. */
export function describeIoError(err: unknown): string {
  const code = errnoCode(err);
  const errnos = constants.errno as Record<string, number | undefined>;
  if (code !== undefined && DESCRIPTIONS[code] !== undefined && errnos[code] !== undefined) {
    return `${DESCRIPTIONS[code]} (os error ${errnos[code]})`;
  }
  return err instanceof Error ? err.message : String(err);
}

/** A synthetic Node-style error with an errno code, for checks done without a syscall. */
export function ioError(code: string): NodeJS.ErrnoException {
  const e: NodeJS.ErrnoException = new Error(code);
  e.code = code;
  return e;
}

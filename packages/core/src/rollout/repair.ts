// Repairs a rollout whose last line was cut (a crash or a full disk mid-write) before it is
// appended to again: otherwise the next record would be glued onto the half line and both
// would be lost. A tail that is complete JSON only lacks its newline and gets one; anything
// else after the last newline is cut off. Every earlier line is kept as it is.
import { closeSync, fstatSync, ftruncateSync, openSync, readSync, writeSync } from 'node:fs';

/** What {@link repairTornTail} did. */
export interface RepairReport {
  action: 'none' | 'terminated' | 'dropped';
  /** Bytes of the cut line (0 when nothing was wrong). */
  bytes: number;
  /** The start of the cut line's text (up to 200 chars), for the log. */
  preview?: string;
}

const CHUNK = 64 * 1024;

/** Offset just after the last `\n` before `size` (0 when there is none). */
function lastLineStart(fd: number, size: number): number {
  const buf = Buffer.alloc(CHUNK);
  let end = size;
  while (end > 0) {
    const start = Math.max(0, end - CHUNK);
    const n = readSync(fd, buf, 0, end - start, start);
    const nl = buf.subarray(0, n).lastIndexOf(0x0a);
    if (nl >= 0) return start + nl + 1;
    end = start;
  }
  return 0;
}

/** Make the file end on a whole line. Throws only when the file cannot be opened or written. */
export function repairTornTail(path: string): RepairReport {
  const fd = openSync(path, 'r+');
  try {
    const size = fstatSync(fd).size;
    if (size === 0) return { action: 'none', bytes: 0 };
    const last = Buffer.alloc(1);
    readSync(fd, last, 0, 1, size - 1);
    if (last[0] === 0x0a) return { action: 'none', bytes: 0 };
    const start = lastLineStart(fd, size);
    const tail = Buffer.alloc(size - start);
    readSync(fd, tail, 0, tail.length, start);
    const text = tail.toString('utf8');
    const preview = text.slice(0, 200);
    if (isJsonObject(text)) {
      writeSync(fd, '\n', size);
      return { action: 'terminated', bytes: tail.length, preview };
    }
    ftruncateSync(fd, start);
    return { action: 'dropped', bytes: tail.length, preview };
  } finally {
    closeSync(fd);
  }
}

function isJsonObject(text: string): boolean {
  try {
    const v: unknown = JSON.parse(text);
    return typeof v === 'object' && v !== null && !Array.isArray(v);
  } catch {
    return false; // a cut line is not JSON: that is what we are detecting
  }
}

// $CODEX_HOME/history.jsonl, shared with Codex: one `{"session_id","ts","text"}` line per
// prompt. Appends hold an exclusive flock(2) on the file, the same advisory lock Codex takes,
// so processes of both never lose a line while one of them trims; the line itself goes out
// in one write(2) on an O_APPEND fd. Node has no flock, so `flock(1)` (util-linux) locks our
// open file description for us: the lock stays with our fd after the helper exits and is
// released when we close it. With `[history] max_bytes`, a file grown past the cap loses
// its oldest lines down to 80% of it (the newest line always stays), as Codex trims.
import { CoreError } from '../errors.js';
import { spawn } from 'node:child_process';
import { closeSync, fchmodSync, fstatSync, ftruncateSync, openSync, readFileSync, readSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { HistoryLine } from '@codex-ts/protocol';
import { describeFsError } from '../rollout/fs-safe.js';

/** File name under CODEX_HOME. */
export const HISTORY_FILENAME = 'history.jsonl';
/** After trimming, the file is at most this share of `max_bytes`. */
export const HISTORY_SOFT_CAP_RATIO = 0.8;
/** How long to wait for another process's lock (Codex: 10 tries, 100 ms apart). */
const LOCK_WAIT_SECONDS = 1;

/** `[history]` settings. */
export interface HistorySettings {
  codexHome: string;
  persistence: 'save-all' | 'none';
  /** Cap in bytes; unset or 0 means no cap. */
  maxBytes?: number;
  /** The locking helper (default `flock` on PATH). */
  flockCommand?: string;
}

/** `[history]` from a config: persistence plus `max_bytes`. */
export function historySettingsFromConfig(config: { codex_home: string; history_persistence: 'save-all' | 'none'; toml: Record<string, unknown> }): HistorySettings {
  const table = config.toml.history as { max_bytes?: unknown } | undefined;
  const maxBytes = typeof table?.max_bytes === 'number' && Number.isFinite(table.max_bytes) && table.max_bytes > 0 ? Math.floor(table.max_bytes) : undefined;
  return { codexHome: config.codex_home, persistence: config.history_persistence, ...(maxBytes !== undefined ? { maxBytes } : {}) };
}

/** Path of history.jsonl. */
export function historyPath(codexHome: string): string {
  return join(codexHome, HISTORY_FILENAME);
}

/** Error for a history append that did not happen. */
export class HistoryWriteError extends CoreError<'history_write'> {
  constructor(
    message: string,
    readonly path: string,
    options?: { cause?: unknown },
  ) {
    super('history_write', message, options);
    this.name = 'HistoryWriteError';
  }
}

let flockMissing = false;

/** Take an exclusive flock on `fd`'s open file description. Resolves false when no helper exists. */
function lockFd(fd: number, command: string): Promise<boolean> {
  if (flockMissing) return Promise.resolve(false);
  return new Promise((resolve, reject) => {
    const child = spawn(command, ['-x', '-w', String(LOCK_WAIT_SECONDS), '3'], { stdio: ['ignore', 'ignore', 'pipe', fd] });
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    child.once('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') {
        flockMissing = true;
        resolve(false);
      } else reject(err);
    });
    child.once('close', (code) => {
      if (code === 0) resolve(true);
      else reject(new Error(code === 1 ? `timed out after ${LOCK_WAIT_SECONDS}s waiting for the lock` : `flock exited ${code}: ${stderr.trim()}`));
    });
  });
}

/**
 * Append one entry. Resolves `false` when persistence is `none`. Rejects with
 * HistoryWriteError (naming the file and errno) when the line could not be written.
 */
export async function appendHistoryEntry(settings: HistorySettings, entry: { session_id: string; text: string; ts?: number }): Promise<boolean> {
  if (settings.persistence === 'none') return false;
  const path = historyPath(settings.codexHome);
  const record: HistoryLine = { session_id: entry.session_id, ts: entry.ts ?? Math.floor(Date.now() / 1000), text: entry.text };
  const buf = Buffer.from(`${JSON.stringify(record)}\n`, 'utf8');
  let fd: number;
  try {
    fd = openSync(path, 'a+', 0o600);
  } catch (err: unknown) {
    throw new HistoryWriteError(`cannot open ${path}: ${describeFsError(err)}`, path, { cause: err });
  }
  try {
    if ((fstatSync(fd).mode & 0o777) !== 0o600) fchmodSync(fd, 0o600);
    try {
      await lockFd(fd, settings.flockCommand ?? 'flock');
    } catch (err: unknown) {
      throw new HistoryWriteError(`cannot lock ${path}: ${(err as Error).message}`, path, { cause: err });
    }
    writeWholeLine(fd, buf, path);
    if (settings.maxBytes !== undefined && settings.maxBytes > 0) trimToCap(fd, settings.maxBytes, buf.length, path);
    return true;
  } finally {
    closeSync(fd); // releases the flock
  }
}

function writeWholeLine(fd: number, buf: Buffer, path: string): void {
  let wrote: number;
  try {
    wrote = writeSync(fd, buf, 0, buf.length);
  } catch (err: unknown) {
    throw new HistoryWriteError(`cannot append to ${path}: ${describeFsError(err)}`, path, { cause: err });
  }
  if (wrote === buf.length) return;
  try {
    ftruncateSync(fd, Math.max(0, fstatSync(fd).size - wrote));
  } catch {
    // the cut-back failed too; the reader skips a torn line
  }
  throw new HistoryWriteError(`cannot append to ${path}: ENOSPC (no space left on device; short write)`, path);
}

/** Drop the oldest lines so the file is at most 80% of `maxBytes` (the newest line always stays). Lock held. */
function trimToCap(fd: number, maxBytes: number, newestLen: number, path: string): void {
  const size = fstatSync(fd).size;
  if (size <= maxBytes) return;
  const target = Math.max(Math.min(Math.max(1, Math.floor(maxBytes * HISTORY_SOFT_CAP_RATIO)), maxBytes), newestLen);
  const data = Buffer.alloc(size);
  const n = readSync(fd, data, 0, size, 0);
  let start = 0;
  while (n - start > target) {
    const nl = data.indexOf(0x0a, start);
    if (nl < 0 || nl + 1 >= n) break;
    start = nl + 1;
  }
  if (start === 0) return;
  const kept = data.subarray(start, n);
  try {
    ftruncateSync(fd, 0);
    const wrote = writeSync(fd, kept, 0, kept.length);
    if (wrote !== kept.length) throw new Error(`short write (${wrote} of ${kept.length} bytes)`);
  } catch (err: unknown) {
    throw new HistoryWriteError(`cannot trim ${path}: ${describeFsError(err)}`, path, { cause: err });
  }
}

/** `history_log_id` (the file's inode, as Codex uses on Unix) and the entry count; zeros when absent. */
export function historyMetadata(codexHome: string): { log_id: number; entry_count: number } {
  const path = historyPath(codexHome);
  try {
    const st = statSync(path);
    const text = readFileSync(path);
    let count = 0;
    for (let i = 0; i < text.length; i++) if (text[i] === 0x0a) count++;
    return { log_id: Number(st.ino), entry_count: count };
  } catch {
    return { log_id: 0, entry_count: 0 }; // no history yet
  }
}

/** Entry number `offset` (0-based line) of the file whose inode is `logId`; null when gone. */
export function lookupHistoryEntry(codexHome: string, logId: number, offset: number): HistoryLine | null {
  const path = historyPath(codexHome);
  try {
    if (Number(statSync(path).ino) !== logId) return null;
    const lines = readFileSync(path, 'utf8').split('\n');
    const raw = lines[offset];
    if (raw === undefined || raw === '') return null;
    const v = JSON.parse(raw) as HistoryLine;
    return typeof v.text === 'string' ? v : null;
  } catch {
    return null; // missing file or a cut line: no entry
  }
}

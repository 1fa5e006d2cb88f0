// A cross-process lock for credential updates: `$CODEX_HOME/auth.json.lock`, created with
// O_EXCL and holding `pid timestamp`. Waiters poll with a short abortable sleep; a lock whose
// holder is dead (same host, no such pid) or older than `staleMs` is broken. Only the holder
// removes it, and only if the file is still the one it created.
import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { LoginError } from './errors.js';

/** Options for {@link withAuthLock}. */
export interface AuthLockOptions {
  /** Give up after this long (default 60 s: a refresh has a 60 s budget of its own). */
  timeoutMs?: number;
  /** Break a lock older than this (default 120 s). */
  staleMs?: number;
  signal?: AbortSignal;
}

/** The lock file's path. */
export function authLockPath(codexHome: string): string {
  return join(codexHome, 'auth.json.lock');
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err: unknown) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function breakIfStale(path: string, staleMs: number): Promise<void> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return; // released meanwhile
  }
  const [pidText, atText] = text.trim().split(/\s+/);
  const pid = Number(pidText);
  const at = Number(atText);
  const dead = Number.isInteger(pid) && pid > 0 && !alive(pid);
  const old = Number.isFinite(at) && Date.now() - at > staleMs;
  // A half-written lock (no timestamp yet) is young by definition: leave it.
  if (dead || old) {
    const again = await readFile(path, 'utf8').catch(() => '');
    if (again === text) await rm(path, { force: true });
  }
}

/** Runs `fn` while holding the auth lock of `codexHome`. */
export async function withAuthLock<T>(codexHome: string, fn: () => Promise<T>, opts: AuthLockOptions = {}): Promise<T> {
  const path = authLockPath(codexHome);
  const token = `${process.pid} ${Date.now()} ${randomBytes(4).toString('hex')}\n`;
  const deadline = Date.now() + (opts.timeoutMs ?? 60_000);
  await mkdir(codexHome, { recursive: true, mode: 0o700 }).catch(() => undefined);
  for (let delay = 10; ; delay = Math.min(delay * 2, 200)) {
    try {
      const fh = await open(path, 'wx', 0o600);
      try {
        await fh.writeFile(token);
      } finally {
        await fh.close();
      }
      break;
    } catch (err: unknown) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code !== 'EEXIST') {
        const ro = code === 'EROFS' || code === 'EACCES' || code === 'EPERM';
        throw new LoginError(
          ro ? 'auth_file_read_only' : 'auth_file_write_failed',
          `cannot create ${path}: ${(err as Error).message}${ro ? '. CODEX_HOME must be writable to update credentials.' : ''}`,
          { cause: err },
        );
      }
      await breakIfStale(path, opts.staleMs ?? 120_000);
      if (Date.now() > deadline) {
        throw new LoginError('lock_timeout', `timed out waiting for ${path}; if no other codex is running, delete that file`);
      }
      await sleep(delay, undefined, opts.signal ? { signal: opts.signal } : undefined);
    }
  }
  try {
    return await fn();
  } finally {
    const current = await readFile(path, 'utf8').catch(() => '');
    if (current === token) await rm(path, { force: true });
  }
}

// Codex's backoff (200 ms x 2^(n-1) x jitter in [0.9, 1.1)), server-suggested delays
// (Retry-After seconds or HTTP date, retry-after-ms, "try again in Xs" text) and an
// abortable sleep.
import { setTimeout as delay } from 'node:timers/promises';
import { ModelClientError } from './errors.js';

/** Backoff tuning; tests shrink `baseMs`. */
export interface BackoffOptions {
  /** First delay before jitter. Codex: 200. */
  baseMs?: number;
  /** Multiplier per attempt. Codex: 2. */
  factor?: number;
  /** Upper bound on any single delay (ours; Codex has none). Default 60 000. */
  maxMs?: number;
  /** Source of randomness in [0, 1); injectable for tests. */
  random?: () => number;
}

/** The delay before retry number `attempt` (1-based). */
export function backoffMs(attempt: number, opts: BackoffOptions = {}): number {
  const base = opts.baseMs ?? 200;
  const factor = opts.factor ?? 2;
  const jitter = 0.9 + (opts.random ?? Math.random)() * 0.2;
  const raw = base * factor ** Math.max(0, attempt - 1) * jitter;
  return Math.round(Math.min(raw, opts.maxMs ?? 60_000));
}

/** Parses `Retry-After` (integer/decimal seconds or an HTTP date) and `retry-after-ms`. */
export function parseRetryAfter(headers: Headers, now: number = Date.now()): number | undefined {
  const ms = headers.get('retry-after-ms');
  if (ms !== null && ms.trim() !== '' && Number.isFinite(Number(ms))) return Math.max(0, Number(ms));
  const value = headers.get('retry-after')?.trim();
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value)) return Math.round(Number(value) * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

const TRY_AGAIN = /try again in (\d+(?:\.\d+)?)\s*(ms|s)\b/i;

/** Reads Codex's `Please try again in 1.5s` / `in 300ms` hint out of an error message. */
export function parseTryAgainIn(message: string | undefined): number | undefined {
  const m = message ? TRY_AGAIN.exec(message) : null;
  if (!m) return undefined;
  const n = Number(m[1]);
  return Math.round(m[2]!.toLowerCase() === 'ms' ? n : n * 1000);
}

/** Sleeps `ms`, rejecting with an `aborted` ModelClientError when `signal` fires. */
export async function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  try {
    await delay(ms, undefined, signal ? { signal } : undefined);
  } catch (err: unknown) {
    throw new ModelClientError('aborted', 'request aborted', { cause: err });
  }
}

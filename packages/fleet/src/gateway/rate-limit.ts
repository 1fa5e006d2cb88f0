// How long a provider stays "limited" after it answers 429/5xx, from its headers:
// `retry-after-ms`, `Retry-After` (seconds or an HTTP date), OpenAI's
// `x-ratelimit-reset-requests|tokens` durations ("1s", "6m0s", "20ms") and a plain
// `x-ratelimit-reset` (seconds, or an epoch in s/ms). Without any: exponential back-off per
// consecutive failure. Every value is capped, since headers are input we do not control.
import type { IncomingHttpHeaders } from 'node:http';

/** Longest a single response can bench a provider (1 hour). */
export const MAX_LIMIT_MS = 3_600_000;
/** Back-off without headers: 1 s, 2 s, 4 s … capped at 60 s. */
export const BACKOFF_BASE_MS = 1_000;
export const BACKOFF_CAP_MS = 60_000;

/** Where a limit came from. */
export type LimitSource = 'retry-after-ms' | 'retry-after' | 'x-ratelimit-reset' | 'backoff';

/** How long to leave a provider alone. */
export interface LimitDecision {
  delayMs: number;
  source: LimitSource;
}

function header(h: IncomingHttpHeaders, name: string): string | undefined {
  const v = h[name];
  const s = Array.isArray(v) ? v[0] : v;
  return typeof s === 'string' && s.trim() !== '' ? s.trim() : undefined;
}

const cap = (ms: number): number => Math.min(Math.max(0, Math.ceil(ms)), MAX_LIMIT_MS);

/** `Retry-After`: delta seconds (decimals tolerated) or an HTTP date. */
export function parseRetryAfter(value: string, now: number): number | undefined {
  if (/^\d+(\.\d+)?$/.test(value)) return cap(Number(value) * 1000);
  if (!/[A-Za-z]/.test(value)) return undefined; // an HTTP date has day and month names
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : cap(at - now);
}

/** Go-style durations as OpenAI sends them ("1s", "6m0s", "20ms", "1h2m3.5s"); a bare number is seconds. */
export function parseDuration(value: string): number | undefined {
  if (/^\d+(\.\d+)?$/.test(value)) return cap(Number(value) * 1000);
  const re = /(\d+(?:\.\d+)?)(ms|us|µs|ns|h|m|s)/gy;
  let total = 0;
  let matched = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(value)) !== null) {
    const n = Number(m[1]);
    const unit = m[2];
    total += unit === 'h' ? n * 3_600_000 : unit === 'm' ? n * 60_000 : unit === 's' ? n * 1000 : unit === 'ms' ? n : n / 1e6;
    matched = re.lastIndex;
  }
  return matched === value.length && matched > 0 ? cap(total) : undefined;
}

/** `x-ratelimit-reset`: seconds from now, or an epoch in seconds or milliseconds. */
function parseResetEpochOrDelta(value: string, now: number): number | undefined {
  if (!/^\d+(\.\d+)?$/.test(value)) return parseDuration(value);
  const n = Number(value);
  if (n > 1e12) return cap(n - now);
  if (n > 1e9) return cap(n * 1000 - now);
  return cap(n * 1000);
}

/** OpenAI's per-kind reset headers: the kinds exhausted (`remaining` 0), else the longest. */
function openAiReset(h: IncomingHttpHeaders): number | undefined {
  const kinds = ['requests', 'tokens'] as const;
  const resets = kinds.map((k) => ({ k, ms: ((v) => (v ? parseDuration(v) : undefined))(header(h, `x-ratelimit-reset-${k}`)) }));
  const exhausted = resets.filter((r) => r.ms !== undefined && header(h, `x-ratelimit-remaining-${r.k}`) === '0');
  const pool = (exhausted.length > 0 ? exhausted : resets).map((r) => r.ms).filter((ms): ms is number => ms !== undefined);
  return pool.length > 0 ? Math.max(...pool) : undefined;
}

/** The server's own hint in a 429/5xx answer, or undefined when it gave none. */
export function limitFromHeaders(h: IncomingHttpHeaders, now: number): LimitDecision | undefined {
  const ms = header(h, 'retry-after-ms');
  if (ms && /^\d+(\.\d+)?$/.test(ms)) return { delayMs: cap(Number(ms)), source: 'retry-after-ms' };
  const ra = header(h, 'retry-after');
  const fromRa = ra ? parseRetryAfter(ra, now) : undefined;
  if (fromRa !== undefined) return { delayMs: fromRa, source: 'retry-after' };
  const oa = openAiReset(h);
  if (oa !== undefined) return { delayMs: oa, source: 'x-ratelimit-reset' };
  const plain = header(h, 'x-ratelimit-reset');
  const fromPlain = plain ? parseResetEpochOrDelta(plain, now) : undefined;
  return fromPlain !== undefined ? { delayMs: fromPlain, source: 'x-ratelimit-reset' } : undefined;
}

/** Exponential back-off for the `strikes`-th consecutive failure without a hint. */
export function backoffMs(strikes: number): number {
  return Math.min(BACKOFF_BASE_MS * 2 ** Math.max(0, strikes - 1), BACKOFF_CAP_MS);
}

/**
 * On a successful answer: when the provider says a budget is spent (`x-ratelimit-remaining-*`
 * is 0), how long until it resets, so the next request goes elsewhere instead of earning a 429.
 */
export function exhaustedFromHeaders(h: IncomingHttpHeaders): number | undefined {
  const out: number[] = [];
  for (const k of ['requests', 'tokens'] as const) {
    if (header(h, `x-ratelimit-remaining-${k}`) !== '0') continue;
    const reset = header(h, `x-ratelimit-reset-${k}`);
    const ms = reset ? parseDuration(reset) : undefined;
    if (ms !== undefined && ms > 0) out.push(ms);
  }
  return out.length > 0 ? Math.max(...out) : undefined;
}

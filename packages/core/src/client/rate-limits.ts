// Rate-limit snapshots from Codex's `x-codex-<primary|secondary>-*` response headers.
import type { RateLimitWindow, ResponseEvent } from './types.js';

function num(headers: Headers, name: string): number | undefined {
  const raw = headers.get(name);
  if (raw === null || raw.trim() === '') return undefined;
  const n = Number(raw);
  return Number.isFinite(n) ? n : undefined;
}

function window(headers: Headers, which: 'primary' | 'secondary'): RateLimitWindow | undefined {
  const used = num(headers, `x-codex-${which}-used-percent`);
  if (used === undefined) return undefined;
  const w: RateLimitWindow = { used_percent: used };
  const minutes = num(headers, `x-codex-${which}-window-minutes`);
  if (minutes !== undefined) w.window_minutes = minutes;
  const resets = num(headers, `x-codex-${which}-reset-after-seconds`);
  if (resets !== undefined) w.resets_in_seconds = resets;
  return w;
}

/** The `rate_limits` event for a response, or `undefined` when it carries no such headers. */
export function rateLimitsFromHeaders(headers: Headers): Extract<ResponseEvent, { type: 'rate_limits' }> | undefined {
  const primary = window(headers, 'primary');
  const secondary = window(headers, 'secondary');
  if (!primary && !secondary) return undefined;
  return { type: 'rate_limits', ...(primary ? { primary } : {}), ...(secondary ? { secondary } : {}) };
}

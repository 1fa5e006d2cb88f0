import { describe, expect, it } from 'vitest';
import { backoffMs, exhaustedFromHeaders, limitFromHeaders, MAX_LIMIT_MS, parseDuration, parseRetryAfter } from './rate-limit.js';

const NOW = Date.parse('2026-01-01T00:00:00Z');

describe('rate-limit headers', () => {
  it('parses Retry-After as seconds or an HTTP date', () => {
    expect(parseRetryAfter('7', NOW)).toBe(7000);
    expect(parseRetryAfter('1.5', NOW)).toBe(1500);
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:30 GMT', NOW)).toBe(30_000);
    expect(parseRetryAfter('Wed, 31 Dec 2025 23:59:00 GMT', NOW)).toBe(0); // in the past
    expect(parseRetryAfter('soon', NOW)).toBeUndefined();
  });

  it('parses OpenAI reset durations', () => {
    expect(parseDuration('1s')).toBe(1000);
    expect(parseDuration('20ms')).toBe(20);
    expect(parseDuration('6m0s')).toBe(360_000);
    expect(parseDuration('1m2.5s')).toBe(62_500);
    expect(parseDuration('2h')).toBe(MAX_LIMIT_MS); // capped
    expect(parseDuration('2')).toBe(2000);
    expect(parseDuration('3x')).toBeUndefined();
    expect(parseDuration('1s junk')).toBeUndefined();
  });

  it('prefers retry-after-ms, then Retry-After, then the exhausted x-ratelimit-reset-*', () => {
    expect(limitFromHeaders({ 'retry-after-ms': '250', 'retry-after': '9' }, NOW)).toEqual({ delayMs: 250, source: 'retry-after-ms' });
    expect(limitFromHeaders({ 'retry-after': '9' }, NOW)).toEqual({ delayMs: 9000, source: 'retry-after' });
    expect(
      limitFromHeaders(
        { 'x-ratelimit-remaining-requests': '5', 'x-ratelimit-reset-requests': '1s', 'x-ratelimit-remaining-tokens': '0', 'x-ratelimit-reset-tokens': '250ms' },
        NOW,
      ),
    ).toEqual({ delayMs: 250, source: 'x-ratelimit-reset' });
    expect(limitFromHeaders({ 'x-ratelimit-reset-requests': '2s', 'x-ratelimit-reset-tokens': '3s' }, NOW)).toEqual({ delayMs: 3000, source: 'x-ratelimit-reset' });
    expect(limitFromHeaders({ 'x-ratelimit-reset': String((NOW + 4000) / 1000) }, NOW)).toEqual({ delayMs: 4000, source: 'x-ratelimit-reset' });
    expect(limitFromHeaders({ 'x-ratelimit-reset': String(NOW + 5000) }, NOW)).toEqual({ delayMs: 5000, source: 'x-ratelimit-reset' });
    expect(limitFromHeaders({ 'x-ratelimit-reset': '12' }, NOW)).toEqual({ delayMs: 12_000, source: 'x-ratelimit-reset' });
    expect(limitFromHeaders({ 'content-type': 'application/json' }, NOW)).toBeUndefined();
  });

  it('caps hostile values', () => {
    expect(limitFromHeaders({ 'retry-after': '99999999999' }, NOW)).toEqual({ delayMs: MAX_LIMIT_MS, source: 'retry-after' });
    expect(limitFromHeaders({ 'retry-after': '-5' }, NOW)).toBeUndefined();
  });

  it('backs off exponentially without a hint, capped at 60 s', () => {
    expect([1, 2, 3, 4, 7, 20].map(backoffMs)).toEqual([1000, 2000, 4000, 8000, 60_000, 60_000]);
  });

  it('benches a provider whose budget a good answer says is spent', () => {
    expect(exhaustedFromHeaders({ 'x-ratelimit-remaining-requests': '0', 'x-ratelimit-reset-requests': '2s' })).toBe(2000);
    expect(exhaustedFromHeaders({ 'x-ratelimit-remaining-requests': '3', 'x-ratelimit-reset-requests': '2s' })).toBeUndefined();
  });
});

// Token accounting and rate limits (protocol.rs TokenUsage, TokenUsageInfo,
// RateLimitSnapshot) carried by `token_count` events.
import { z } from 'zod';

/** `TokenUsage`: counts for one response or a running total. */
export const TokenUsageSchema = z.looseObject({
  input_tokens: z.number(),
  cached_input_tokens: z.number(),
  output_tokens: z.number(),
  reasoning_output_tokens: z.number(),
  total_tokens: z.number(),
});
/** Token counts. */
export type TokenUsage = z.infer<typeof TokenUsageSchema>;

/** `TokenUsageInfo{total_token_usage, last_token_usage, model_context_window?}`. */
export const TokenUsageInfoSchema = z.looseObject({
  total_token_usage: TokenUsageSchema,
  last_token_usage: TokenUsageSchema,
  model_context_window: z.number().nullish(),
});
/** Session total plus the last response's usage. */
export type TokenUsageInfo = z.infer<typeof TokenUsageInfoSchema>;

/** One rate-limit window (`x-codex-primary-*` / `x-codex-secondary-*` headers). */
export const RateLimitWindowSchema = z.looseObject({
  used_percent: z.number(),
  window_minutes: z.number().nullish(),
  resets_in_seconds: z.number().nullish(),
  resets_at: z.union([z.number(), z.string()]).nullish(),
});
/** One rate-limit window. */
export type RateLimitWindow = z.infer<typeof RateLimitWindowSchema>;

/** `RateLimitSnapshot{primary?, secondary?}`. */
export const RateLimitSnapshotSchema = z.looseObject({
  primary: RateLimitWindowSchema.nullish(),
  secondary: RateLimitWindowSchema.nullish(),
});
/** Rate-limit state from the last response headers. */
export type RateLimitSnapshot = z.infer<typeof RateLimitSnapshotSchema>;

// `[fleet]` in config.toml (codex-ts extension): where `codex fleet` finds its Redis queue and
// shared storage, how workers run, and the providers the fleet's gateway balances over.
import { z } from 'zod';

/** One `[[fleet.providers]]` entry: a `[model_providers.<id>]` key and its share of requests. */
export const FleetProviderEntrySchema = z.strictObject({
  provider: z.string().min(1),
  weight: z.number().positive().optional(),
});
/** A fleet provider entry. */
export type FleetProviderEntry = z.infer<typeof FleetProviderEntrySchema>;

const positiveInt = z.number().int('must be a whole number').positive('must be at least 1');

/** `[fleet]`. Unknown keys are errors (a misspelt key would silently change how a fleet runs). */
export const FleetConfigSchema = z.strictObject({
  /** `redis://host:port/db`; `--redis` wins. */
  redis_url: z.string().min(1).optional(),
  /** Queue name (one fleet per name); default `tasks`. */
  queue: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, 'letters, digits, ".", "_" and "-" only (1-64)').optional(),
  /** Directory every worker sees at the same path (worktrees, task CODEX_HOMEs, rollouts). */
  shared_dir: z.string().min(1).optional(),
  /** Worker-local cache of git URL clones. */
  cache_dir: z.string().min(1).optional(),
  /** Tasks one worker runs at once; `--concurrency` wins. */
  concurrency: positiveInt.optional(),
  /** How long a worker's claim on a task lasts without renewal (a dead worker's task is taken over after this). */
  lock_duration_ms: positiveInt.optional(),
  /** How often a task may be taken over from a lost worker before it fails. */
  max_resumes: z.number().int().nonnegative().optional(),
  /** Keep each task's worktree after it ends (default: removed; the diff is in the result). */
  keep_worktrees: z.boolean().optional(),
  /** Allow tasks asking for `danger-full-access` (default false: refused at submit and by workers). */
  allow_danger_full_access: z.boolean().optional(),
  /** Providers the gateway balances over; none: each task uses its own configured provider. */
  providers: z.array(FleetProviderEntrySchema).optional(),
});
/** `[fleet]` settings. */
export type FleetConfig = z.infer<typeof FleetConfigSchema>;

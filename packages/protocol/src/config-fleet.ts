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
const envName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be the name of an environment variable');

/** `[fleet.storage]`: an S3-compatible bucket for rollouts, diffs and crash checkpoints. */
export const FleetStorageSchema = z.strictObject({
  /** Bucket name. */
  bucket: z.string().min(1),
  /** `https://s3.<region>.amazonaws.com` by default; any S3-compatible endpoint (MinIO, R2, GCS interop, …). */
  endpoint: z.string().min(1).optional(),
  /** Signing region; default $AWS_REGION, then $AWS_DEFAULT_REGION, then us-east-1. */
  region: z.string().min(1).optional(),
  /** Key prefix of every object; default `codex-fleet/`. */
  prefix: z.string().optional(),
  /** `endpoint/bucket/key` addressing; default true with a custom endpoint, false on AWS. */
  path_style: z.boolean().optional(),
  /** Names of the environment variables holding the credentials (defaults: the AWS ones). */
  access_key_id_env: envName.optional(),
  secret_access_key_env: envName.optional(),
  session_token_env: envName.optional(),
  /** Least time between two checkpoint uploads of a running task; default 5000. */
  checkpoint_interval_ms: positiveInt.optional(),
});
/** `[fleet.storage]` settings. */
export type FleetStorage = z.infer<typeof FleetStorageSchema>;

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
  /** Tries of a task whose failure may pass (provider exhausted, lost child); default 3. A task's own `attempts` wins. */
  attempts: positiveInt.max(100).optional(),
  /** Wait before the second try, doubled for each later one; default 30000. */
  backoff_ms: z.number().int().nonnegative().optional(),
  /** Upload rollouts and diffs, and crash checkpoints of running tasks, to an S3-compatible bucket. */
  storage: FleetStorageSchema.optional(),
  /** Providers the gateway balances over; none: each task uses its own configured provider. */
  providers: z.array(FleetProviderEntrySchema).optional(),
});
/** `[fleet]` settings. */
export type FleetConfig = z.infer<typeof FleetConfigSchema>;

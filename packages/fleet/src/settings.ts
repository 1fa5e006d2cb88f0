// The effective `[fleet]` settings of one command: config.toml's table, then flags. Providers
// named in `[[fleet.providers]]` are resolved against `[model_providers]` here, so a typo is
// reported before a worker starts.
import { hostname } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import type { Config } from '@codex-ts/core';
import { providerBaseUrl } from '@codex-ts/core';
import type { FleetConfig } from '@codex-ts/protocol';
import { FleetError } from './errors.js';
import type { FleetProvider } from './gateway/index.js';
import { resolveStorage, type StorageSettings } from './storage/config.js';

/** Defaults, as documented in the README. */
export const DEFAULTS = {
  redisUrl: 'redis://127.0.0.1:6379',
  queue: 'tasks',
  concurrency: 2,
  lockDurationMs: 30_000,
  maxResumes: 3,
  attempts: 3,
  backoffMs: 30_000,
} as const;

/** Everything a fleet command needs to know. */
export interface FleetSettings {
  redisUrl: string;
  queue: string;
  /** Redis key prefix of every fleet key (BullMQ's too). */
  prefix: string;
  sharedDir: string;
  cacheDir: string;
  concurrency: number;
  lockDurationMs: number;
  maxResumes: number;
  keepWorktrees: boolean;
  allowDangerFullAccess: boolean;
  providers: FleetProvider[];
  /** Tries of a task whose failure may pass (tasks may set their own). */
  attempts: number;
  /** Wait before the second try, doubled for each later one. */
  backoffMs: number;
  /** The bucket for rollouts, diffs and checkpoints (`[fleet.storage]`), if any. */
  storage?: StorageSettings;
  /** This worker's name in results and logs. */
  workerName: string;
}

/** Flags that win over `[fleet]`. */
export interface FleetFlags {
  redis?: string;
  queue?: string;
  sharedDir?: string;
  concurrency?: number;
  lockDurationMs?: number;
  /** Commands that never touch the bucket (submit, status, …) skip `[fleet.storage]` and its credentials. */
  noStorage?: boolean;
}

/** Resolve `[fleet]` plus flags. Throws FleetError('config') naming the bad key. */
export function resolveSettings(config: Config, flags: FleetFlags = {}, env: NodeJS.ProcessEnv = process.env): FleetSettings {
  const fleet = (config.toml['fleet'] ?? {}) as FleetConfig;
  const redisUrl = flags.redis ?? env.CODEX_FLEET_REDIS_URL ?? fleet.redis_url ?? DEFAULTS.redisUrl;
  if (!/^rediss?:\/\//.test(redisUrl)) throw new FleetError('config', `redis URL must start with redis:// or rediss:// (got ${JSON.stringify(redisUrl)})`);
  const queue = flags.queue ?? fleet.queue ?? DEFAULTS.queue;
  if (!/^[A-Za-z0-9._-]{1,64}$/.test(queue)) throw new FleetError('config', `queue name ${JSON.stringify(queue)}: letters, digits, ".", "_" and "-" only (1-64)`);
  const concurrency = flags.concurrency ?? fleet.concurrency ?? DEFAULTS.concurrency;
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new FleetError('config', `--concurrency must be a whole number of at least 1 (got ${concurrency})`);
  const lockDurationMs = flags.lockDurationMs ?? fleet.lock_duration_ms ?? DEFAULTS.lockDurationMs;
  const abs = (p: string): string => (isAbsolute(p) ? p : resolve(config.cwd, p));
  const storage = flags.noStorage ? undefined : resolveStorage(fleet.storage, env);
  const sharedDir = abs(flags.sharedDir ?? fleet.shared_dir ?? join(config.codex_home, 'fleet'));
  return {
    redisUrl,
    queue,
    prefix: 'codex-fleet',
    sharedDir,
    cacheDir: abs(fleet.cache_dir ?? join(config.codex_home, 'fleet-cache')),
    concurrency,
    lockDurationMs,
    maxResumes: fleet.max_resumes ?? DEFAULTS.maxResumes,
    keepWorktrees: fleet.keep_worktrees === true,
    allowDangerFullAccess: fleet.allow_danger_full_access === true,
    providers: resolveProviders(config, fleet, env),
    attempts: fleet.attempts ?? DEFAULTS.attempts,
    backoffMs: fleet.backoff_ms ?? DEFAULTS.backoffMs,
    ...(storage !== undefined ? { storage } : {}),
    workerName: `${hostname()}:${process.pid}`,
  };
}

function resolveProviders(config: Config, fleet: FleetConfig, env: NodeJS.ProcessEnv): FleetProvider[] {
  return (fleet.providers ?? []).map((entry, i) => {
    const info = config.model_providers[entry.provider];
    if (info === undefined) {
      const known = Object.keys(config.model_providers).sort().join(', ');
      throw new FleetError('config', `fleet.providers[${i}]: no [model_providers.${entry.provider}] (known: ${known})`);
    }
    const headers: Record<string, string> = { ...(info.http_headers ?? {}) };
    for (const [name, envVar] of Object.entries(info.env_http_headers ?? {})) {
      const v = env[envVar];
      if (v !== undefined && v !== '') headers[name] = v;
    }
    const apiKey = info.env_key !== undefined ? env[info.env_key] : undefined;
    return {
      id: entry.provider,
      baseUrl: providerBaseUrl(info),
      wireApi: info.wire_api,
      ...(apiKey !== undefined && apiKey !== '' ? { apiKey } : {}),
      ...(Object.keys(headers).length > 0 ? { headers } : {}),
      weight: entry.weight ?? 1,
    };
  });
}

// `[fleet.storage]` resolved for a worker: endpoint, bucket, region, prefix, addressing and
// credentials read from the environment variables the config names (the AWS ones by default).
// The secret stays in memory; nothing here is logged or stored.
import type { FleetStorage } from '@codex-ts/protocol';
import { FleetError } from '../errors.js';
import { S3Store } from './s3.js';

/** Resolved storage settings (credentials included: never log this object). */
export interface StorageSettings {
  endpoint: string;
  bucket: string;
  region: string;
  /** Key prefix, '' or ending in '/'. */
  prefix: string;
  pathStyle: boolean;
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  checkpointIntervalMs: number;
  /** The environment variables the credentials came from (removed from each task's environment). */
  credentialEnv: string[];
}

/** Default least time between two checkpoint uploads of one task. */
export const DEFAULT_CHECKPOINT_INTERVAL_MS = 5000;

/** Resolve `[fleet.storage]`; undefined when it is not set. Throws FleetError('config') naming what is missing. */
export function resolveStorage(cfg: FleetStorage | undefined, env: NodeJS.ProcessEnv): StorageSettings | undefined {
  if (cfg === undefined) return undefined;
  const region = cfg.region ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? 'us-east-1';
  const keyEnv = cfg.access_key_id_env ?? 'AWS_ACCESS_KEY_ID';
  const secretEnv = cfg.secret_access_key_env ?? 'AWS_SECRET_ACCESS_KEY';
  const tokenEnv = cfg.session_token_env ?? 'AWS_SESSION_TOKEN';
  const accessKeyId = env[keyEnv];
  const secretAccessKey = env[secretEnv];
  const missing = [accessKeyId ? undefined : keyEnv, secretAccessKey ? undefined : secretEnv].filter((x) => x !== undefined);
  if (missing.length > 0) throw new FleetError('config', `fleet.storage: set ${missing.join(' and ')} in the environment (the bucket's credentials)`);
  let prefix = cfg.prefix ?? 'codex-fleet/';
  prefix = prefix.replace(/^\/+/, '');
  if (prefix !== '' && !prefix.endsWith('/')) prefix += '/';
  if (/(^|\/)\.\.?(\/|$)/.test(prefix)) throw new FleetError('config', `fleet.storage.prefix ${JSON.stringify(cfg.prefix)} must not contain "." or ".." segments`);
  const settings: StorageSettings = {
    endpoint: cfg.endpoint ?? `https://s3.${region}.amazonaws.com`,
    bucket: cfg.bucket,
    region,
    prefix,
    pathStyle: cfg.path_style ?? cfg.endpoint !== undefined,
    accessKeyId: accessKeyId!,
    secretAccessKey: secretAccessKey!,
    ...(env[tokenEnv] ? { sessionToken: env[tokenEnv] } : {}),
    checkpointIntervalMs: cfg.checkpoint_interval_ms ?? DEFAULT_CHECKPOINT_INTERVAL_MS,
    credentialEnv: [keyEnv, secretEnv, tokenEnv],
  };
  openStore(settings); // bad bucket names and endpoints fail here, before a worker starts
  return settings;
}

/** A client for the configured bucket. */
export function openStore(s: StorageSettings): S3Store {
  return new S3Store({
    endpoint: s.endpoint,
    bucket: s.bucket,
    region: s.region,
    pathStyle: s.pathStyle,
    credentials: { accessKeyId: s.accessKeyId, secretAccessKey: s.secretAccessKey, ...(s.sessionToken !== undefined ? { sessionToken: s.sessionToken } : {}) },
  });
}

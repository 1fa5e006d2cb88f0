// Validates GatewayOptions before anything starts: every problem names the field
// (`providers[1].weight`) and what a valid value looks like. Nothing listens or connects
// until the whole configuration is known to be good.
import { GatewayError } from './errors.js';
import type { FleetProvider, GatewayOptions } from './types.js';

/** Options with defaults applied. */
export interface ResolvedGatewayOptions {
  redisUrl: string;
  providers: FleetProvider[];
  keyPrefix: string;
  maxWaitMs: number;
  maxAttempts: number;
  host: string;
  port: number;
}

export const DEFAULT_KEY_PREFIX = 'codex-fleet';
/** Under codex-ts's default 60 s wait for response headers, so the client does not give up first. */
export const DEFAULT_MAX_WAIT_MS = 50_000;
export const DEFAULT_MAX_ATTEMPTS = 10;

const TASK_ID = /^[A-Za-z0-9][A-Za-z0-9._:@+-]{0,199}$/;
// Headers a provider entry may not set: they belong to the connection or to the gateway.
const RESERVED_HEADERS = new Set(['host', 'content-length', 'connection', 'transfer-encoding', 'keep-alive', 'upgrade', 'te', 'trailer']);

function bad(field: string, problem: string): GatewayError {
  return new GatewayError('invalid_config', `fleet gateway: ${field} ${problem}`);
}

function validateProvider(p: unknown, i: number, seen: Set<string>): FleetProvider {
  const at = `providers[${i}]`;
  if (p === null || typeof p !== 'object' || Array.isArray(p)) throw bad(at, 'must be an object {id, baseUrl, wireApi, weight, apiKey?, headers?}');
  const o = p as Record<string, unknown>;
  if (typeof o.id !== 'string' || o.id.trim() === '' || /[\s\u0000-\u001f]/.test(o.id)) {
    throw bad(`${at}.id`, 'must be a non-empty string without spaces (the model_providers key)');
  }
  if (seen.has(o.id)) throw bad(`${at}.id`, `\`${o.id}\` is listed twice; give each provider once (weights set the share)`);
  seen.add(o.id);
  const where = `${at} (${o.id})`;
  if (typeof o.baseUrl !== 'string') throw bad(`${where}.baseUrl`, 'must be an http(s) URL, e.g. https://api.openai.com/v1');
  let url: URL;
  try {
    url = new URL(o.baseUrl);
  } catch {
    throw bad(`${where}.baseUrl`, `\`${o.baseUrl}\` is not a URL; expected e.g. https://api.openai.com/v1`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw bad(`${where}.baseUrl`, `\`${o.baseUrl}\` must use http or https`);
  if (o.wireApi !== 'responses' && o.wireApi !== 'chat') {
    throw bad(`${where}.wireApi`, `is ${JSON.stringify(o.wireApi)}; the wire API must be "responses" or "chat"`);
  }
  if (typeof o.weight !== 'number' || !Number.isFinite(o.weight) || o.weight <= 0) {
    throw bad(`${where}.weight`, `is ${JSON.stringify(o.weight)}; it must be a number > 0 (a relative share of requests)`);
  }
  if (o.apiKey !== undefined && (typeof o.apiKey !== 'string' || o.apiKey === '' || /[\r\n]/.test(o.apiKey))) {
    throw bad(`${where}.apiKey`, 'must be a non-empty single-line string when given');
  }
  const headers: Record<string, string> = {};
  if (o.headers !== undefined) {
    if (o.headers === null || typeof o.headers !== 'object' || Array.isArray(o.headers)) throw bad(`${where}.headers`, 'must be an object of header name -> string');
    for (const [k, v] of Object.entries(o.headers as Record<string, unknown>)) {
      if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(k)) throw bad(`${where}.headers`, `has an invalid header name \`${k}\``);
      if (RESERVED_HEADERS.has(k.toLowerCase())) throw bad(`${where}.headers.${k}`, 'is set by the gateway itself; remove it');
      if (typeof v !== 'string' || /[\r\n]/.test(v)) throw bad(`${where}.headers.${k}`, 'must be a single-line string');
      headers[k.toLowerCase()] = v;
    }
  }
  return {
    id: o.id,
    baseUrl: o.baseUrl.replace(/\/+$/, ''),
    wireApi: o.wireApi,
    weight: o.weight,
    ...(o.apiKey !== undefined ? { apiKey: o.apiKey as string } : {}),
    headers,
  };
}

function nonNegativeInt(v: unknown, field: string, min: number): number | undefined {
  if (v === undefined) return undefined;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min) throw bad(field, `is ${JSON.stringify(v)}; it must be an integer >= ${min}`);
  return v;
}

/** Checks `opts` and fills in defaults; throws `GatewayError('invalid_config')` naming the field. */
export function resolveGatewayOptions(opts: GatewayOptions): ResolvedGatewayOptions {
  if (opts === null || typeof opts !== 'object') throw bad('options', 'must be an object');
  if (typeof opts.redisUrl !== 'string' || !/^rediss?:\/\/./.test(opts.redisUrl)) {
    throw bad('redisUrl', `is ${JSON.stringify(opts.redisUrl)}; expected redis://host:port (or rediss://)`);
  }
  if (!Array.isArray(opts.providers) || opts.providers.length === 0) {
    throw bad('providers', 'is empty: configure at least one provider ([[fleet.providers]] with provider and weight), or run without the gateway');
  }
  const seen = new Set<string>();
  const providers = opts.providers.map((p, i) => validateProvider(p, i, seen));
  const keyPrefix = opts.keyPrefix ?? DEFAULT_KEY_PREFIX;
  if (typeof keyPrefix !== 'string' || keyPrefix === '' || /\s/.test(keyPrefix)) throw bad('keyPrefix', 'must be a non-empty string without spaces');
  const host = opts.host ?? '127.0.0.1';
  // Anyone who can reach the gateway spends the providers' keys: loopback only.
  if (!/^(127\.\d{1,3}\.\d{1,3}\.\d{1,3}|::1|localhost)$/.test(host)) throw bad('host', `is ${JSON.stringify(host)}; the gateway listens on loopback only (127.0.0.1, ::1 or localhost)`);
  const port = nonNegativeInt(opts.port, 'port', 0) ?? 0;
  if (port > 65535) throw bad('port', `is ${port}; it must be 0..65535`);
  return {
    redisUrl: opts.redisUrl,
    providers,
    keyPrefix,
    maxWaitMs: nonNegativeInt(opts.maxWaitMs, 'maxWaitMs', 0) ?? DEFAULT_MAX_WAIT_MS,
    maxAttempts: nonNegativeInt(opts.maxAttempts, 'maxAttempts', 1) ?? DEFAULT_MAX_ATTEMPTS,
    host,
    port,
  };
}

/** Task ids appear in URLs and Redis keys: letters, digits and `._:@+-`, at most 200. */
export function isValidTaskId(taskId: string): boolean {
  return typeof taskId === 'string' && TASK_ID.test(taskId);
}

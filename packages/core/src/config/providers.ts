// Model providers: the built-ins (`openai`, `oss`) and user `[model_providers.<id>]`
// entries with Codex's keys. User entries cannot replace a built-in id (as in Codex).

/** Which HTTP wire a provider speaks. */
export type WireApi = 'responses' | 'chat';

/** A resolved provider (wire names as in config.toml). */
export interface ModelProviderInfo {
  name: string;
  base_url?: string;
  env_key?: string;
  env_key_instructions?: string;
  /** A literal bearer token (Codex's `experimental_bearer_token`). */
  experimental_bearer_token?: string;
  wire_api: WireApi;
  query_params?: Record<string, string>;
  http_headers?: Record<string, string>;
  env_http_headers?: Record<string, string>;
  request_max_retries?: number;
  stream_max_retries?: number;
  stream_idle_timeout_ms?: number;
  /** Ours: bound on waiting for response headers (Codex has none). */
  request_headers_timeout_ms?: number;
  requires_openai_auth: boolean;
}

/** Codex's defaults and hard caps for retries and the idle timeout. */
export const DEFAULT_REQUEST_MAX_RETRIES = 4;
export const DEFAULT_STREAM_MAX_RETRIES = 5;
export const DEFAULT_STREAM_IDLE_TIMEOUT_MS = 300_000;
export const MAX_RETRIES_CAP = 100;
/** Ours: how long to wait for response headers before treating the attempt as failed. */
export const DEFAULT_REQUEST_HEADERS_TIMEOUT_MS = 60_000;

/**
 * The built-in providers; `env` supplies OPENAI_BASE_URL / CODEX_OSS_BASE_URL / CODEX_OSS_PORT,
 * and current Codex's `openai_base_url` config key (e.g. from the SDK's `baseUrl`) wins over the env.
 */
export function builtInModelProviders(env: NodeJS.ProcessEnv = process.env, openaiBaseUrl?: string): Record<string, ModelProviderInfo> {
  const fromEnv = env.OPENAI_BASE_URL && env.OPENAI_BASE_URL.trim() !== '' ? env.OPENAI_BASE_URL : undefined;
  const openaiBase = openaiBaseUrl && openaiBaseUrl.trim() !== '' ? openaiBaseUrl : fromEnv;
  const ossBase =
    env.CODEX_OSS_BASE_URL && env.CODEX_OSS_BASE_URL.trim() !== ''
      ? env.CODEX_OSS_BASE_URL
      : `http://localhost:${env.CODEX_OSS_PORT && env.CODEX_OSS_PORT.trim() !== '' ? env.CODEX_OSS_PORT : '11434'}/v1`;
  return {
    openai: {
      name: 'OpenAI',
      ...(openaiBase ? { base_url: openaiBase } : {}),
      env_key: 'OPENAI_API_KEY',
      wire_api: 'responses',
      requires_openai_auth: true,
    },
    oss: { name: 'gpt-oss', base_url: ossBase, wire_api: 'chat', requires_openai_auth: false },
  };
}

/** Effective retry/timeout settings with Codex's defaults and caps applied. */
export function providerRetrySettings(p: ModelProviderInfo): {
  requestMaxRetries: number;
  streamMaxRetries: number;
  streamIdleTimeoutMs: number;
  requestHeadersTimeoutMs: number;
} {
  return {
    requestMaxRetries: Math.min(p.request_max_retries ?? DEFAULT_REQUEST_MAX_RETRIES, MAX_RETRIES_CAP),
    streamMaxRetries: Math.min(p.stream_max_retries ?? DEFAULT_STREAM_MAX_RETRIES, MAX_RETRIES_CAP),
    streamIdleTimeoutMs: p.stream_idle_timeout_ms ?? DEFAULT_STREAM_IDLE_TIMEOUT_MS,
    requestHeadersTimeoutMs: p.request_headers_timeout_ms ?? DEFAULT_REQUEST_HEADERS_TIMEOUT_MS,
  };
}

/** The base URL requests go to (OpenAI's default when the provider sets none). */
export function providerBaseUrl(p: ModelProviderInfo): string {
  return (p.base_url ?? 'https://api.openai.com/v1').replace(/\/+$/, '');
}

// The provider facts the client needs, and how they turn into URL, headers and retry
// settings. The shape mirrors config's `ModelProviderInfo` (Codex's wire names) so a
// config provider can be passed straight in.
// TODO(#5): import ModelProviderInfo from ../config once the config module is committed.

/** Which HTTP wire a provider speaks. */
export type WireApi = 'responses' | 'chat';

/** A model provider as `[model_providers.<id>]` describes it (Codex's key names). */
export interface ModelProviderInfo {
  name: string;
  base_url?: string;
  env_key?: string;
  env_key_instructions?: string;
  experimental_bearer_token?: string;
  wire_api: WireApi;
  query_params?: Record<string, string>;
  http_headers?: Record<string, string>;
  env_http_headers?: Record<string, string>;
  request_max_retries?: number;
  stream_max_retries?: number;
  stream_idle_timeout_ms?: number;
  /** Ours: bound on waiting for response headers (Codex waits forever). */
  request_headers_timeout_ms?: number;
  requires_openai_auth: boolean;
}

/** Codex's defaults and caps, plus our headers timeout. */
export const CLIENT_DEFAULTS = {
  requestMaxRetries: 4,
  streamMaxRetries: 5,
  streamIdleTimeoutMs: 300_000,
  requestHeadersTimeoutMs: 60_000,
  maxRetriesCap: 100,
} as const;

/** The effective retry and timeout settings of a provider. */
export interface RetrySettings {
  requestMaxRetries: number;
  streamMaxRetries: number;
  streamIdleTimeoutMs: number;
  requestHeadersTimeoutMs: number;
}

/** Applies Codex's defaults and the cap of 100 retries per phase. */
export function retrySettings(p: ModelProviderInfo, overrides: Partial<RetrySettings> = {}): RetrySettings {
  const cap = (n: number): number => Math.max(0, Math.min(Math.floor(n), CLIENT_DEFAULTS.maxRetriesCap));
  return {
    requestMaxRetries: cap(overrides.requestMaxRetries ?? p.request_max_retries ?? CLIENT_DEFAULTS.requestMaxRetries),
    streamMaxRetries: cap(overrides.streamMaxRetries ?? p.stream_max_retries ?? CLIENT_DEFAULTS.streamMaxRetries),
    streamIdleTimeoutMs: overrides.streamIdleTimeoutMs ?? p.stream_idle_timeout_ms ?? CLIENT_DEFAULTS.streamIdleTimeoutMs,
    requestHeadersTimeoutMs:
      overrides.requestHeadersTimeoutMs ?? p.request_headers_timeout_ms ?? CLIENT_DEFAULTS.requestHeadersTimeoutMs,
  };
}

/** The provider's base URL without a trailing slash; ChatGPT auth uses Codex's backend. */
export function baseUrl(p: ModelProviderInfo, chatgptMode = false): string {
  const fallback = chatgptMode ? 'https://chatgpt.com/backend-api/codex' : 'https://api.openai.com/v1';
  return (p.base_url ?? fallback).replace(/\/+$/, '');
}

const AZURE_MARKERS = ['openai.azure.', 'cognitiveservices.azure.', 'aoai.azure.', 'azure-api.', 'azurefd.'];

/** Codex's `is_azure_responses_endpoint`: such endpoints get `store: true`. */
export function isAzureResponsesEndpoint(p: ModelProviderInfo): boolean {
  if (p.wire_api !== 'responses') return false;
  if (p.name.toLowerCase() === 'azure') return true;
  const url = (p.base_url ?? '').toLowerCase();
  return AZURE_MARKERS.some((m) => url.includes(m));
}

/** `http_headers` plus `env_http_headers` whose variable is set and not blank. */
export function providerHeaders(p: ModelProviderInfo, env: NodeJS.ProcessEnv): Record<string, string> {
  const out: Record<string, string> = { ...(p.http_headers ?? {}) };
  for (const [header, variable] of Object.entries(p.env_http_headers ?? {})) {
    const value = env[variable];
    if (value !== undefined && value.trim() !== '') out[header] = value;
  }
  return out;
}

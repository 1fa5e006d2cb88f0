// The provider facts the client needs (config's `ModelProviderInfo`, Codex's wire names)
// and how they turn into URL, headers and retry settings.
import {
  DEFAULT_REQUEST_HEADERS_TIMEOUT_MS,
  DEFAULT_REQUEST_MAX_RETRIES,
  DEFAULT_STREAM_IDLE_TIMEOUT_MS,
  DEFAULT_STREAM_MAX_RETRIES,
  MAX_RETRIES_CAP,
  type ModelProviderInfo,
} from '../config/providers.js';

export type { ModelProviderInfo, WireApi } from '../config/providers.js';

/** Codex's defaults and caps, plus our headers timeout. */
export const CLIENT_DEFAULTS = {
  requestMaxRetries: DEFAULT_REQUEST_MAX_RETRIES,
  streamMaxRetries: DEFAULT_STREAM_MAX_RETRIES,
  streamIdleTimeoutMs: DEFAULT_STREAM_IDLE_TIMEOUT_MS,
  requestHeadersTimeoutMs: DEFAULT_REQUEST_HEADERS_TIMEOUT_MS,
  maxRetriesCap: MAX_RETRIES_CAP,
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

// The model client's public surface (re-exported by core's entry point).
export { ModelClient } from './model-client.js';
export type { ModelClientOptions, StreamOptions } from './model-client.js';
export { ModelClientError, retryScope, CONTEXT_WINDOW_EXCEEDED_MESSAGE, HIGH_DEMAND_MESSAGE } from './errors.js';
export type { ModelClientErrorCode } from './errors.js';
export { resolveProviderAuth, createProviderAuth, type ProviderAuth } from './auth.js';
export type { ClientAuth, ResolveProviderAuthOptions } from './auth.js';
export { backoffMs, parseRetryAfter, parseTryAgainIn } from './backoff.js';
export type { BackoffOptions } from './backoff.js';
export { CLIENT_DEFAULTS, retrySettings, isAzureResponsesEndpoint } from './provider.js';
export type { ModelProviderInfo, RetrySettings, WireApi } from './provider.js';
export { buildResponsesBody } from './responses-wire.js';
export { buildChatBody, toChatMessages, toChatTools } from './chat-messages.js';
export type { ClientIdentity } from './request-headers.js';
export type {
  Prompt,
  ResponseEvent,
  ResponseItem,
  ToolSpec,
  ReasoningConfig,
  TokenUsage,
  RateLimitWindow,
  RetryNotice,
} from './types.js';

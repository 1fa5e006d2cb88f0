// The model client's one error class and the decision of what each failure means:
// `retryScope` is the exhaustive switch that says whether a code is retried silently
// (request phase), by re-sending the whole request (stream phase), or is fatal.
import { CoreError } from '../errors.js';


/** Every way a model request can fail. */
export type ModelClientErrorCode =
  | 'unauthorized'
  | 'missing_api_key'
  | 'model_not_found'
  | 'context_window_exceeded'
  | 'usage_limit'
  | 'rate_limited'
  | 'server_error'
  | 'unreachable'
  | 'stream_idle_timeout'
  | 'headers_timeout'
  | 'stream_disconnected'
  | 'response_failed'
  | 'invalid_request'
  | 'aborted';

/** Extra facts some errors carry. */
export interface ModelClientErrorDetails {
  /** HTTP status, when the failure was an HTTP response. */
  status?: number;
  /** Server-suggested delay (Retry-After header, or "try again in Xs" text). */
  retryAfterMs?: number;
  /** The provider's error code (`error.code` / `error.type`). */
  providerCode?: string;
  cause?: unknown;
}

/** Base error of the model client. `code` decides retry behaviour via `retryScope`. */
export class ModelClientError extends CoreError<ModelClientErrorCode> {
  readonly status?: number;
  readonly retryAfterMs?: number;
  readonly providerCode?: string;

  constructor(code: ModelClientErrorCode, message: string, details: ModelClientErrorDetails = {}) {
    super(code, message, { cause: details.cause });
    this.name = 'ModelClientError';
    if (details.status !== undefined) this.status = details.status;
    if (details.retryAfterMs !== undefined) this.retryAfterMs = details.retryAfterMs;
    if (details.providerCode !== undefined) this.providerCode = details.providerCode;
  }
}

/**
 * How an error is retried: `request` = silently, with `request_max_retries` (then it
 * escalates to the stream phase, as Codex's nested loops do); `stream` = the whole request
 * is re-sent with `stream_max_retries` and a notice; `none` = fatal.
 */
export function retryScope(err: ModelClientError): 'request' | 'stream' | 'none' {
  switch (err.code) {
    case 'server_error':
    case 'unreachable':
      return 'request';
    case 'headers_timeout':
    case 'stream_idle_timeout':
    case 'stream_disconnected':
    case 'response_failed':
      return 'stream';
    case 'rate_limited':
      // Codex 0.169 retries a 429 only when the server says when (Retry-After or text).
      return err.retryAfterMs !== undefined ? 'stream' : 'none';
    case 'unauthorized':
    case 'missing_api_key':
    case 'model_not_found':
    case 'context_window_exceeded':
    case 'usage_limit':
    case 'invalid_request':
    case 'aborted':
      return 'none';
    default: {
      const never: never = err.code;
      throw new Error(`unhandled error code ${String(never)}`);
    }
  }
}

/** Codex's wording for a context overflow. */
export const CONTEXT_WINDOW_EXCEEDED_MESSAGE =
  "Codex ran out of room in the model's context window. Start a new conversation or clear earlier history before retrying.";

/** Codex's wording when a 500 outlives the request retries. */
export const HIGH_DEMAND_MESSAGE = "We're currently experiencing high demand, which may cause temporary errors.";

/** The `stream disconnected before completion: …` wrapper Codex uses for stream-phase failures. */
export function streamDisconnectedMessage(detail: string): string {
  return `stream disconnected before completion: ${detail}`;
}

/** Wraps anything thrown into a ModelClientError (aborts become `aborted`). */
export function toModelClientError(err: unknown, signal?: AbortSignal): ModelClientError {
  if (err instanceof ModelClientError) return err;
  if (signal?.aborted) return new ModelClientError('aborted', 'request aborted', { cause: err });
  const message = err instanceof Error ? err.message : String(err);
  return new ModelClientError('stream_disconnected', streamDisconnectedMessage(message), { cause: err });
}

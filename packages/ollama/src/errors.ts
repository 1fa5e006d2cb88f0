// The one error class of @codex-ts/ollama. Every failure talking to a local Ollama server
// (not running, an HTTP error, a malformed answer, a failed pull) is an OllamaError.

/** What went wrong talking to Ollama. */
export type OllamaErrorCode =
  /** No server answered at the host root (connection refused, timeout, non-2xx probe). */
  | 'unreachable'
  /** A request other than the probe got a non-2xx status. */
  | 'http_status'
  /** The server answered something that is not the JSON / NDJSON Ollama sends. */
  | 'bad_response'
  /** `/api/pull` reported an error line, or ended without `success`. */
  | 'pull_failed';

/** A failure talking to a local Ollama server; `message` is fit to show to a user. */
export class OllamaError extends Error {
  readonly code: OllamaErrorCode;

  constructor(code: OllamaErrorCode, message: string, opts: { cause?: unknown } = {}) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = 'OllamaError';
    this.code = code;
  }
}

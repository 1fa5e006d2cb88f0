/**
 * @codex-ts/ollama: local Ollama support for the `oss` provider. `OllamaClient` probes the
 * server, lists models (`/api/tags`), pulls one with streaming progress (`/api/pull`) and
 * `ensureModelReady` does all three, as Codex's `ensure_oss_ready` does.
 */
export const PACKAGE_NAME = '@codex-ts/ollama';

export {
  OllamaClient,
  hostRootFromBaseUrl,
  DEFAULT_OSS_MODEL,
  DEFAULT_OLLAMA_BASE_URL,
  DEFAULT_PROBE_TIMEOUT_MS,
  type OllamaClientOptions,
  type OllamaCallOptions,
  type PullOptions,
  type EnsureModelResult,
} from './client.js';
export { OllamaError, type OllamaErrorCode } from './errors.js';
export { pullEventsFromLine, type PullEvent } from './pull-events.js';

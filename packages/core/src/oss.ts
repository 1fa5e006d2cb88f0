// `--oss` readiness (codex-rs `ensure_oss_ready`): make sure the local Ollama server behind
// the config's built-in `oss` provider answers and has the configured model, pulling it
// when missing. Front ends call this before spawning the engine.
import { OllamaClient, OllamaError, type OllamaErrorCode, type PullEvent } from '@codex-ts/ollama';
import type { Config } from './config/load.js';
import { builtInModelProviders } from './config/providers.js';

export { OllamaError, type OllamaErrorCode, type PullEvent as OssPullEvent };

/** Options of `ensureOssModelReady`. */
export interface EnsureOssModelOptions {
  /** Pull progress, in order (only called when the model has to be pulled). */
  onProgress?: (event: PullEvent) => void;
  signal?: AbortSignal;
}

/**
 * Probe the `oss` provider's Ollama server, and pull `config.model` if it is not listed.
 * Resolves to whether a pull happened; throws an OllamaError (e.g. `unreachable`) otherwise.
 */
export async function ensureOssModelReady(config: Config, opts: EnsureOssModelOptions = {}): Promise<{ pulled: boolean }> {
  const provider = config.model_providers['oss'] ?? builtInModelProviders()['oss'];
  const client = new OllamaClient({ baseUrl: provider?.base_url ?? 'http://localhost:11434/v1' });
  return client.ensureModelReady(config.model, opts);
}

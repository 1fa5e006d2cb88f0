// The slice of @codex-ts/core that `codex exec` drives: loadConfig, Codex.spawn,
// findRolloutPath and ensureOssModelReady, behind small wrappers so the rest of exec names
// one engine surface.
import { Codex, ConfigError, findRolloutPath, loadConfig, type Config, type LoadConfigOptions, type SpawnOptions } from '@codex-ts/core';

export { ensureOssModelReady, OllamaError, type OssPullEvent } from '@codex-ts/core';

/** The effective configuration of a run (core's Config). */
export type EngineConfig = Config;
/** A running engine: the queue pair. */
export type EngineCodex = Codex;
/** What `Codex.spawn` resolves to. */
export interface SpawnedEngine {
  codex: Codex;
  sessionId: string;
  rolloutPath?: string;
}

/** core's `loadConfig`. */
export function loadEngineConfig(opts: LoadConfigOptions): EngineConfig {
  return loadConfig(opts);
}

/** core's `Codex.spawn`. */
export function spawnEngine(config: EngineConfig, opts: SpawnOptions): Promise<SpawnedEngine> {
  return Codex.spawn(config, opts);
}

/** core's `findRolloutPath`, normalised to `undefined` when nothing matches. */
export async function findRollout(codexHome: string, which: string | { last: true }): Promise<string | undefined> {
  return findRolloutPath(codexHome, which) ?? undefined;
}

/** Is `err` core's ConfigError (bad config.toml, `-c`, profile, provider)? */
export function isConfigError(err: unknown): err is ConfigError {
  return err instanceof ConfigError;
}

// The slice of @codex-ts/core that `codex exec` drives: loadConfig, Codex.spawn,
// session lookup/fork and ensureOssModelReady, behind small wrappers so the rest of exec names
// one engine surface.
import { Codex, ConfigError, findLatestSession, findRolloutById, forkSession, loadConfig, type Config, type LoadConfigOptions, type SpawnOptions } from '@codex-ts/core';

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

/** The rollout of session `id` (a uuid) or of a rollout file path; undefined when there is none. */
export function findRollout(codexHome: string, id: string): string | undefined {
  return findRolloutById(codexHome, id) ?? undefined;
}

/** The newest session's rollout, only among sessions started in `cwd` unless `cwd` is undefined. */
export function findLatestRollout(codexHome: string, cwd: string | undefined): string | undefined {
  return findLatestSession(codexHome, cwd !== undefined ? { cwd } : {})?.path ?? undefined;
}

/** core's `forkSession`: a new session holding `sourcePath`'s history; its rollout path. */
export function forkRollout(codexHome: string, sourcePath: string, opts: { cwd: string; version: string }): string {
  return forkSession(codexHome, sourcePath, { cwd: opts.cwd, originator: 'codex_exec', version: opts.version }).path;
}

/** Is `err` core's ConfigError (bad config.toml, `-c`, profile, provider)? */
export function isConfigError(err: unknown): err is ConfigError {
  return err instanceof ConfigError;
}

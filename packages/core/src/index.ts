/**
 * @codex-ts/core: the agent engine. The queue pair (`Codex.spawn`, `submit`, `events`), the
 * turn loop, the model client (Responses and Chat Completions wires), tools, safety and
 * approvals, the command runner, rollouts, config loading and AGENTS.md discovery.
 */
export const PACKAGE_NAME = '@codex-ts/core';

export { Codex, type SpawnOptions } from './session/codex.js';
export { openLogFile, safeFileDestination, type LogFileOptions } from './logging.js';
export { modelFamily, type ModelFamily } from './session/model-info.js';

export {
  loadConfig,
  sandboxPolicyFor,
  DEFAULT_MODEL,
  DEFAULT_OSS_MODEL,
  DEFAULT_PROJECT_DOC_MAX_BYTES,
  type Config,
  type ConfigCliOverrides,
  type LoadConfigOptions,
  type WebSearchMode,
} from './config/load.js';
export { CoreError } from './errors.js';
export { ConfigError, type ConfigErrorCode } from './config/errors.js';
export { findCodexHome } from './config/codex-home.js';
export { featureOverrides } from './config/features.js';
export { profileFilePath } from './config/profiles.js';
export { parseConfigOverride, parseTomlValue, applyOverrides, splitDottedKey, type ConfigOverride } from './config/overrides.js';
export { builtInModelProviders, providerRetrySettings, providerBaseUrl, type ModelProviderInfo, type WireApi } from './config/providers.js';
export type { ShellEnvironmentPolicy } from './config/types.js';

export { userInstructions, projectDocPaths, readProjectDocs } from './context/project-doc.js';
export { findGitRoot, gitCeilingDirectories } from './project/git-root.js';
/** Rust `shlex::try_join`, the one command-line rendering (execpolicy's), for the front ends. */
export { shlexJoin } from '@codex-ts/execpolicy';
export { isTrustedProject, trustedProjectFor } from './project/trusted-projects.js';
export { mainCheckoutOf, trustRootFor } from './project/trust-root.js';
export { renderEnvironmentContext, writableRoots } from './context/environment-context.js';

export { runCommand, killGroup, looksLikeSandboxDenial, DEFAULT_EXEC_TIMEOUT_MS, type RunCommandOptions, type RunCommandResult } from './exec/runner.js';
export {
  UnifiedExecManager,
  UnifiedExecError,
  DEFAULT_MAX_OUTPUT_TOKENS,
  MAX_UNIFIED_EXEC_PROCESSES,
  type UnifiedExecManagerOptions,
} from './unified-exec/manager.js';
export { UnifiedExecProcess, loadPty } from './unified-exec/process.js';
export { formatUnifiedExecResponse, formattedTruncateText } from './unified-exec/output.js';
export { execCommandTool, writeStdinTool, UNIFIED_EXEC_ENV } from './tools/unified-exec.js';
export type { ToolContext, ToolHandler, ToolCall, ToolResult } from './tools/types.js';
export { chooseToolSet, prefersUnifiedExec, type ToolSetChoice } from './session/tool-set.js';
export { baseInstructionsFor, BASE_INSTRUCTIONS } from './instructions/base-instructions.js';
export { resolveFeatures, KNOWN_FEATURES, type FeatureName, type FeatureSettings } from './config/features.js';
export { truncateForModel, formatExecOutputJson, formatExecOutputFreeform, type ExecOutput } from './exec/output-format.js';
export { createExecEnv } from './exec/exec-env.js';
export { applyPatchInChild, applyPatchChildPath, type PatchChildOptions, type PatchChildOutcome } from './tools/patch-child.js';
export type { PatchChildRequest, PatchChildResult } from './tools/patch-child-protocol.js';
export { findProtectedWrite, PROTECTED_DIR_NAMES, type ProtectedHit } from './safety/protected-paths.js';

export { RolloutRecorder, rolloutPathFor, type RecorderOptions } from './rollout/recorder.js';
export { loadRollout, abortedOutputsFor, INCOMPLETE_MARKER_PREFIX, type LoadedRollout } from './rollout/reader.js';
export {
  findRolloutPath,
  findRolloutById,
  findLatestSession,
  listRollouts,
  listSessions,
  readSessionHead,
  type ListSessionsOptions,
  type SessionSummary,
} from './rollout/list.js';
export { forkSession, archiveSession, deleteSession, historyBeforeUserMessage, type ForkOptions } from './rollout/manage.js';
export { repairTornTail, type RepairReport } from './rollout/repair.js';
export { LineWriter, type LineWriterFailure, type LineWriterOptions } from './rollout/line-writer.js';
export { SessionStoreError, type SessionStoreErrorCode } from './rollout/errors.js';
export { describeFsError, ensureDir } from './rollout/fs-safe.js';
export {
  appendHistoryEntry,
  historyMetadata,
  lookupHistoryEntry,
  historyPath,
  historySettingsFromConfig,
  HistoryWriteError,
  HISTORY_SOFT_CAP_RATIO,
  type HistorySettings,
} from './history/message-history.js';
export { SessionCompactor, autoCompactLimit, useRemoteCompaction, AUTO_COMPACT_SHARE, type CompactionConfig } from './compact/auto.js';
export { runCompaction, compactionReserve, type CompactionOutcome, type CompactionDeps } from './compact/compact.js';
export { rebuildHistory, selectUserMessages, userMessages, contextItems } from './compact/rebuild.js';
export { SUMMARIZATION_PROMPT, SUMMARY_PREFIX } from './compact/prompt.js';
export { approxTokens } from './compact/tokens.js';

export {
  ModelClient,
  ModelClientError,
  retryScope,
  resolveProviderAuth,
  createProviderAuth,
  type ProviderAuth,
  CONTEXT_WINDOW_EXCEEDED_MESSAGE,
  HIGH_DEMAND_MESSAGE,
  type ModelClientOptions,
  type ModelClientErrorCode,
  type Prompt,
  type ResponseEvent,
  type ResponseItem,
  type TokenUsage,
  type RetryNotice,
} from './client/index.js';

export {
  assessCommandSafety,
  assessPatchSafety,
  commandApprovalKey,
  isKnownSafeCommand,
  commandMightBeDangerous,
  parseShellScript,
  type SafetyCheck,
} from './safety/index.js';
export { ensureOssModelReady, OllamaError, type EnsureOssModelOptions, type OllamaErrorCode, type OssPullEvent } from './oss.js';

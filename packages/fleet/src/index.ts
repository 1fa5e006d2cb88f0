/**
 * @codex-ts/fleet: many headless codex tasks across machines on Redis + BullMQ.
 * `codex fleet submit|worker|status|watch|cancel|results|events` are built on this package.
 */
export const PACKAGE_NAME = '@codex-ts/fleet';

export { FleetError, isRetryable, type FleetErrorCode } from './errors.js';
export { parseTasks, jobIdFor, canonicalJson, isGitUrl, TaskLineSchema, type TaskLine, type FleetTask, type TaskJobData, type ParsedTask, type ParseTasksOptions } from './task.js';
export { resolveSettings, DEFAULTS, type FleetSettings, type FleetFlags } from './settings.js';
export { fleetKeys, type FleetKeys } from './keys.js';
export { emptyUsage, type TaskResult, type TaskRun, type TaskUsage, type RunMode } from './result.js';
export { FleetClient, type SubmitReport, type FleetStatus, type CancelReport } from './client.js';
export { startWorker, type WorkerOptions, type FleetWorker } from './worker.js';
export { RESUME_PROMPT, execArgv, type TaskProgress } from './task-runner.js';
export { taskPaths, prepareWorkspace, workspaceDiff, snapshotDiff, type TaskPaths, type Workspace } from './workspace.js';
export { statusLine, statusBar } from './progress.js';
export { runFleet, type FleetArgs, type FleetIo } from './commands.js';
export { checkLocalRepos } from './repo-check.js';
export { GATEWAY_PROVIDER_ID, GatewayError, startGateway } from './gateway/index.js';
export type { FleetProvider, Gateway, GatewayErrorCode, GatewayLogger, GatewayOptions, TokenUsage } from './gateway/index.js';
export { S3Store, type S3Options, type S3Body, type StoredObject } from './storage/s3.js';
export { signV4, uriEncode, sha256Hex, EMPTY_SHA256, type SigV4Credentials, type SignInput, type Signed } from './storage/sigv4.js';
export { resolveStorage, openStore, DEFAULT_CHECKPOINT_INTERVAL_MS, type StorageSettings } from './storage/config.js';
export { CheckpointWriter, restoreCheckpoint, checkCheckpoint, taskKeyBase, type Checkpoint, type CheckpointSegment } from './checkpoint.js';
export { uploadArtifacts, type TaskArtifacts } from './artifacts.js';
export { classifyRunFailure, classifyWorkspaceFailure, type FailureClass } from './retry.js';
export type { TaskAttempt } from './result.js';

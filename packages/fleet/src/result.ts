// What a finished task leaves behind: the result stored with the job and printed by
// `codex fleet results` (one JSON object a line).
import type { TaskArtifacts } from './artifacts.js';
import type { FleetTask } from './task.js';

/** Token usage summed over the task's turns (exec's `turn.completed.usage`). */
export interface TaskUsage {
  input_tokens: number;
  cached_input_tokens: number;
  output_tokens: number;
  reasoning_output_tokens: number;
  total_tokens: number;
}

/**
 * How one run of the task began: `new`, `resume` (continued from the rollout of a lost
 * worker's run), `restart` (a lost run that could not be resumed, started over) or `retry`
 * (a new try after a failure that may pass).
 */
export type RunMode = 'new' | 'resume' | 'restart' | 'retry';

/** One worker's run of a task. */
export interface TaskRun {
  worker: string;
  mode: RunMode;
  started_at: string;
  session_id?: string;
  /** The try this run belongs to (1 = the first). */
  attempt?: number;
  /** Where a resumed run found its rollout: the shared directory or the bucket's checkpoint. */
  resumed_from?: 'shared_dir' | 'bucket';
  /** Why a lost run was started over instead of resumed. */
  note?: string;
}

/** A try that failed and was followed by another (the last try is the result itself). */
export interface TaskAttempt {
  attempt: number;
  status: 'failed';
  error?: string;
  /** `provider`, `signal`, `network`: why it was worth another try. */
  reason: string;
  worker?: string;
  exit_code?: number | null;
  signal?: string | null;
  started_at?: string;
  finished_at: string;
  /** The try's files in the bucket, when storage is configured. */
  artifacts?: TaskArtifacts;
}

/** The outcome of a task. */
export interface TaskResult {
  id: string;
  status: 'completed' | 'failed' | 'cancelled';
  source?: { file: string; line: number };
  labels?: FleetTask['labels'];
  repo?: string;
  ref?: string;
  /** The commit the worktree started from. */
  base_commit?: string;
  exit_code?: number | null;
  signal?: string | null;
  final_message?: string | null;
  /** The final message parsed as JSON when the task had an output schema. */
  structured_output?: unknown;
  /** `git diff --binary` of everything the task changed against `base_commit`. */
  diff?: string;
  usage?: TaskUsage;
  session_id?: string;
  /** Rollout file in shared storage. */
  rollout_path?: string;
  /** Times the task was taken over from a lost worker and resumed from its rollout. */
  resumed: number;
  runs: TaskRun[];
  worker?: string;
  started_at?: string;
  finished_at: string;
  duration_ms?: number;
  /** Wall time of this run's `codex exec` child. */
  exec_ms?: number;
  error?: string;
  /** The try this result comes from (1 = the first). */
  attempt?: number;
  /** Earlier tries that failed and were tried again, oldest first. */
  attempts?: TaskAttempt[];
  /** For a failure: whether another try may pass, and why (see retry.ts). */
  retryable?: boolean;
  failure_reason?: string;
  /** Rollout and diff in the bucket (`[fleet.storage]`). */
  artifacts?: TaskArtifacts;
  /** Why the upload to the bucket failed (the result is complete otherwise). */
  storage_error?: string;
}

/** Zero usage. */
export function emptyUsage(): TaskUsage {
  return { input_tokens: 0, cached_input_tokens: 0, output_tokens: 0, reasoning_output_tokens: 0, total_tokens: 0 };
}

// What a finished task leaves behind: the result stored with the job and printed by
// `codex fleet results` (one JSON object a line).
import type { FleetTask } from './task.js';

/** Token usage summed over the task's turns (exec's `turn.completed.usage`). */
export interface TaskUsage {
  input_tokens: number;
  cached_input_tokens: number;
  output_tokens: number;
  reasoning_output_tokens: number;
  total_tokens: number;
}

/** How one run of the task began. */
export type RunMode = 'new' | 'resume' | 'restart';

/** One worker's run of a task. */
export interface TaskRun {
  worker: string;
  mode: RunMode;
  started_at: string;
  session_id?: string;
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
}

/** Zero usage. */
export function emptyUsage(): TaskUsage {
  return { input_tokens: 0, cached_input_tokens: 0, output_tokens: 0, reasoning_output_tokens: 0, total_tokens: 0 };
}

// The one error class of @codex-ts/fleet: bad task files, bad `[fleet]` settings, Redis or git
// failures a command reports before (or instead of) running anything.

/** What went wrong. */
export type FleetErrorCode =
  /** A tasks file has bad lines (the message lists each with its line number). */
  | 'bad_tasks'
  /** The tasks file cannot be read. */
  | 'tasks_unreadable'
  /** `[fleet]` or a flag has a bad value. */
  | 'config'
  /** Redis cannot be reached or refused a command. */
  | 'redis'
  /** Preparing a task's git worktree or clone failed. */
  | 'workspace'
  /** The `codex exec` child could not be started. */
  | 'spawn'
  /** The S3-compatible bucket refused or failed a request. */
  | 'storage'
  /** The provider gateway is not available. */
  | 'gateway_unavailable'
  /** No such task in the queue. */
  | 'not_found'
  /** The provider gateway's own failures (GatewayError, a FleetError): bad options, bad task id, Redis, listen, closed. */
  | 'invalid_config'
  | 'invalid_task_id'
  | 'redis_unavailable'
  | 'listen_failed'
  | 'closed';

/** A fleet failure with a message meant for the user. */
export class FleetError extends Error {
  readonly code: FleetErrorCode;

  constructor(code: FleetErrorCode, message: string, opts: { cause?: unknown } = {}) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = 'FleetError';
    this.code = code;
  }
}

/** Whether retrying the same operation may succeed. */
export function isRetryable(code: FleetErrorCode): boolean {
  switch (code) {
    case 'redis':
    case 'workspace':
    case 'spawn':
    case 'storage':
      return true;
    case 'bad_tasks':
    case 'tasks_unreadable':
    case 'config':
    case 'gateway_unavailable':
    case 'not_found':
    case 'invalid_config':
    case 'invalid_task_id':
    case 'listen_failed':
    case 'closed':
      return false;
    case 'redis_unavailable':
      return true;
  }
}

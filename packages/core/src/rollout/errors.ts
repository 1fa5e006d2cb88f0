// Errors of the session store (rollouts, history.jsonl): a missing or unreadable session, a
// CODEX_HOME that cannot be written. Messages name the path and the OS error code.
import { CoreError } from '../errors.js';


/** What went wrong in the session store. */
export type SessionStoreErrorCode = 'not_found' | 'invalid_rollout' | 'not_writable' | 'already_archived' | 'write_failed';

/** A session-store problem; `path` says where when known. */
export class SessionStoreError extends CoreError<SessionStoreErrorCode> {
  readonly path?: string;

  constructor(code: SessionStoreErrorCode, message: string, where: { path?: string; cause?: unknown } = {}) {
    super(code, message, { cause: where.cause });
    this.name = 'SessionStoreError';
    this.path = where.path;
  }
}

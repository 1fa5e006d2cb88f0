// Reports session-store failures (rollout, history.jsonl, log files) once each, as a
// `warning` event the front end shows, without stopping the session. Failures that happen
// before the session can emit (while it is being set up) are queued and sent on attach.
import type { EventMsg } from '@codex-ts/protocol';
import type { Logger } from 'pino';
import type { LineWriterFailure } from '../rollout/line-writer.js';
import { describeFsError } from '../rollout/fs-safe.js';

/** The reporter a session shares with its recorder, history and logs. */
export interface StoreFailureReporter {
  rolloutFailed(failure: LineWriterFailure, path: string): void;
  historyFailed(message: string, err: unknown): void;
  logFailed(message: string, err: unknown): void;
  /** Start delivering (queued reports first). */
  attach(emit: (msg: EventMsg) => void): void;
}

/** One reporter; each kind of failure is reported at most once. */
export function storeFailureReporter(log?: Logger): StoreFailureReporter {
  const pending: EventMsg[] = [];
  let emit: ((msg: EventMsg) => void) | undefined;
  const done = new Set<string>();
  const report = (kind: string, message: string, err: unknown): void => {
    log?.error({ err, kind }, message);
    if (done.has(kind)) return;
    done.add(kind);
    const msg: EventMsg = { type: 'warning', message };
    if (emit) emit(msg);
    else pending.push(msg);
  };
  return {
    rolloutFailed: (failure, path) =>
      report('rollout', `Could not write the session record ${path}: ${describeFsError(failure.error)}. The session goes on, but its record is incomplete from here and cannot be fully resumed.`, failure.error),
    historyFailed: (message, err) => report('history', `Could not save to history.jsonl: ${message}`, err),
    logFailed: (message, err) => report(`log:${message.split(':')[0]}`, message, err),
    attach: (fn) => {
      emit = fn;
      for (const msg of pending.splice(0)) fn(msg);
    },
  };
}

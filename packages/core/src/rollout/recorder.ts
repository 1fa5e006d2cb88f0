// Appends a session's rollout: `sessions/YYYY/MM/DD/rollout-<local time>-<uuid>.jsonl`, one
// whole line per write(2) (LineWriter). Persists Codex's filtered set of events. A write
// failure (disk full, I/O error) never throws at the session: it is reported once through
// `onWriteFailure`, the file gets an `error` event line marking it incomplete when the disk
// allows, and later records are dropped. Resuming first repairs a cut last line.
import { join } from 'node:path';
import { PERSISTED_EVENT_MSG_TYPES, type EventMsg, type SessionMeta, type TurnContextItem } from '@codex-ts/protocol';
import type { ResponseItem } from '../client/types.js';
import { SessionStoreError } from './errors.js';
import { describeFsError, ensureDir } from './fs-safe.js';
import { LineWriter, type LineWriterFailure, type LineWriterOptions } from './line-writer.js';
import { INCOMPLETE_MARKER_PREFIX } from './reader.js';
import { repairTornTail, type RepairReport } from './repair.js';

/** Event types persisted into rollouts: Codex 0.47's set plus the task boundaries current Codex writes. */
export const PERSISTED_EVENT_TYPES: ReadonlySet<string> = new Set<string>([...PERSISTED_EVENT_MSG_TYPES, 'task_started', 'task_complete', 'context_compacted']);

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/** `rollout-YYYY-MM-DDThh-mm-ss-<id>.jsonl` under `sessions/YYYY/MM/DD` (local time). */
export function rolloutPathFor(codexHome: string, id: string, when: Date = new Date()): string {
  const y = when.getFullYear();
  const m = pad(when.getMonth() + 1);
  const d = pad(when.getDate());
  const stamp = `${y}-${m}-${d}T${pad(when.getHours())}-${pad(when.getMinutes())}-${pad(when.getSeconds())}`;
  return join(codexHome, 'sessions', String(y), m, d, `rollout-${stamp}-${id}.jsonl`);
}

/** UTC timestamp with milliseconds, as Codex writes it. */
export function rolloutTimestamp(when: Date = new Date()): string {
  return when.toISOString();
}

/** Options for creating or resuming a recorder. */
export interface RecorderOptions {
  /** Called once when a write first fails; the session goes on. */
  onWriteFailure?: (failure: LineWriterFailure, path: string) => void;
  /** The write(2) to use (fault injection in tests). */
  writeSync?: LineWriterOptions['writeSync'];
}

function line(type: string, payload: unknown): string {
  return JSON.stringify({ timestamp: rolloutTimestamp(), type, payload });
}

/** The `error` event line that says records after `failure.at` are missing. */
export function incompleteMarkerLine(failure: LineWriterFailure): string {
  const message = `${INCOMPLETE_MARKER_PREFIX} writing failed at ${failure.at.toISOString()} (${describeFsError(failure.error)}); later records were not saved.`;
  return line('event_msg', { type: 'error', message });
}

/** An open rollout file. */
export class RolloutRecorder {
  private constructor(
    readonly path: string,
    private readonly writer: LineWriter,
    /** What resuming found at the end of the file. */
    readonly repair: RepairReport,
  ) {}

  /** Create a new rollout and write its `session_meta` line. Throws SessionStoreError when CODEX_HOME is not writable. */
  static create(codexHome: string, meta: SessionMeta & { id: string }, opts: RecorderOptions = {}): RolloutRecorder {
    const path = rolloutPathFor(codexHome, meta.id);
    const dir = join(path, '..');
    let writer: LineWriter;
    try {
      ensureDir(dir);
      writer = LineWriter.open(path, writerOptions(path, opts));
    } catch (err: unknown) {
      throw new SessionStoreError('not_writable', `cannot record the session under ${codexHome}: ${describeFsError(err)} creating ${(err as NodeJS.ErrnoException).path ?? dir}`, { path: dir, cause: err });
    }
    const rec = new RolloutRecorder(path, writer, { action: 'none', bytes: 0 });
    rec.writer.write(line('session_meta', meta));
    return rec;
  }

  /** A recorder that writes nothing (`--ephemeral`); `path` is where the rollout would have been. */
  static inMemory(codexHome: string, meta: SessionMeta & { id: string }): RolloutRecorder {
    const path = rolloutPathFor(codexHome, meta.id);
    return new RolloutRecorder(path, LineWriter.discard(path), { action: 'none', bytes: 0 });
  }

  /** Reopen an existing rollout for appending (resume), repairing a cut last line first. */
  static resume(path: string, opts: RecorderOptions = {}): RolloutRecorder {
    let repair: RepairReport;
    let writer: LineWriter;
    try {
      repair = repairTornTail(path);
      writer = LineWriter.open(path, writerOptions(path, opts));
    } catch (err: unknown) {
      throw new SessionStoreError('not_writable', `cannot append to rollout ${path}: ${describeFsError(err)}`, { path, cause: err });
    }
    return new RolloutRecorder(path, writer, repair);
  }

  /** The first write failure, or null. */
  get failure(): LineWriterFailure | null {
    return this.writer.failure;
  }

  recordItems(items: readonly ResponseItem[]): void {
    for (const it of items) if (it.type !== 'other') this.writer.write(line('response_item', it));
  }

  recordEvent(msg: EventMsg): void {
    if (PERSISTED_EVENT_TYPES.has(msg.type)) this.writer.write(line('event_msg', msg));
  }

  recordTurnContext(ctx: TurnContextItem): void {
    this.writer.write(line('turn_context', ctx));
  }

  /** A `compacted` line: the summary and the history that replaces everything before it. */
  recordCompacted(message: string, replacementHistory: readonly ResponseItem[]): void {
    this.writer.write(line('compacted', { message, replacement_history: replacementHistory }));
  }

  /** Flush to disk (called at turn end). */
  flush(): void {
    this.writer.sync();
  }

  close(): void {
    this.writer.close();
  }
}

function writerOptions(path: string, opts: RecorderOptions): LineWriterOptions {
  return {
    mode: 0o600,
    incompleteMarker: incompleteMarkerLine,
    ...(opts.writeSync ? { writeSync: opts.writeSync } : {}),
    ...(opts.onWriteFailure ? { onFailure: (f: LineWriterFailure) => opts.onWriteFailure?.(f, path) } : {}),
  };
}

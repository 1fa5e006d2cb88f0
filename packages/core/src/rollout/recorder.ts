// Appends a session's rollout: `sessions/YYYY/MM/DD/rollout-<local time>-<uuid>.jsonl`, one
// whole line per write(2) on an O_APPEND fd, so a kill -9 at any moment leaves at worst a
// truncated last line, which the reader skips. Persists Codex's filtered set of events.
import { closeSync, fsyncSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { PERSISTED_EVENT_MSG_TYPES, type EventMsg, type SessionMeta, type TurnContextItem } from '@codex-ts/protocol';
import type { ResponseItem } from '../client/types.js';

/** Event types persisted into rollouts: Codex 0.47's set plus the task boundaries current Codex writes. */
export const PERSISTED_EVENT_TYPES: ReadonlySet<string> = new Set<string>([...PERSISTED_EVENT_MSG_TYPES, 'task_started', 'task_complete']);

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

/** An open rollout file. */
export class RolloutRecorder {
  private fd: number | null;

  private constructor(
    readonly path: string,
    fd: number | null,
  ) {
    this.fd = fd;
  }

  /** Create a new rollout and write its `session_meta` line. */
  static create(codexHome: string, meta: SessionMeta & { id: string }): RolloutRecorder {
    const path = rolloutPathFor(codexHome, meta.id);
    mkdirSync(join(path, '..'), { recursive: true, mode: 0o700 });
    const rec = new RolloutRecorder(path, openSync(path, 'a', 0o600));
    rec.writeLine('session_meta', meta);
    return rec;
  }

  /** A recorder that writes nothing (`--ephemeral`); `path` is where the rollout would have been. */
  static inMemory(codexHome: string, meta: SessionMeta & { id: string }): RolloutRecorder {
    return new RolloutRecorder(rolloutPathFor(codexHome, meta.id), null);
  }

  /** Reopen an existing rollout for appending (resume). */
  static resume(path: string): RolloutRecorder {
    return new RolloutRecorder(path, openSync(path, 'a', 0o600));
  }

  recordItems(items: ResponseItem[]): void {
    for (const it of items) if (it.type !== 'other') this.writeLine('response_item', it);
  }

  recordEvent(msg: EventMsg): void {
    if (PERSISTED_EVENT_TYPES.has(msg.type)) this.writeLine('event_msg', msg);
  }

  recordTurnContext(ctx: TurnContextItem): void {
    this.writeLine('turn_context', ctx);
  }

  /** Flush to disk (called at turn end). */
  flush(): void {
    if (this.fd !== null) fsyncSync(this.fd);
  }

  close(): void {
    if (this.fd === null) return;
    try {
      fsyncSync(this.fd);
    } finally {
      closeSync(this.fd);
      this.fd = null;
    }
  }

  private writeLine(type: string, payload: unknown): void {
    if (this.fd === null) return;
    const line = Buffer.from(`${JSON.stringify({ timestamp: rolloutTimestamp(), type, payload })}\n`, 'utf8');
    let off = 0;
    while (off < line.length) off += writeSync(this.fd, line, off, line.length - off);
  }
}

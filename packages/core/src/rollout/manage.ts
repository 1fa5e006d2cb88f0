// Session housekeeping shared by `codex exec fork`, `codex archive` and `codex delete`: a fork
// is a new session (fresh id, own self-contained rollout naming its parent in
// `forked_from_id`) holding the parent's history, optionally cut before its n-th user prompt;
// archive moves a rollout to `archived_sessions/`; delete removes it.
import { randomUUID } from 'node:crypto';
import { existsSync, renameSync, unlinkSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { EventMsg } from '@codex-ts/protocol';
import type { ResponseItem } from '../client/types.js';
import { SessionStoreError } from './errors.js';
import { describeFsError, ensureDir } from './fs-safe.js';
import { findRolloutById, idFromRolloutName, userPromptText } from './list.js';
import { loadRollout } from './reader.js';
import { RolloutRecorder } from './recorder.js';

/** Options for {@link forkSession}. */
export interface ForkOptions {
  /** Keep only what came before the n-th (0-based) user prompt; default: everything. */
  nthUserMessage?: number;
  originator?: string;
  version?: string;
  /** The new session's cwd (default: the parent's). */
  cwd?: string;
}

/** History cut strictly before the n-th real user prompt (context blocks do not count). */
export function historyBeforeUserMessage(history: readonly ResponseItem[], n: number): ResponseItem[] {
  let seen = 0;
  for (let i = 0; i < history.length; i++) {
    if (userPromptText(history[i]) === null) continue;
    if (seen === n) return history.slice(0, i);
    seen += 1;
  }
  return [...history];
}

/** Recorded events cut strictly before the n-th `user_message` event (all of them when n is undefined). */
export function eventsBeforeUserMessage(events: readonly EventMsg[], n: number | undefined): EventMsg[] {
  if (n === undefined) return [...events];
  let seen = 0;
  for (let i = 0; i < events.length; i++) {
    if (events[i]!.type !== 'user_message') continue;
    if (seen === n) return events.slice(0, i);
    seen += 1;
  }
  return [...events];
}

/** Write a new rollout that continues `sourcePath`; returns its id and path. */
export function forkSession(codexHome: string, sourcePath: string, opts: ForkOptions = {}): { id: string; path: string } {
  const parent = loadRollout(sourcePath);
  const history = opts.nthUserMessage === undefined ? parent.history : historyBeforeUserMessage(parent.history, opts.nthUserMessage);
  const id = randomUUID();
  // Only the fields that describe the session's origin carry over: 0.169's pagination
  // pointers (`history_base`, `history_mode`) and ids describe the parent's file, not this copy.
  const m = parent.meta as Record<string, unknown>;
  const inherited: Record<string, unknown> = {};
  for (const key of ['instructions', 'source', 'model_provider', 'base_instructions', 'git'] as const) if (m[key] !== undefined) inherited[key] = m[key];
  const rec = RolloutRecorder.create(codexHome, {
    ...inherited,
    id,
    timestamp: new Date().toISOString(),
    cwd: opts.cwd ?? parent.meta.cwd,
    originator: opts.originator ?? parent.meta.originator,
    cli_version: opts.version ?? parent.meta.cli_version,
    forked_from_id: parent.meta.id,
  } as never);
  rec.recordItems(history);
  // The events the UI replays go along, cut at the same user prompt, so a resumed fork shows
  // the conversation it holds (as Codex's forks do).
  for (const ev of eventsBeforeUserMessage(parent.events, opts.nthUserMessage)) rec.recordEvent(ev);
  rec.close();
  if (rec.failure) throw new SessionStoreError('write_failed', `could not write the forked session ${rec.path}: ${describeFsError(rec.failure.error)}`, { path: rec.path, cause: rec.failure.error });
  return { id, path: rec.path };
}

/** Move session `id` to `archived_sessions/`. Returns the new path. */
export function archiveSession(codexHome: string, id: string): string {
  const path = findRolloutById(codexHome, id);
  if (path === null) {
    const archived = findRolloutById(codexHome, id, { includeArchived: true });
    if (archived !== null) throw new SessionStoreError('already_archived', `session ${id} is already archived (${archived})`, { path: archived });
    throw new SessionStoreError('not_found', `No active session found matching '${id}'.`);
  }
  const dir = join(codexHome, 'archived_sessions');
  const dest = join(dir, basename(path));
  try {
    ensureDir(dir);
    if (existsSync(dest)) throw new Error(`${dest} already exists`);
    renameSync(path, dest);
  } catch (err: unknown) {
    throw new SessionStoreError('not_writable', `failed to archive session ${id}: ${describeFsError(err)} (${dest})`, { path: dest, cause: err });
  }
  return dest;
}

/** Delete session `id` (active or archived). Returns the removed path. */
export function deleteSession(codexHome: string, id: string): string {
  const path = findRolloutById(codexHome, id, { includeArchived: true });
  if (path === null || idFromRolloutName(path) === null) throw new SessionStoreError('not_found', `No active or archived session found matching '${id}'.`);
  try {
    unlinkSync(path);
  } catch (err: unknown) {
    throw new SessionStoreError('not_writable', `failed to delete session ${id}: ${describeFsError(err)} (${path})`, { path, cause: err });
  }
  return path;
}

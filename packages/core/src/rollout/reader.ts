// Reads rollouts back: rebuilds the history (response items, honouring `compacted`) and the
// events for UI replay. Reads Codex 0.169's files too: a paginated fork names its parent in
// `session_meta.history_base` and only the parent's first `end_byte_offset` bytes belong to
// it. A line that is not JSON (a cut line from a crash) is skipped and counted.
import { closeSync, existsSync, openSync, readFileSync, readSync } from 'node:fs';
import type { EventMsg, SessionMeta } from '@codex-ts/protocol';
import type { ResponseItem } from '../client/types.js';
import { SessionStoreError } from './errors.js';
import { findRolloutById, sessionsRootOf } from './list.js';

/** Prefix of the `error` event a writer leaves when it could not record everything. */
export const INCOMPLETE_MARKER_PREFIX = 'Session record incomplete:';

/** What a rollout holds. */
export interface LoadedRollout {
  path: string;
  meta: SessionMeta & { id: string };
  history: ResponseItem[];
  events: EventMsg[];
  /** Lines that were not JSON (cut by a crash) and were skipped. */
  skippedLines: number;
  /** The writer reported that records are missing (disk full, I/O error). */
  incomplete: boolean;
}

interface HistoryBase {
  thread_id: string;
  end_byte_offset?: number;
}

/** Parse a rollout file; throws SessionStoreError when it is missing or has no session_meta. */
export function loadRollout(path: string, opts: { maxDepth?: number } = {}): LoadedRollout {
  return loadPrefix(path, undefined, opts.maxDepth ?? 8);
}

function readText(path: string, limit: number | undefined): string {
  if (limit === undefined) return readFileSync(path, 'utf8');
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(limit);
    const n = readSync(fd, buf, 0, limit, 0);
    return buf.subarray(0, n).toString('utf8');
  } finally {
    closeSync(fd);
  }
}

function loadPrefix(path: string, limit: number | undefined, depth: number): LoadedRollout {
  let text: string;
  try {
    text = readText(path, limit);
  } catch (err: unknown) {
    throw new SessionStoreError('not_found', `cannot read rollout ${path}: ${(err as Error).message}`, { path, cause: err });
  }
  let meta: (SessionMeta & { id: string }) | null = null;
  let base: HistoryBase | undefined;
  let history: ResponseItem[] = [];
  const events: EventMsg[] = [];
  let skippedLines = 0;
  let incomplete = false;
  for (const raw of text.split('\n')) {
    if (raw.length === 0 || raw.trim() === '') continue;
    let line: { type?: string; payload?: unknown };
    try {
      line = JSON.parse(raw) as { type?: string; payload?: unknown };
    } catch {
      skippedLines += 1; // a cut line from an interrupted write
      continue;
    }
    switch (line.type) {
      case 'session_meta': {
        const p = line.payload as SessionMeta & { history_base?: HistoryBase | null };
        const id = p.id ?? p.session_id;
        if (meta === null && typeof id === 'string') {
          meta = { ...p, id };
          if (p.history_base && typeof p.history_base.thread_id === 'string') base = p.history_base;
        }
        break;
      }
      case 'response_item':
        history.push(line.payload as ResponseItem);
        break;
      case 'compacted': {
        const c = line.payload as { replacement_history?: ResponseItem[] | null; message?: string };
        history = c.replacement_history ?? [{ type: 'message', role: 'user', content: [{ type: 'input_text', text: c.message ?? '' }] }];
        base = undefined; // the replacement covers whatever the parent held
        break;
      }
      case 'event_msg': {
        const ev = line.payload as EventMsg;
        if (ev.type === 'error' && typeof ev.message === 'string' && ev.message.startsWith(INCOMPLETE_MARKER_PREFIX)) incomplete = true;
        events.push(ev);
        break;
      }
      default:
        break;
    }
  }
  if (meta === null) throw new SessionStoreError('invalid_rollout', `${path} is not a Codex rollout (no session_meta line)`, { path });
  if (base !== undefined && depth > 0) {
    const parent = parentRollout(path, base.thread_id);
    if (parent === null) throw new SessionStoreError('not_found', `${path} continues session ${base.thread_id}, whose rollout was not found`, { path });
    const loaded = loadPrefix(parent, base.end_byte_offset, depth - 1);
    history = [...loaded.history, ...history];
    skippedLines += loaded.skippedLines;
    incomplete ||= loaded.incomplete;
  }
  return { path, meta, history, events, skippedLines, incomplete };
}

function parentRollout(childPath: string, threadId: string): string | null {
  const root = sessionsRootOf(childPath);
  if (root === null || !existsSync(root.codexHome)) return null;
  return findRolloutById(root.codexHome, threadId, { includeArchived: true });
}

/**
 * Outputs for tool calls that never got one (an interrupted turn, a killed process): the
 * model API refuses a call without its output, so each gets Codex's `aborted` text.
 */
export function abortedOutputsFor(history: readonly ResponseItem[]): ResponseItem[] {
  const answered = new Set<string>();
  for (const it of history) {
    if ((it.type === 'function_call_output' || it.type === 'custom_tool_call_output' || it.type === 'tool_search_output') && typeof it.call_id === 'string') answered.add(it.call_id);
  }
  const out: ResponseItem[] = [];
  for (const it of history) {
    const id = typeof it.call_id === 'string' ? it.call_id : undefined;
    if (id === undefined || answered.has(id)) continue;
    if (it.type === 'function_call' || it.type === 'local_shell_call') out.push({ type: 'function_call_output', call_id: id, output: 'aborted' });
    else if (it.type === 'custom_tool_call') out.push({ type: 'custom_tool_call_output', call_id: id, output: 'aborted' });
    else if (it.type === 'tool_search_call') out.push({ type: 'tool_search_output', call_id: id, status: 'completed', execution: 'client', tools: [] });
  }
  return out;
}

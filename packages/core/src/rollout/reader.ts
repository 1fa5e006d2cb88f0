// Reads rollouts back: finds a session's file by id or the newest one, and rebuilds the
// history (response items, honouring `compacted`) and the events for UI replay. A torn last
// line (kill -9 mid-write) is skipped.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { EventMsg, SessionMeta } from '@codex-ts/protocol';
import type { ResponseItem } from '../client/types.js';

/** What a rollout holds. */
export interface LoadedRollout {
  path: string;
  meta: SessionMeta & { id: string };
  history: ResponseItem[];
  events: EventMsg[];
}

/** Rollout files, newest first (by path, which sorts by time), capped like Codex at 10,000. */
export function listRollouts(codexHome: string, cap = 10_000): string[] {
  const root = join(codexHome, 'sessions');
  if (!existsSync(root)) return [];
  const out: string[] = [];
  const desc = (d: string): string[] => readdirSync(d).sort().reverse();
  for (const y of desc(root)) {
    const yd = join(root, y);
    if (!statSync(yd).isDirectory()) continue;
    for (const m of desc(yd)) {
      const md = join(yd, m);
      if (!statSync(md).isDirectory()) continue;
      for (const d of desc(md)) {
        const dd = join(md, d);
        if (!statSync(dd).isDirectory()) continue;
        const files = desc(dd).filter((f) => f.startsWith('rollout-') && f.endsWith('.jsonl'));
        for (const f of files) {
          out.push(join(dd, f));
          if (out.length >= cap) return out;
        }
      }
    }
  }
  return out.sort((a, b) => (a < b ? 1 : -1));
}

/** The rollout file of session `id`, or the newest with `{ last: true }`; null if none. */
export function findRolloutPath(codexHome: string, which: string | { last: true }): string | null {
  const all = listRollouts(codexHome);
  if (typeof which !== 'string') return all[0] ?? null;
  return all.find((p) => p.endsWith(`-${which}.jsonl`)) ?? null;
}

/** Parse a rollout file; throws when it has no valid session_meta. */
export function loadRollout(path: string): LoadedRollout {
  const text = readFileSync(path, 'utf8');
  let meta: (SessionMeta & { id: string }) | null = null;
  let history: ResponseItem[] = [];
  const events: EventMsg[] = [];
  for (const raw of text.split('\n')) {
    if (raw.trim() === '') continue;
    let line: { type?: string; payload?: unknown };
    try {
      line = JSON.parse(raw) as { type?: string; payload?: unknown };
    } catch {
      continue; // torn line from an interrupted write
    }
    switch (line.type) {
      case 'session_meta': {
        const p = line.payload as SessionMeta;
        const id = p.id ?? p.session_id;
        if (meta === null && typeof id === 'string') meta = { ...p, id };
        break;
      }
      case 'response_item':
        history.push(line.payload as ResponseItem);
        break;
      case 'compacted': {
        const c = line.payload as { replacement_history?: ResponseItem[] | null; message?: string };
        history = c.replacement_history ?? [{ type: 'message', role: 'user', content: [{ type: 'input_text', text: c.message ?? '' }] }];
        break;
      }
      case 'event_msg':
        events.push(line.payload as EventMsg);
        break;
      default:
        break;
    }
  }
  if (meta === null) throw new Error(`${path} is not a Codex rollout (no session_meta line)`);
  return { path, meta, history, events };
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

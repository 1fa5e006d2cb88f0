// One compaction: ask the model for a hand-off summary (locally: the history plus
// SUMMARIZATION_PROMPT on the normal wire; remotely: Codex's `/responses/compact`), rebuild
// the history around it and check that it shrank. The request is made to fit: items are
// dropped from the front until the history plus a reserve for the prompt and the summary
// fits the window, and again whenever the provider says the context is exceeded. Other
// failures are retried once (the client has already retried transport errors).
import type { Logger } from 'pino';
import { ModelClientError } from '../client/errors.js';
import type { ModelClient } from '../client/model-client.js';
import type { Prompt, ResponseEvent, ResponseItem } from '../client/types.js';
import { contextItems, rebuildHistory } from './rebuild.js';
import { SUMMARIZATION_PROMPT, userText } from './prompt.js';
import { approxTokens } from './tokens.js';

/** What a compaction needs from its session. */
export interface CompactionDeps {
  client: ModelClient;
  /** A prompt with the session's instructions, tools and model for `input`. */
  buildPrompt(input: ResponseItem[]): Prompt;
  /** Use `/responses/compact` instead of a summarising request. */
  remote: boolean;
  /** Tokens the model can take; the request is trimmed to fit with a reserve. */
  contextWindow?: number;
  /** Tokens of the user's own messages kept in the rebuilt history (default 20k, as Codex). */
  userMessagesBudget?: number;
  log?: Logger;
}

/** How a compaction ended. */
export type CompactionOutcome =
  | { status: 'compacted'; history: ResponseItem[]; summary: string; before: number; after: number; trimmed: number; mode: 'local' | 'remote' }
  | { status: 'refused'; reason: string; before: number; after: number }
  | { status: 'failed'; error: string; before: number };

/** Tokens held back from the window for the summarising prompt and the summary itself. */
export function compactionReserve(contextWindow: number): number {
  return Math.max(2_048, Math.floor(contextWindow * 0.1));
}

const MAX_ATTEMPTS = 2;

/** Drop the oldest non-context items until `items` fits `budget` tokens; returns how many went. */
function trimToFit(items: ResponseItem[], budget: number): number {
  const keep = new Set(contextItems(items));
  const sizes = new Map(items.map((it) => [it, approxTokens([it])]));
  let total = [...sizes.values()].reduce((a, b) => a + b, 0);
  let dropped = 0;
  let idx = 0;
  while (total > budget) {
    while (idx < items.length && keep.has(items[idx] as ResponseItem)) idx++;
    if (idx >= items.length) break;
    const item = items[idx] as ResponseItem;
    if (idx === items.length - 1) {
      // The newest item alone is too big: keep its start, so there is still something to summarise.
      items[idx] = clipItem(item, Math.max(64, budget - (total - (sizes.get(item) ?? 0))));
      break;
    }
    total -= sizes.get(item) ?? 0;
    items.splice(idx, 1);
    dropped += 1;
  }
  return dropped;
}

const CLIP_NOTE = '\n[... cut to fit the compaction request ...]';
/** Room for the clip notes and JSON escaping a clipped item may add. */
const CLIP_SLACK_TOKENS = 64;

/** A copy of `item` whose long strings (text, output, arguments, input) fit about `maxTokens` together. */
function clipItem(item: ResponseItem, maxTokens: number): ResponseItem {
  const maxBytes = maxTokens * 4;
  const clip = (v: string, share: number): string => (Buffer.byteLength(v) <= share ? v : `${Buffer.from(v).subarray(0, share).toString('utf8')}${CLIP_NOTE}`);
  const copy = structuredClone(item) as Record<string, unknown>;
  for (const key of ['output', 'arguments', 'input'] as const) if (typeof copy[key] === 'string') copy[key] = clip(copy[key] as string, maxBytes);
  if (Array.isArray(copy.content)) copy.content = (copy.content as Record<string, unknown>[]).map((c) => (typeof c.text === 'string' ? { ...c, text: clip(c.text, Math.floor(maxBytes / (copy.content as unknown[]).length)) } : c));
  return copy as ResponseItem;
}

function assistantText(items: readonly ResponseItem[]): string {
  let text = '';
  for (const it of items) {
    if (it.type !== 'message' || it.role !== 'assistant' || !Array.isArray(it.content)) continue;
    const t = (it.content as { type?: string; text?: string }[]).filter((c) => c.type === 'output_text' && typeof c.text === 'string').map((c) => c.text).join('');
    if (t.trim() !== '') text = t;
  }
  return text;
}

async function summarizeLocally(input: ResponseItem[], deps: CompactionDeps, signal: AbortSignal): Promise<string> {
  const items: ResponseItem[] = [];
  for await (const ev of deps.client.stream(deps.buildPrompt([...input, userText(SUMMARIZATION_PROMPT)]), { signal }) as AsyncIterable<ResponseEvent>) {
    if (ev.type === 'created') items.length = 0;
    else if (ev.type === 'output_item_done') items.push(ev.item);
  }
  const summary = assistantText(items);
  if (summary.trim() === '') throw new ModelClientError('response_failed', 'the model returned no summary text');
  return summary;
}

function remoteHistory(history: readonly ResponseItem[], output: readonly ResponseItem[]): { history: ResponseItem[]; summary: string } {
  // The server returns the replacement: user messages plus an opaque compaction item. Our
  // context blocks go first, as they would after a local compaction.
  const ctx = contextItems(history);
  const ctxKeys = new Set(ctx.map((c) => JSON.stringify(c.content)));
  const rest = output.filter((it) => !(it.type === 'message' && (it.role === 'developer' || ctxKeys.has(JSON.stringify(it.content)))));
  const summary = assistantText(output);
  return { history: [...ctx, ...rest], summary };
}

/** Compact `history`. Never throws; an aborted signal yields `failed`. */
export async function runCompaction(history: readonly ResponseItem[], deps: CompactionDeps, signal: AbortSignal): Promise<CompactionOutcome> {
  const before = approxTokens(history);
  const input = [...history];
  let trimmed = 0;
  if (deps.contextWindow !== undefined) {
    const budget = deps.contextWindow - compactionReserve(deps.contextWindow) - approxTokens([userText(SUMMARIZATION_PROMPT)]) - CLIP_SLACK_TOKENS;
    trimmed += trimToFit(input, Math.max(1, budget));
  }
  let lastError = '';
  let failures = 0;
  for (let attempt = 0; attempt < 256; attempt++) {
    try {
      if (deps.remote) {
        const output = await deps.client.compact(deps.buildPrompt(input), { signal });
        const rebuilt = remoteHistory(history, output);
        return check(before, rebuilt.history, rebuilt.summary, trimmed, 'remote');
      }
      const summary = await summarizeLocally(input, deps, signal);
      // The rebuilt history takes the user's messages from the full history, not the trimmed input.
      return check(before, rebuildHistory(history, summary, deps.userMessagesBudget), summary, trimmed, 'local');
    } catch (err: unknown) {
      if (signal.aborted) return { status: 'failed', error: 'compaction aborted', before };
      lastError = err instanceof Error ? err.message : String(err);
      deps.log?.warn({ err, attempt }, 'compaction request failed');
      if (err instanceof ModelClientError && err.code === 'context_window_exceeded' && input.length > 1) {
        // Codex's answer to a request that does not fit: drop the oldest item and try again.
        const keep = new Set(contextItems(input));
        const idx = input.findIndex((it) => !keep.has(it));
        if (idx >= 0 && idx < input.length - 1) {
          input.splice(idx, 1);
          trimmed += 1;
          continue;
        }
      }
      failures += 1;
      if (failures >= MAX_ATTEMPTS) break;
    }
  }
  return { status: 'failed', error: lastError, before };
}

function check(before: number, history: ResponseItem[], summary: string, trimmed: number, mode: 'local' | 'remote'): CompactionOutcome {
  const after = approxTokens(history);
  if (after >= before) return { status: 'refused', reason: `compaction would not shrink the history (about ${before} tokens before, ${after} after)`, before, after };
  return { status: 'compacted', history, summary, before, after, trimmed, mode };
}

/**
 * Turns builder output into what the wire carries: stamps `sequence_number`,
 * `output_index`, missing `item_id`s, the response id/model, and `response.completed`'s
 * `output` array (the done items). Values the script set explicitly are never changed.
 */
import type { OutputItem, StreamEvent } from '../types.js';

const RESPONSE_LEVEL = new Set([
  'response.created',
  'response.in_progress',
  'response.completed',
  'response.failed',
  'response.incomplete',
]);
const ITEM_LEVEL = new Set(['response.output_item.added', 'response.output_item.done']);

/** Context for `finalizeResponseEvents`. */
export interface FinalizeContext {
  /** Used where a response-level event has no `response.id`. */
  responseId: string;
  /** Used where a response-level event has no `response.model` (normally the request's model). */
  model?: string;
  /** `created_at` in seconds; defaults to now. */
  createdAt?: number;
}

/** Returns wire-ready copies of `events` (the input is not modified). */
export function finalizeResponseEvents(events: StreamEvent[], ctx: FinalizeContext): StreamEvent[] {
  const indexById = new Map<string, number>();
  const doneItems: OutputItem[] = [];
  let nextIndex = 0;
  let lastItemId: string | undefined;
  const indexFor = (id: string | undefined): number => {
    if (id !== undefined && indexById.has(id)) return indexById.get(id) as number;
    const index = nextIndex++;
    if (id !== undefined) indexById.set(id, index);
    return index;
  };
  const createdAt = ctx.createdAt ?? Math.floor(Date.now() / 1000);

  return events.map((original, seq) => {
    const event = structuredClone(original);
    if (RESPONSE_LEVEL.has(event.type) && isRecord(event['response'])) {
      const response = event['response'];
      response['id'] ??= ctx.responseId;
      response['created_at'] ??= createdAt;
      if (ctx.model !== undefined) response['model'] ??= ctx.model;
      if (event.type === 'response.completed') response['output'] ??= doneItems.map((i) => structuredClone(i));
    } else if (ITEM_LEVEL.has(event.type) && isRecord(event['item'])) {
      const item = event['item'] as OutputItem;
      const id = typeof item.id === 'string' ? item.id : undefined;
      if (event['output_index'] === undefined) event['output_index'] = indexFor(id);
      if (event.type === 'response.output_item.added') lastItemId = id;
      else doneItems.push(item);
    } else if (!RESPONSE_LEVEL.has(event.type) && event.type.startsWith('response.')) {
      if (event['item_id'] === undefined && lastItemId !== undefined) event['item_id'] = lastItemId;
      const itemId = typeof event['item_id'] === 'string' ? event['item_id'] : undefined;
      if (event['output_index'] === undefined && itemId !== undefined) event['output_index'] = indexFor(itemId);
    }
    if (event['sequence_number'] === undefined) event['sequence_number'] = seq;
    return event;
  });
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Builders for output items as the Responses API streams them: each item builder returns
 * the whole event sequence (added, deltas, done) for one item. `output_index` and
 * `sequence_number` are stamped by the server at render time, so builders omit them.
 */
import type { OutputItem, StreamEvent } from '../types.js';
import { nextId } from './ids.js';

/** `response.output_item.added` for an item. */
export function outputItemAdded(item: OutputItem): StreamEvent {
  return { type: 'response.output_item.added', item };
}

/** `response.output_item.done` for an item (the authoritative copy Codex records). */
export function outputItemDone(item: OutputItem): StreamEvent {
  return { type: 'response.output_item.done', item };
}

/** `response.output_text.delta`; without `itemId` the server uses the last added item. */
export function outputTextDelta(text: string, itemId?: string): StreamEvent {
  const event: StreamEvent = { type: 'response.output_text.delta', content_index: 0, delta: text, logprobs: [] };
  if (itemId !== undefined) event['item_id'] = itemId;
  return event;
}

/** Options for `assistantMessage`. */
export interface AssistantMessageOptions {
  id?: string;
  /** How the text is split into `output_text.delta` events; defaults to one delta. */
  deltas?: string[];
}

/** An assistant message: added, content_part.added, text deltas, text done, part done, item done. */
export function assistantMessage(text: string, idOrOpts?: string | AssistantMessageOptions): StreamEvent[] {
  const opts: AssistantMessageOptions = typeof idOrOpts === 'string' ? { id: idOrOpts } : (idOrOpts ?? {});
  const id = opts.id ?? nextId('msg');
  const deltas = opts.deltas ?? [text];
  const part = { type: 'output_text', text, annotations: [] };
  return [
    outputItemAdded({ type: 'message', id, status: 'in_progress', role: 'assistant', content: [] }),
    { type: 'response.content_part.added', item_id: id, content_index: 0, part: { ...part, text: '' } },
    ...deltas.map((d) => outputTextDelta(d, id)),
    { type: 'response.output_text.done', item_id: id, content_index: 0, text, logprobs: [] },
    { type: 'response.content_part.done', item_id: id, content_index: 0, part },
    outputItemDone({ type: 'message', id, status: 'completed', role: 'assistant', content: [part] }),
  ];
}

/** Options for `functionCall`. `arguments` may be an object (JSON-encoded for you). */
export interface FunctionCallOptions {
  name: string;
  arguments: string | Record<string, unknown>;
  call_id?: string;
  id?: string;
}

/** A `function_call` item: added (empty arguments), arguments delta + done, item done. */
export function functionCall(opts: FunctionCallOptions): StreamEvent[] {
  const id = opts.id ?? nextId('fc');
  const callId = opts.call_id ?? nextId('call');
  const args = typeof opts.arguments === 'string' ? opts.arguments : JSON.stringify(opts.arguments);
  const base = { type: 'function_call', id, call_id: callId, name: opts.name };
  return [
    outputItemAdded({ ...base, status: 'in_progress', arguments: '' }),
    { type: 'response.function_call_arguments.delta', item_id: id, delta: args },
    { type: 'response.function_call_arguments.done', item_id: id, arguments: args },
    outputItemDone({ ...base, status: 'completed', arguments: args }),
  ];
}

/** Options for `customToolCall` (freeform tools such as `apply_patch`). */
export interface CustomToolCallOptions {
  name: string;
  input: string;
  call_id?: string;
  id?: string;
}

/** A `custom_tool_call` item: added (empty input), input delta + done, item done. */
export function customToolCall(opts: CustomToolCallOptions): StreamEvent[] {
  const id = opts.id ?? nextId('ctc');
  const callId = opts.call_id ?? nextId('call');
  const base = { type: 'custom_tool_call', id, call_id: callId, name: opts.name };
  return [
    outputItemAdded({ ...base, status: 'in_progress', input: '' }),
    { type: 'response.custom_tool_call_input.delta', item_id: id, delta: opts.input },
    { type: 'response.custom_tool_call_input.done', item_id: id, input: opts.input },
    outputItemDone({ ...base, status: 'completed', input: opts.input }),
  ];
}

/** Options for `localShellCall` (the `local_shell` tool of codex-mini). */
export interface LocalShellCallOptions {
  command: string[];
  call_id?: string;
  id?: string;
  timeout_ms?: number;
  working_directory?: string;
  env?: Record<string, string>;
  user?: string;
}

/** A `local_shell_call` item: added (in_progress), done (completed). */
export function localShellCall(opts: LocalShellCallOptions): StreamEvent[] {
  const id = opts.id ?? nextId('lsh');
  const callId = opts.call_id ?? nextId('call');
  const action: Record<string, unknown> = { type: 'exec', command: opts.command };
  for (const key of ['timeout_ms', 'working_directory', 'env', 'user'] as const) {
    if (opts[key] !== undefined) action[key] = opts[key];
  }
  const base = { type: 'local_shell_call', id, call_id: callId, action };
  return [outputItemAdded({ ...base, status: 'in_progress' }), outputItemDone({ ...base, status: 'completed' })];
}

/** Options for `reasoning`: summary parts, optional raw content parts and encrypted blob. */
export interface ReasoningOptions {
  summary: string | string[];
  content?: string | string[];
  encrypted_content?: string;
  id?: string;
}

/** A `reasoning` item with summary part/text events per summary and text deltas per content part. */
export function reasoning(opts: ReasoningOptions): StreamEvent[] {
  const id = opts.id ?? nextId('rs');
  const summary = typeof opts.summary === 'string' ? [opts.summary] : opts.summary;
  const content = opts.content === undefined ? undefined : typeof opts.content === 'string' ? [opts.content] : opts.content;
  const events: StreamEvent[] = [outputItemAdded({ type: 'reasoning', id, summary: [] })];
  summary.forEach((text, i) => {
    const part = { type: 'summary_text', text };
    events.push(
      { type: 'response.reasoning_summary_part.added', item_id: id, summary_index: i, part: { ...part, text: '' } },
      { type: 'response.reasoning_summary_text.delta', item_id: id, summary_index: i, delta: text },
      { type: 'response.reasoning_summary_text.done', item_id: id, summary_index: i, text },
      { type: 'response.reasoning_summary_part.done', item_id: id, summary_index: i, part },
    );
  });
  content?.forEach((text, i) => {
    events.push(
      { type: 'response.reasoning_text.delta', item_id: id, content_index: i, delta: text },
      { type: 'response.reasoning_text.done', item_id: id, content_index: i, text },
    );
  });
  const item: OutputItem = { type: 'reasoning', id, summary: summary.map((text) => ({ type: 'summary_text', text })) };
  if (content !== undefined) item['content'] = content.map((text) => ({ type: 'reasoning_text', text }));
  if (opts.encrypted_content !== undefined) item['encrypted_content'] = opts.encrypted_content;
  events.push(outputItemDone(item));
  return events;
}

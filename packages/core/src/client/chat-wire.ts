// The Chat Completions stream -> ResponseEvents: text and reasoning deltas pass through;
// tool-call deltas are accumulated by index; at `finish_reason` the reasoning, the
// assistant message and every tool call become `output_item_done` items; `[DONE]` (or
// EOF after a finish_reason) completes with usage when the server sent it.
import { failedError } from './responses-wire.js';
import { ModelClientError, streamDisconnectedMessage } from './errors.js';
import type { ParseOptions, StreamParser } from './responses-wire.js';
import type { SseMessage } from './sse.js';
import type { ResponseEvent, ResponseItem, TokenUsage } from './types.js';

interface ChatDelta {
  content?: string | null;
  reasoning?: string | { text?: string } | null;
  reasoning_content?: string | null;
  tool_calls?: Array<{ index?: number; id?: string; function?: { name?: string; arguments?: string } }>;
}

interface ChatChunk {
  id?: string;
  choices?: Array<{ delta?: ChatDelta; finish_reason?: string | null }>;
  usage?: {
    prompt_tokens?: number;
    completion_tokens?: number;
    total_tokens?: number;
    prompt_tokens_details?: { cached_tokens?: number } | null;
    completion_tokens_details?: { reasoning_tokens?: number } | null;
  } | null;
  error?: { code?: string; message?: string; type?: string } | string;
}

interface PendingCall {
  id: string;
  name: string;
  arguments: string;
}

/** Maps Chat usage to Codex's TokenUsage. */
export function mapChatUsage(u: NonNullable<ChatChunk['usage']>): TokenUsage {
  const input = u.prompt_tokens ?? 0;
  const output = u.completion_tokens ?? 0;
  return {
    input_tokens: input,
    cached_input_tokens: u.prompt_tokens_details?.cached_tokens ?? 0,
    output_tokens: output,
    reasoning_output_tokens: u.completion_tokens_details?.reasoning_tokens ?? 0,
    total_tokens: u.total_tokens ?? input + output,
  };
}

/** Options for `ChatStreamParser`. */
export interface ChatParseOptions extends ParseOptions {
  /** Tools declared freeform: their `{input}` function calls become `custom_tool_call` items. */
  customTools?: Set<string>;
}

/** Decodes Chat Completions SSE into ResponseEvents (see the file comment). */
export class ChatStreamParser implements StreamParser {
  private responseId = '';
  private text = '';
  private reasoning = '';
  private messageStarted = false;
  private finished = false;
  private created = false;
  private usage: TokenUsage | undefined;
  private readonly calls = new Map<number, PendingCall>();

  constructor(private readonly opts: ChatParseOptions = {}) {}

  feed(msg: SseMessage, out: ResponseEvent[]): boolean {
    if (msg.data.length <= 16 && msg.data.trim() === '[DONE]') {
      this.finish(out);
      out.push(this.complete());
      return true;
    }
    let chunk: ChatChunk;
    try {
      chunk = JSON.parse(msg.data) as ChatChunk;
    } catch (err: unknown) {
      this.opts.onMalformed?.(msg.data, err);
      return false;
    }
    if (chunk.error !== undefined) {
      const e = typeof chunk.error === 'string' ? { message: chunk.error } : chunk.error;
      throw failedError(e.code ?? e.type, e.message);
    }
    if (!this.created) {
      this.created = true;
      out.push({ type: 'created' });
    }
    if (chunk.id && this.responseId === '') this.responseId = chunk.id;
    if (chunk.usage) this.usage = mapChatUsage(chunk.usage);
    const choice = chunk.choices?.[0];
    if (!choice || this.finished) return false;
    const delta = choice.delta ?? {};
    const r = reasoningDelta(delta);
    if (r) {
      this.reasoning += r;
      out.push({ type: 'reasoning_content_delta', delta: r });
    }
    if (typeof delta.content === 'string' && delta.content !== '') {
      if (!this.messageStarted) {
        this.messageStarted = true;
        out.push({ type: 'output_item_added', item: { type: 'message', role: 'assistant', content: [] } });
      }
      this.text += delta.content;
      out.push({ type: 'output_text_delta', delta: delta.content });
    }
    for (const tc of delta.tool_calls ?? []) this.addToolCallDelta(tc);
    if (choice.finish_reason) this.finish(out);
    return false;
  }

  end(out: ResponseEvent[]): void {
    // Some servers close without `[DONE]` after the finish_reason chunk: accept it.
    if (this.finished) {
      out.push(this.complete());
      return;
    }
    throw new ModelClientError('stream_disconnected', streamDisconnectedMessage('stream closed before response.completed'));
  }

  private addToolCallDelta(tc: NonNullable<ChatDelta['tool_calls']>[number]): void {
    const index = tc.index ?? 0;
    let call = this.calls.get(index);
    if (!call) {
      call = { id: '', name: '', arguments: '' };
      this.calls.set(index, call);
    }
    if (tc.id) call.id = tc.id;
    if (tc.function?.name) call.name += tc.function.name;
    if (tc.function?.arguments) call.arguments += tc.function.arguments;
  }

  private finish(out: ResponseEvent[]): void {
    if (this.finished) return;
    this.finished = true;
    if (this.reasoning !== '') {
      out.push({
        type: 'output_item_done',
        item: { type: 'reasoning', summary: [], content: [{ type: 'reasoning_text', text: this.reasoning }] },
      });
    }
    if (this.text !== '') {
      out.push({
        type: 'output_item_done',
        item: { type: 'message', role: 'assistant', content: [{ type: 'output_text', text: this.text }] },
      });
    }
    for (const index of [...this.calls.keys()].sort((a, b) => a - b)) {
      out.push({ type: 'output_item_done', item: callItem(this.calls.get(index)!, this.opts.customTools) });
    }
  }

  private complete(): ResponseEvent {
    return this.usage
      ? { type: 'completed', response_id: this.responseId, token_usage: this.usage }
      : { type: 'completed', response_id: this.responseId };
  }
}

function reasoningDelta(delta: ChatDelta): string | undefined {
  const r = delta.reasoning ?? delta.reasoning_content;
  if (typeof r === 'string') return r === '' ? undefined : r;
  if (r && typeof r === 'object' && typeof r.text === 'string' && r.text !== '') return r.text;
  return undefined;
}

function callItem(call: PendingCall, customTools: Set<string> | undefined): ResponseItem {
  if (customTools?.has(call.name)) {
    try {
      const args = JSON.parse(call.arguments) as { input?: unknown };
      if (typeof args.input === 'string') {
        return { type: 'custom_tool_call', status: 'completed', call_id: call.id, name: call.name, input: args.input };
      }
    } catch {
      // Not `{input}` JSON: hand it over as a function call; the tool reports the bad arguments.
    }
  }
  return { type: 'function_call', name: call.name, arguments: call.arguments, call_id: call.id };
}

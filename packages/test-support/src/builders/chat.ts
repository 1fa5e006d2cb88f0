/**
 * Renders a Responses-style turn on the Chat Completions wire: role chunk, content
 * deltas, reasoning deltas, tool_calls deltas (header then argument pieces), a
 * finish_reason chunk, a usage chunk and `[DONE]`. Custom tool calls become function
 * calls with `{"input": ...}` and local_shell calls become `shell` function calls.
 */
import type { ChatChunk, ChatFrame, OutputItem, ResponsesUsage, StreamEvent } from '../types.js';

/** Envelope fields of every chunk. */
export interface ChatRenderOptions {
  id?: string;
  model?: string;
  created?: number;
  /**
   * Send the usage chunk (default true). The server sets it from the request's
   * `stream_options.include_usage`, as OpenAI-compatible servers only send usage when asked.
   */
  includeUsage?: boolean;
}

/** Chat usage mapped from Responses usage. */
export function chatUsage(u: ResponsesUsage): Record<string, unknown> {
  return {
    prompt_tokens: u.input_tokens,
    completion_tokens: u.output_tokens,
    total_tokens: u.total_tokens,
    prompt_tokens_details: { cached_tokens: u.input_tokens_details.cached_tokens },
    completion_tokens_details: { reasoning_tokens: u.output_tokens_details.reasoning_tokens },
  };
}

/** Converts Responses stream events into Chat frames (ending in `'[DONE]'` when the turn completes). */
export function toChatChunks(events: StreamEvent[], opts: ChatRenderOptions = {}): ChatFrame[] {
  const envelope = {
    id: opts.id ?? 'chatcmpl-scripted',
    object: 'chat.completion.chunk',
    created: opts.created ?? Math.floor(Date.now() / 1000),
    model: opts.model ?? 'scripted-model',
  };
  const chunk = (delta: Record<string, unknown>, finish: string | null = null): ChatChunk => ({
    ...envelope,
    choices: [{ index: 0, delta, finish_reason: finish }],
  });
  const frames: ChatFrame[] = [chunk({ role: 'assistant', content: '' })];
  const itemsWithTextDeltas = new Set<string>();
  const argPieces = new Map<string, string[]>();
  let toolIndex = 0;

  for (const event of events) {
    const itemId = typeof event['item_id'] === 'string' ? event['item_id'] : '';
    switch (event.type) {
      case 'response.output_text.delta':
        itemsWithTextDeltas.add(itemId);
        frames.push(chunk({ content: String(event['delta'] ?? '') }));
        break;
      case 'response.function_call_arguments.delta':
      case 'response.custom_tool_call_input.delta':
        argPieces.set(itemId, [...(argPieces.get(itemId) ?? []), String(event['delta'] ?? '')]);
        break;
      case 'response.output_item.done': {
        const item = event['item'] as OutputItem;
        const call = toolCallOf(item, argPieces.get(item.id ?? ''));
        if (call) {
          const index = toolIndex++;
          frames.push(
            chunk({ tool_calls: [{ index, id: call.id, type: 'function', function: { name: call.name, arguments: '' } }] }),
            ...call.pieces.map((p) => chunk({ tool_calls: [{ index, function: { arguments: p } }] })),
          );
        } else if (item.type === 'reasoning') {
          const text = reasoningText(item);
          if (text) frames.push(chunk({ reasoning: text }));
        } else if (item.type === 'message' && !itemsWithTextDeltas.has(item.id ?? '')) {
          const text = messageText(item);
          if (text) frames.push(chunk({ content: text }));
        }
        break;
      }
      case 'response.completed':
      case 'response.incomplete': {
        const response = (event['response'] ?? {}) as Record<string, unknown>;
        const reason =
          event.type === 'response.incomplete'
            ? incompleteReason(response)
            : toolIndex > 0
              ? 'tool_calls'
              : 'stop';
        frames.push(chunk({}, reason));
        const u = response['usage'] as ResponsesUsage | undefined;
        if (u && opts.includeUsage !== false) frames.push({ ...envelope, choices: [], usage: chatUsage(u) });
        frames.push('[DONE]');
        break;
      }
      case 'response.failed': {
        const response = (event['response'] ?? {}) as Record<string, unknown>;
        const error = (response['error'] ?? {}) as Record<string, unknown>;
        frames.push({ error: { message: error['message'] ?? 'failed', type: 'server_error', code: error['code'] ?? null } });
        break;
      }
      default:
        break;
    }
  }
  return frames;
}

function toolCallOf(item: OutputItem, pieces: string[] | undefined): { id: string; name: string; pieces: string[] } | undefined {
  const id = String(item['call_id'] ?? item.id ?? 'call');
  if (item.type === 'function_call') {
    const args = String(item['arguments'] ?? '');
    return { id, name: String(item['name']), pieces: pieces?.length ? pieces : [args] };
  }
  if (item.type === 'custom_tool_call') {
    return { id, name: String(item['name']), pieces: [JSON.stringify({ input: item['input'] ?? '' })] };
  }
  if (item.type === 'local_shell_call') {
    const action = (item['action'] ?? {}) as Record<string, unknown>;
    const args: Record<string, unknown> = { command: action['command'] ?? [] };
    if (action['working_directory'] !== undefined) args['workdir'] = action['working_directory'];
    if (action['timeout_ms'] !== undefined) args['timeout_ms'] = action['timeout_ms'];
    return { id, name: 'shell', pieces: [JSON.stringify(args)] };
  }
  return undefined;
}

function reasoningText(item: OutputItem): string {
  const parts = (item['content'] ?? item['summary'] ?? []) as Array<{ text?: string }>;
  return parts.map((p) => p.text ?? '').join('\n\n');
}

function messageText(item: OutputItem): string {
  const parts = (item['content'] ?? []) as Array<{ text?: string }>;
  return parts.map((p) => p.text ?? '').join('');
}

function incompleteReason(response: Record<string, unknown>): string {
  const details = (response['incomplete_details'] ?? {}) as Record<string, unknown>;
  return details['reason'] === 'content_filter' ? 'content_filter' : 'length';
}

// The Responses wire: Codex's request body (key order as Codex serialises it) and the
// SSE event mapping of `process_sse`. `response.completed` ends the stream; a stream that
// ends without it, or a `response.failed`, is an error the retry loop judges.
import { parseTryAgainIn } from './backoff.js';
import {
  CONTEXT_WINDOW_EXCEEDED_MESSAGE,
  ModelClientError,
  streamDisconnectedMessage,
} from './errors.js';
import { usageLimitMessage } from './http.js';
import type { SseMessage } from './sse.js';
import type { Prompt, ResponseEvent, ResponseItem, TokenUsage } from './types.js';

/** Facts about the provider that shape the body. */
export interface ResponsesBodyOptions {
  /** Azure endpoints get `store: true` (Codex's `is_azure_responses_endpoint`). */
  azure: boolean;
}

/** Builds the `/responses` body in Codex's field order. */
export function buildResponsesBody(prompt: Prompt, opts: ResponsesBodyOptions): Record<string, unknown> {
  const body: Record<string, unknown> = {
    model: prompt.model,
    instructions: prompt.instructions,
    input: prompt.input,
    tools: prompt.tools,
    tool_choice: 'auto',
    parallel_tool_calls: prompt.parallel_tool_calls,
    reasoning: prompt.reasoning ?? null,
    store: opts.azure,
    stream: true,
    include: prompt.reasoning ? ['reasoning.encrypted_content'] : [],
    prompt_cache_key: prompt.conversation_id,
  };
  const text = textControls(prompt);
  if (text) body['text'] = text;
  return body;
}

function textControls(prompt: Prompt): Record<string, unknown> | undefined {
  if (prompt.verbosity === undefined && prompt.output_schema === undefined) return undefined;
  const text: Record<string, unknown> = {};
  if (prompt.verbosity !== undefined) text['verbosity'] = prompt.verbosity;
  if (prompt.output_schema !== undefined) {
    text['format'] = { type: 'json_schema', strict: true, schema: prompt.output_schema, name: 'codex_output_schema' };
  }
  return text;
}

interface WireEvent {
  type?: string;
  item?: ResponseItem;
  delta?: string;
  item_id?: string;
  response?: { id?: string; usage?: RawUsage; error?: { code?: string; message?: string }; incomplete_details?: { reason?: string } };
  code?: string;
  message?: string;
  /** Some servers (and the SDK's test proxy) nest the `error` event's fields. */
  error?: { code?: string; message?: string };
}

interface RawUsage {
  input_tokens?: number;
  input_tokens_details?: { cached_tokens?: number } | null;
  output_tokens?: number;
  output_tokens_details?: { reasoning_tokens?: number } | null;
  total_tokens?: number;
}

/** Maps Responses usage to Codex's TokenUsage. */
export function mapResponsesUsage(u: RawUsage): TokenUsage {
  return {
    input_tokens: u.input_tokens ?? 0,
    cached_input_tokens: u.input_tokens_details?.cached_tokens ?? 0,
    output_tokens: u.output_tokens ?? 0,
    reasoning_output_tokens: u.output_tokens_details?.reasoning_tokens ?? 0,
    total_tokens: u.total_tokens ?? 0,
  };
}

/** Hooks for what the parser does not decide itself. */
export interface ParseOptions {
  /** Told about a frame whose data is not JSON (Codex skips it). */
  onMalformed?: (data: string, err: unknown) => void;
}

/** A wire's SSE decoder: synchronous, so a whole network chunk costs one async hop. */
export interface StreamParser {
  /** Decodes one message into `out`; returns true once the response is complete. Throws on failure events. */
  feed(msg: SseMessage, out: ResponseEvent[]): boolean;
  /** The stream ended before completion: push a final event or throw. */
  end(out: ResponseEvent[]): void;
}

/**
 * Decodes Responses SSE into ResponseEvents. Complete at `response.completed`; throws
 * for `response.failed`, an `error` event, `response.incomplete`, or EOF before completion.
 */
export class ResponsesStreamParser implements StreamParser {
  constructor(private readonly opts: ParseOptions = {}) {}

  feed(msg: SseMessage, out: ResponseEvent[]): boolean {
    let ev: WireEvent;
    try {
      ev = JSON.parse(msg.data) as WireEvent;
    } catch (err: unknown) {
      this.opts.onMalformed?.(msg.data, err);
      return false;
    }
    switch (ev.type ?? msg.event) {
      case 'response.created':
        out.push({ type: 'created' });
        break;
      case 'response.output_item.added':
        if (ev.item) out.push({ type: 'output_item_added', item: ev.item });
        break;
      case 'response.output_item.done':
        if (ev.item) out.push({ type: 'output_item_done', item: ev.item });
        break;
      case 'response.output_text.delta':
        if (typeof ev.delta === 'string') {
          out.push(
            ev.item_id !== undefined
              ? { type: 'output_text_delta', delta: ev.delta, item_id: ev.item_id }
              : { type: 'output_text_delta', delta: ev.delta },
          );
        }
        break;
      case 'response.reasoning_summary_text.delta':
        if (typeof ev.delta === 'string') out.push({ type: 'reasoning_summary_delta', delta: ev.delta });
        break;
      case 'response.reasoning_text.delta':
        if (typeof ev.delta === 'string') out.push({ type: 'reasoning_content_delta', delta: ev.delta });
        break;
      case 'response.reasoning_summary_part.added':
        out.push({ type: 'reasoning_summary_part_added' });
        break;
      case 'response.completed': {
        const usage = ev.response?.usage;
        out.push(
          usage
            ? { type: 'completed', response_id: ev.response?.id ?? '', token_usage: mapResponsesUsage(usage) }
            : { type: 'completed', response_id: ev.response?.id ?? '' },
        );
        return true;
      }
      case 'response.failed':
        throw failedError(ev.response?.error?.code, ev.response?.error?.message);
      case 'error':
        throw failedError(ev.code ?? ev.error?.code, ev.message ?? ev.error?.message);
      case 'response.incomplete':
        throw new ModelClientError(
          'response_failed',
          streamDisconnectedMessage(
            `Incomplete response returned, reason: ${ev.response?.incomplete_details?.reason ?? 'unknown'}`,
          ),
        );
      default:
        // Codex ignores the rest (in_progress, *.done, argument deltas, unknown types).
        break;
    }
    return false;
  }

  end(): void {
    throw new ModelClientError(
      'stream_disconnected',
      streamDisconnectedMessage('stream closed before response.completed'),
    );
  }
}

/** Maps a `response.failed` / `error` payload to fatal or retryable errors as Codex does. */
export function failedError(code: string | undefined, message: string | undefined): ModelClientError {
  const msg = message ?? 'response.failed event received';
  const details = code !== undefined ? { providerCode: code } : {};
  switch (code) {
    case 'context_length_exceeded':
      return new ModelClientError('context_window_exceeded', CONTEXT_WINDOW_EXCEEDED_MESSAGE, details);
    case 'insufficient_quota':
    case 'usage_limit_reached':
    case 'usage_not_included':
      return new ModelClientError('usage_limit', usageLimitMessage(code, undefined, msg), details);
    case 'invalid_prompt':
      return new ModelClientError('invalid_request', msg, details);
    case 'model_not_found':
      return new ModelClientError('model_not_found', `${msg}. Pick another model with -m.`, details);
    default: {
      const retryAfterMs = parseTryAgainIn(msg);
      return new ModelClientError('response_failed', streamDisconnectedMessage(msg), {
        ...details,
        ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
      });
    }
  }
}

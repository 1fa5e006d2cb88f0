/**
 * Builders for the response-level Responses stream events: created, completed (with
 * usage), failed and incomplete. `id`/`output`/`model` left out here are filled in by
 * the server when the turn is rendered (see `finalizeResponseEvents`).
 */
import type { ResponsesUsage, StreamEvent } from '../types.js';

/** Partial usage; missing counters are 0 and `total_tokens` defaults to input + output. */
export interface UsageInput {
  input_tokens?: number;
  cached_tokens?: number;
  output_tokens?: number;
  reasoning_tokens?: number;
  total_tokens?: number;
  input_tokens_details?: { cached_tokens?: number };
  output_tokens_details?: { reasoning_tokens?: number };
}

/** Builds a complete Responses usage object from a partial one. */
export function usage(input: UsageInput = {}): ResponsesUsage {
  const inputTokens = input.input_tokens ?? 0;
  const outputTokens = input.output_tokens ?? 0;
  return {
    input_tokens: inputTokens,
    input_tokens_details: {
      cached_tokens: input.input_tokens_details?.cached_tokens ?? input.cached_tokens ?? 0,
    },
    output_tokens: outputTokens,
    output_tokens_details: {
      reasoning_tokens: input.output_tokens_details?.reasoning_tokens ?? input.reasoning_tokens ?? 0,
    },
    total_tokens: input.total_tokens ?? inputTokens + outputTokens,
  };
}

/** `response.created`. Without an id the server uses `resp_<n>` per served turn. */
export function responseCreated(id?: string): StreamEvent {
  const response: Record<string, unknown> = { object: 'response', status: 'in_progress', output: [] };
  if (id !== undefined) response['id'] = id;
  return { type: 'response.created', response };
}

/** `response.in_progress` (sent by the real API after created; Codex ignores it). */
export function responseInProgress(id?: string): StreamEvent {
  const response: Record<string, unknown> = { object: 'response', status: 'in_progress', output: [] };
  if (id !== undefined) response['id'] = id;
  return { type: 'response.in_progress', response };
}

/** Options for `completed`. */
export interface CompletedOptions {
  id?: string;
  usage?: UsageInput;
  /** The `output` array; by default the server fills it with the turn's done items. */
  output?: unknown[];
}

/** `response.completed` with full usage. */
export function completed(opts: CompletedOptions = {}): StreamEvent {
  const response: Record<string, unknown> = {
    object: 'response',
    status: 'completed',
    usage: usage(opts.usage),
  };
  if (opts.id !== undefined) response['id'] = opts.id;
  if (opts.output !== undefined) response['output'] = opts.output;
  return { type: 'response.completed', response };
}

/** Options for `failed`. */
export interface FailedOptions {
  code?: string;
  message?: string;
  id?: string;
}

/** `response.failed` with `response.error = {code, message}` (default `server_error`). */
export function failed(opts: FailedOptions = {}): StreamEvent {
  const response: Record<string, unknown> = {
    object: 'response',
    status: 'failed',
    error: { code: opts.code ?? 'server_error', message: opts.message ?? 'The scripted model failed.' },
    output: [],
    usage: null,
  };
  if (opts.id !== undefined) response['id'] = opts.id;
  return { type: 'response.failed', response };
}

/** `response.incomplete` with `incomplete_details.reason` (e.g. `max_output_tokens`). */
export function incomplete(reason = 'max_output_tokens', id?: string): StreamEvent {
  const response: Record<string, unknown> = {
    object: 'response',
    status: 'incomplete',
    incomplete_details: { reason },
    output: [],
  };
  if (id !== undefined) response['id'] = id;
  return { type: 'response.incomplete', response };
}

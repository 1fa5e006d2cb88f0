// The client's vocabulary: what a prompt carries in, what a stream yields out
// (`ResponseEvent`), token usage and rate-limit snapshots. Wire-agnostic: both the
// Responses and the Chat wires produce exactly these events.
import type { TokenUsage } from '@codex-ts/protocol';

/**
 * A Responses API item (message, reasoning, function_call, function_call_output,
 * custom_tool_call, custom_tool_call_output, local_shell_call, web_search_call, ...).
 * Loose on purpose until `@codex-ts/protocol` exports its ResponseItem schema.
 */
export interface ResponseItem {
  type: string;
  id?: string;
  [key: string]: unknown;
}

/** A tool spec as sent in the Responses `tools` array (function, custom, local_shell, web_search). */
export interface ToolSpec {
  type: string;
  name?: string;
  description?: string;
  [key: string]: unknown;
}

/** `reasoning` in the request body. */
export interface ReasoningConfig {
  effort?: 'minimal' | 'low' | 'medium' | 'high' | string;
  summary?: 'auto' | 'concise' | 'detailed' | 'none' | string;
}

/** `text` in the request body: verbosity and/or the `--output-schema` format. */
export interface TextControls {
  verbosity?: 'low' | 'medium' | 'high';
  format?: { type: 'json_schema'; strict: boolean; schema: unknown; name: string };
}

/** Everything one model request needs. */
export interface Prompt {
  model: string;
  instructions: string;
  input: ResponseItem[];
  tools: ToolSpec[];
  parallel_tool_calls: boolean;
  /** Omit (or undefined) for models without reasoning summaries: sent as `null`, as Codex does. */
  reasoning?: ReasoningConfig;
  /** Verbosity (gpt-5 family) for the `text` field. */
  verbosity?: TextControls['verbosity'];
  /** The `--output-schema` JSON schema; sent as `text.format` (`codex_output_schema`). */
  output_schema?: unknown;
  /** The conversation id: `prompt_cache_key`, `session_id` and `conversation_id` headers. */
  conversation_id: string;
}

/** Token counts in Codex's shape (protocol's `TokenUsage`, one definition for the wire and the client). */
export type { TokenUsage };

/** One rate-limit window from the `x-codex-<primary|secondary>-*` response headers. */
export interface RateLimitWindow {
  used_percent: number;
  window_minutes?: number;
  resets_in_seconds?: number;
}

/** What a model stream yields; the same for both wires. */
export type ResponseEvent =
  | { type: 'created' }
  | { type: 'output_item_added'; item: ResponseItem }
  | { type: 'output_item_done'; item: ResponseItem }
  | { type: 'output_text_delta'; delta: string; item_id?: string }
  | { type: 'reasoning_summary_delta'; delta: string }
  | { type: 'reasoning_content_delta'; delta: string }
  | { type: 'reasoning_summary_part_added' }
  | { type: 'completed'; response_id: string; token_usage?: TokenUsage }
  | { type: 'rate_limits'; primary?: RateLimitWindow; secondary?: RateLimitWindow };

/** A retry the client is about to make; the engine turns stream retries into `stream_error` events. */
export interface RetryNotice {
  /** 1-based retry number within its phase. */
  attempt: number;
  /** The phase's retry budget (`request_max_retries` or `stream_max_retries`). */
  max: number;
  delayMs: number;
  /** `request`: a silent retry before any event; `stream`: the whole request is re-sent. */
  phase: 'request' | 'stream';
  /** The error that caused it; `reason` is its message. */
  reason: string;
  code: string;
}

// Reads token usage out of a response as it streams past, without holding the stream:
// Responses SSE (`response.completed` / `response.incomplete` → `response.usage`), Chat SSE
// (the chunk carrying `usage`, sent with `stream_options.include_usage`) and plain JSON
// bodies with a top-level `usage`. Only lines that can carry usage are JSON-parsed, and a
// malformed line is ignored (the client, not the gateway, judges the stream).
import type { TokenUsage } from './types.js';

type Json = Record<string, unknown>;

const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? Math.floor(v) : 0);
const obj = (v: unknown): Json | undefined => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : undefined);

/** Usage in either wire's shape (Responses `input_tokens…`, Chat `prompt_tokens…`), normalised. */
export function normaliseUsage(raw: unknown): TokenUsage | undefined {
  const u = obj(raw);
  if (!u) return undefined;
  if ('input_tokens' in u || 'output_tokens' in u) {
    const input = num(u.input_tokens);
    const output = num(u.output_tokens);
    return {
      input_tokens: input,
      cached_input_tokens: num(obj(u.input_tokens_details)?.cached_tokens),
      output_tokens: output,
      reasoning_output_tokens: num(obj(u.output_tokens_details)?.reasoning_tokens),
      total_tokens: 'total_tokens' in u ? num(u.total_tokens) : input + output,
    };
  }
  if ('prompt_tokens' in u || 'completion_tokens' in u) {
    const input = num(u.prompt_tokens);
    const output = num(u.completion_tokens);
    return {
      input_tokens: input,
      cached_input_tokens: num(obj(u.prompt_tokens_details)?.cached_tokens),
      output_tokens: output,
      reasoning_output_tokens: num(obj(u.completion_tokens_details)?.reasoning_tokens),
      total_tokens: 'total_tokens' in u ? num(u.total_tokens) : input + output,
    };
  }
  return undefined;
}

const MAX_JSON_BODY = 8 * 1024 * 1024;

/** Feeds on response bytes; `result()` is the last usage seen (terminal events win). */
export class UsageTap {
  private readonly decoder = new TextDecoder();
  private partial = '';
  private usage: TokenUsage | undefined;
  private readonly sse: boolean;
  private jsonBytes = 0;
  private jsonOverflow = false;

  constructor(contentType: string | undefined) {
    this.sse = /text\/event-stream/i.test(contentType ?? '');
    if (!this.sse && !/json/i.test(contentType ?? '')) this.jsonOverflow = true; // neither: nothing to read
  }

  write(chunk: Buffer): void {
    if (!this.sse) {
      if (this.jsonOverflow) return;
      this.jsonBytes += chunk.length;
      if (this.jsonBytes > MAX_JSON_BODY) {
        this.jsonOverflow = true;
        this.partial = '';
        return;
      }
      this.partial += this.decoder.decode(chunk, { stream: true });
      return;
    }
    const text = this.partial + this.decoder.decode(chunk, { stream: true });
    let start = 0;
    for (let nl = text.indexOf('\n', start); nl !== -1; nl = text.indexOf('\n', start)) {
      this.line(text.slice(start, nl));
      start = nl + 1;
    }
    this.partial = text.slice(start);
  }

  /** Ends the stream and returns the usage found, if any. */
  result(): TokenUsage | undefined {
    if (this.sse) {
      if (this.partial !== '') this.line(this.partial);
    } else if (!this.jsonOverflow && this.partial !== '') {
      try {
        this.usage = normaliseUsage(obj(JSON.parse(this.partial))?.usage) ?? this.usage;
      } catch {
        // not JSON after all: no usage
      }
    }
    this.partial = '';
    return this.usage;
  }

  private line(raw: string): void {
    // Cheap filter first: only `data:` lines that mention usage are parsed.
    if (!raw.startsWith('data:') || !raw.includes('"usage"')) return;
    let data: Json | undefined;
    try {
      data = obj(JSON.parse(raw.slice(5).trim()));
    } catch {
      return;
    }
    if (!data) return;
    const type = data.type;
    if (type === 'response.completed' || type === 'response.incomplete' || type === 'response.failed') {
      this.usage = normaliseUsage(obj(data.response)?.usage) ?? this.usage;
    } else if (type === undefined && data.usage != null) {
      this.usage = normaliseUsage(data.usage) ?? this.usage; // Chat: the usage chunk
    }
  }
}

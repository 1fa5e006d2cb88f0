/** Encoding of stream frames: Responses SSE (`event:` + `data:`), Chat SSE (`data:` only), NDJSON. */
import type { ChatChunk, StreamEvent } from '../types.js';

/** One Responses SSE frame: `event: <type>\ndata: <json>\n\n`. */
export function responsesFrame(event: StreamEvent): string {
  return `event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`;
}

/** One Chat SSE frame: `data: <json>\n\n`. */
export function chatFrame(chunk: ChatChunk): string {
  return `data: ${JSON.stringify(chunk)}\n\n`;
}

/** The Chat stream terminator. */
export const CHAT_DONE_FRAME = 'data: [DONE]\n\n';

/** The default malformed frame: a `data:` line whose JSON does not parse. */
export const MALFORMED_FRAME = 'data: {not json\n\n';

/** One NDJSON line. */
export function ndjsonLine(value: unknown): string {
  return `${JSON.stringify(value)}\n`;
}

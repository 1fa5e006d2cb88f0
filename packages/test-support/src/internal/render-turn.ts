/**
 * Renders a scripted turn into wire frames for one model request: Responses SSE frames
 * (events finalized with ids, indices and sequence numbers) or Chat SSE frames
 * (converted from the same events unless the turn carries raw chat chunks).
 */
import { toChatChunks } from '../builders/chat.js';
import { turn as turnBuilders } from '../builders/turn.js';
import type { ScriptedTurn, StreamEvent } from '../types.js';
import { finalizeResponseEvents } from './finalize.js';
import { CHAT_DONE_FRAME, chatFrame, responsesFrame } from './frames.js';

/** What a request needs to know to render its turn. */
export interface RenderContext {
  wire: 'responses' | 'chat';
  /** 1-based count of model turns served by this server (ids `resp_<n>`, `chatcmpl-<n>`). */
  serial: number;
  /** The request's `model`, echoed into the response. */
  model?: string;
  /** Chat: the request asked for usage (`stream_options.include_usage`). */
  includeUsage?: boolean;
}

/** The reply used by faults that stream but were given no events. */
export const DEFAULT_PARTIAL_TEXT = 'This is a scripted reply.';

/** The events a turn streams (a default message for stream faults without events). */
export function turnEvents(turn: ScriptedTurn): StreamEvent[] {
  if (turn.events) return turn.events;
  const kind = turn.fault?.fault;
  if (kind === 'cut' || kind === 'stall' || kind === 'malformed') {
    return turnBuilders.message(DEFAULT_PARTIAL_TEXT, { messageId: 'msg_partial' });
  }
  return [];
}

/** Renders the turn's frames for the request's wire. */
export function renderFrames(turn: ScriptedTurn, ctx: RenderContext): string[] {
  const createdAt = Math.floor(Date.now() / 1000);
  if (ctx.wire === 'chat' && turn.chatChunks) {
    return turn.chatChunks.map((c) => (c === '[DONE]' ? CHAT_DONE_FRAME : chatFrame(c)));
  }
  const events = finalizeResponseEvents(turnEvents(turn), {
    responseId: `resp_${ctx.serial}`,
    model: ctx.model,
    createdAt,
  });
  if (ctx.wire === 'responses') return events.map(responsesFrame);
  return toChatChunks(events, { id: `chatcmpl-${ctx.serial}`, model: ctx.model, created: createdAt, includeUsage: ctx.includeUsage === true }).map((c) =>
    c === '[DONE]' ? CHAT_DONE_FRAME : chatFrame(c),
  );
}

// The texts compaction sends and writes: the request that asks for a hand-off summary, and
// the user message that carries the summary into the rebuilt history. Our own wording; the
// summary must keep what a successor needs to finish the task without the transcript.
import type { ResponseItem } from '../client/types.js';

/** Sent as the last user message of a local compaction request. */
export const SUMMARIZATION_PROMPT = `Context checkpoint: the conversation above is about to be replaced by your summary, so write the hand-off note another agent will continue from. It will see the user's messages and this note, nothing else.

Write these sections, short and concrete:
1. Goal: the user's task in their own words, with every requirement and constraint they gave.
2. Plan: the steps, each marked done, in progress or to do (repeat the latest plan verbatim if there was one).
3. Files touched: every file created, changed or deleted, with what changed and why.
4. Still to verify: commands or tests that must still be run, and any that failed last time with their error.
5. Latest instructions: what the user asked most recently, and anything they told you to do or avoid.
6. Facts: values, names, paths, decisions and dead ends worth not rediscovering.

Do not call tools. Reply with the note only.`;

/** Opens the user message that carries the summary. */
export const SUMMARY_PREFIX = 'Earlier turns of this conversation were compacted. The messages above are the ones the user wrote; what follows is the hand-off note written before compaction. Continue the task from it; do not redo finished work.\n\n';

/** Budget for the user's own messages kept after compaction (Codex keeps about 20k tokens). */
export const USER_MESSAGES_TOKEN_BUDGET = 20_000;

/** A user message item. */
export function userText(text: string): ResponseItem {
  return { type: 'message', role: 'user', content: [{ type: 'input_text', text }] };
}

/** The summary message of a rebuilt history. */
export function summaryMessage(summary: string): ResponseItem {
  return userText(`${SUMMARY_PREFIX}${summary}`);
}

/** True for a summary message we (or Codex) wrote, so it is not kept as a user prompt. */
export function isSummaryText(text: string): boolean {
  return text.startsWith(SUMMARY_PREFIX) || text.startsWith('Another language model started to solve this problem');
}

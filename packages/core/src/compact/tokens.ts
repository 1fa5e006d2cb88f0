// Token estimates without a tokenizer: about four bytes of JSON per token, the same rough
// rule Codex uses when it has no usage figure. Good enough to decide when to compact and to
// check that compaction shrank the history.
import type { ResponseItem } from '../client/types.js';

/** Approximate tokens of `items` as sent. */
export function approxTokens(items: readonly ResponseItem[]): number {
  let bytes = 0;
  for (const it of items) bytes += Buffer.byteLength(JSON.stringify(it), 'utf8');
  return Math.ceil(bytes / 4);
}

/** Approximate tokens of a string. */
export function approxTextTokens(text: string): number {
  return Math.ceil(Buffer.byteLength(text, 'utf8') / 4);
}

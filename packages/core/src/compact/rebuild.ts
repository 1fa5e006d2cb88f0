// Rebuilds a history after compaction, as Codex does: the context blocks (developer
// messages, user instructions, the latest environment context), then the user's own
// messages, then the summary. The first user message (the goal) is always kept; the rest
// are kept newest first within a token budget, in their original order.
import type { ResponseItem } from '../client/types.js';
import { userPromptText } from '../rollout/list.js';
import { isSummaryText, summaryMessage, userText, USER_MESSAGES_TOKEN_BUDGET } from './prompt.js';
import { approxTextTokens } from './tokens.js';

function messageText(item: ResponseItem): string {
  const content = item.content as { type?: string; text?: string }[] | undefined;
  if (!Array.isArray(content)) return '';
  return content.filter((c) => typeof c.text === 'string').map((c) => c.text).join('');
}

/** Context blocks to carry over: developer messages and instructions once, the newest environment context. */
export function contextItems(history: readonly ResponseItem[]): ResponseItem[] {
  const out: ResponseItem[] = [];
  let env: ResponseItem | undefined;
  const seen = new Set<string>();
  for (const it of history) {
    if (it.type !== 'message') continue;
    const text = messageText(it).trimStart();
    if (it.role === 'developer' || (it.role === 'user' && (text.startsWith('<user_instructions>') || text.startsWith('# AGENTS.md instructions')))) {
      const key = JSON.stringify(it.content);
      if (!seen.has(key)) {
        seen.add(key);
        out.push(it);
      }
    } else if (it.role === 'user' && text.startsWith('<environment_context>')) {
      env = it;
    }
  }
  if (env) out.push(env);
  return out;
}

/** The prompts the user typed, oldest first (summaries of earlier compactions excluded). */
export function userMessages(history: readonly ResponseItem[]): string[] {
  const out: string[] = [];
  for (const it of history) {
    const text = userPromptText(it);
    if (text !== null && !isSummaryText(text)) out.push(text);
  }
  return out;
}

/** What wrapping a text in a message item costs (its JSON envelope). */
const MESSAGE_OVERHEAD_TOKENS = 18;

function clip(text: string, maxTokens: number): string {
  const maxBytes = maxTokens * 4;
  if (Buffer.byteLength(text, 'utf8') <= maxBytes) return text;
  return `${Buffer.from(text, 'utf8').subarray(0, maxBytes).toString('utf8')}\n[... message truncated for compaction ...]`;
}

/** The goal plus the newest messages that fit in `budget` tokens, in original order. */
export function selectUserMessages(messages: readonly string[], budget = USER_MESSAGES_TOKEN_BUDGET): string[] {
  if (messages.length === 0) return [];
  const goal = clip(messages[0] as string, Math.floor(budget / 2));
  let left = budget - approxTextTokens(goal) - MESSAGE_OVERHEAD_TOKENS;
  const tail: string[] = [];
  for (let i = messages.length - 1; i >= 1 && left > MESSAGE_OVERHEAD_TOKENS; i--) {
    const m = clip(messages[i] as string, left - MESSAGE_OVERHEAD_TOKENS);
    left -= approxTextTokens(m) + MESSAGE_OVERHEAD_TOKENS;
    tail.unshift(m);
  }
  return [goal, ...tail];
}

/** The history that replaces `history` once `summary` is written. */
export function rebuildHistory(history: readonly ResponseItem[], summary: string, budget = USER_MESSAGES_TOKEN_BUDGET): ResponseItem[] {
  return [...contextItems(history), ...selectUserMessages(userMessages(history), budget).map(userText), summaryMessage(summary)];
}

// Replays a resumed or forked session into the chat, as Codex shows it: the user's prompts,
// the answers (markdown), collapsed reasoning and interruptions, from the events the rollout
// kept (`session_configured.initial_messages`). A fork written by codex-ts holds response
// items only, so when no `user_message` event is there the chat is rebuilt from the history
// items instead (user prompts and assistant messages; context blocks are skipped).
import type { EventMsg } from '@codex-ts/protocol';
import { NoticeCell, UserCell } from '../cells/cell.js';
import type { ChatView } from '../app/chat-view.js';

/** A loosely typed history item (a rollout `response_item`). */
interface Item {
  type?: string;
  role?: string;
  content?: Array<{ type?: string; text?: string }>;
}

/** The text the user typed, or null for context blocks and non-user items (core's rule). */
function userText(item: Item): string | null {
  if (item.type !== 'message' || item.role !== 'user' || !Array.isArray(item.content)) return null;
  const text = item.content.filter((c) => c.type === 'input_text' && typeof c.text === 'string').map((c) => c.text).join('');
  const t = text.trimStart();
  if (t === '' || t.startsWith('<environment_context>') || t.startsWith('<user_instructions>') || t.startsWith('# AGENTS.md instructions')) return null;
  if (t.startsWith('<user_shell_command>') || t.startsWith('<user_action>')) return null;
  return text;
}

function assistantText(item: Item): string | null {
  if (item.type !== 'message' || item.role !== 'assistant' || !Array.isArray(item.content)) return null;
  const text = item.content.filter((c) => c.type === 'output_text' && typeof c.text === 'string').map((c) => c.text).join('');
  return text.trim() === '' ? null : text;
}

/** Whether replaying `events` shows the conversation (else rebuild it from the history). */
export function eventsHaveConversation(events: readonly { type: string }[] | null | undefined): boolean {
  return (events ?? []).some((e) => e.type === 'user_message');
}

/** Commit the recorded events as cells; returns how many user messages were shown. */
export function replayEvents(chat: ChatView, events: readonly { type: string }[]): number {
  let users = 0;
  for (const raw of events) {
    const ev = raw as EventMsg;
    switch (ev.type) {
      case 'user_message':
        chat.endTurn();
        chat.commit(new UserCell(String((ev as { message?: unknown }).message ?? '')));
        users += 1;
        break;
      case 'agent_message':
      case 'agent_reasoning':
        chat.onEvent(ev);
        break;
      case 'turn_aborted':
        chat.endTurn({ text: 'Interrupted. Tell the model what to do differently.', kind: 'error' });
        break;
      case 'error':
        chat.commit(new NoticeCell(String((ev as { message?: unknown }).message ?? ''), 'error'));
        break;
      default:
        break;
    }
  }
  chat.endTurn();
  return users;
}

/** Commit the conversation found in history items; returns how many user messages were shown. */
export function replayHistory(chat: ChatView, history: readonly unknown[]): number {
  let users = 0;
  for (const raw of history) {
    const item = raw as Item;
    const u = userText(item);
    if (u !== null) {
      chat.commit(new UserCell(u));
      users += 1;
      continue;
    }
    const a = assistantText(item);
    if (a !== null) chat.onEvent({ type: 'agent_message', message: a } as EventMsg);
  }
  chat.endTurn();
  return users;
}

import { describe, expect, it } from 'vitest';
import type { EventMsg } from '@codex-ts/protocol';
import { ChatView } from './chat-view.js';
import type { Line } from '../term/style.js';

function view(): { chat: ChatView; text: () => string[] } {
  const committed: Line[] = [];
  const chat = new ChatView({ commit: (lines) => committed.push(...lines), schedule: () => {}, cols: 100 });
  return { chat, text: () => committed.map((l) => l.map((s) => s.t).join('')).filter((l) => l !== '') };
}

describe('ChatView: MCP start-up', () => {
  it('shows a failed server once, with its error, and nothing for the others', () => {
    const { chat, text } = view();
    const events = [
      { type: 'mcp_startup_update', server: 'docs', status: { state: 'starting' } },
      { type: 'mcp_startup_update', server: 'docs', status: { state: 'ready' } },
      { type: 'mcp_startup_update', server: 'broken', status: { state: 'failed', error: 'exited with code 3: boom' } },
    ] as EventMsg[];
    expect(events.map((e) => chat.onEvent(e))).toEqual([false, false, true]);
    expect(text()).toEqual([expect.stringContaining('MCP server broken failed to start: exited with code 3: boom')]);
  });
});

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

describe('ChatView: transcript', () => {
  it('keeps every finished cell for the pager, user messages marked, a long command output only as its tail', () => {
    const { chat } = view();
    const big = `${'x'.repeat(200_000)}\nlast line\n`;
    const events = [
      { type: 'agent_message', message: 'hello **there**' },
      { type: 'exec_command_begin', call_id: 'c1', command: ['bash', '-lc', 'yes'], cwd: '/w' },
      { type: 'exec_command_end', call_id: 'c1', stdout: '', stderr: '', aggregated_output: big, exit_code: 0, duration: 5 },
    ] as unknown as EventMsg[];
    for (const e of events) chat.onEvent(e);
    const t = chat.transcript;
    expect(t.entries.map((e) => e.source ?? null)).toEqual(['hello **there**', null]);
    expect(t.userEntries()).toEqual([]);
    const exec = t.entries[1]!.cell as unknown as { output: string };
    expect(exec.output.length).toBe(64 * 1024);
    expect(exec.output.endsWith('last line\n')).toBe(true);
    expect(t.copyText(1)).toContain('last line');
  });
});

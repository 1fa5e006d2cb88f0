import { describe, expect, it } from 'vitest';
import type { Op } from '@codex-ts/protocol';
import { App, type Renderer } from '../app/app.js';
import type { SessionActions } from '../app/overlay.js';
import type { LiveFrame } from '../term/inline-renderer.js';
import { KeyDecoder } from '../term/keys.js';
import { plain, type Line } from '../term/style.js';

/** A real App over a fake engine and an in-memory renderer. */
function makeApp(sessions?: SessionActions) {
  const ops: Op[] = [];
  const committed: string[] = [];
  let frame!: () => LiveFrame;
  const renderer: Renderer = {
    rows: 30,
    cols: 80,
    commit: (lines: Line[]) => committed.push(...lines.map(plain)),
    schedule: () => undefined,
    draw: () => undefined,
    close: () => undefined,
  };
  const turn = { cwd: '/w', approval_policy: 'never', sandbox_policy: { type: 'read-only' }, model: 'm', summary: 'auto' } as const;
  const app = new App(
    { engine: { submit: async (op) => (ops.push(op), 'id'), events: () => [] as never }, status: { model: 'm', cwd: '/w', sandbox: 'read-only', approval: 'never' }, turn: turn as never, history: [], notify: () => undefined, ...(sessions ? { sessions } : {}) },
    (f) => ((frame = f), renderer),
  );
  const keys = new KeyDecoder();
  const type = (s: string): void => {
    for (const k of keys.feed(s)) app.onKey(k);
  };
  const screen = (): string[] => frame().lines.map((l) => plain(l).trimEnd());
  const turns = (): string[] => ops.flatMap((o) => (o.type === 'user_turn' ? [(o.items[0] as { text: string }).text] : []));
  return { app, ops, committed, type, screen, turns };
}

const tick = () => new Promise((r) => setImmediate(r));

describe('backtrack (Esc Esc)', () => {
  it('selects an earlier message, edits it and sends it as a fork with the right index', async () => {
    const forks: unknown[] = [];
    const t = makeApp({ newSession: async () => undefined, resume: async () => undefined, fork: async (o) => void forks.push(o) });
    for (const q of ['first question', 'second question', 'third question']) {
      t.type(`${q}\r`);
      t.app.onEvent({ id: '1', msg: { type: 'agent_message', message: `answer to ${q}` } });
    }
    t.type('\x1b');
    expect(t.screen()).toContain('  esc again to edit previous message');
    t.type('\x1b');
    expect(t.screen().filter((r) => r.startsWith('▌'))).toEqual(['▌ › third question']);
    t.type('\x1b');
    t.type('\x1b[D'); // ← : older still
    t.type('\x1b[C'); // → : one newer
    expect(t.screen().filter((r) => r.startsWith('▌'))).toEqual(['▌ › second question']);
    t.type('\r');
    expect(t.app.topOverlay).toBeUndefined();
    expect(t.app.composer.text).toBe('second question');
    expect(t.screen().join('\n')).toContain('editing message 2: enter sends it as a fork');
    t.type(' (edited)\r');
    await tick();
    await tick();
    // Index 1 = keep the first user message; the edited text is sent once, in the fork.
    expect(forks).toEqual([{ nthUserMessage: 1, prefill: 'second question (edited)', redraw: false }]);
    expect(t.turns()).toEqual(['first question', 'second question', 'third question', 'second question (edited)']);
    // The transcript now follows the fork: message 1, the notice, the edited message.
    expect(t.app.chat.transcript.userEntries().map((i) => t.app.chat.transcript.entries[i]!.user)).toEqual(['first question', 'second question (edited)']);
    expect(t.committed.join('\n')).toContain('Forked the session before message 2');
  });

  it('without session switching says so, sends nothing and keeps the text; Esc leaves the edit', () => {
    const t = makeApp();
    t.type('only one\r');
    t.type('\x1b\x1b');
    t.type('\r');
    expect(t.app.composer.text).toBe('only one');
    t.type('\r');
    expect(t.turns()).toEqual(['only one']);
    expect(t.committed.join('\n')).toMatch(/this build cannot switch\s+sessions yet; nothing was sent/);
    expect(t.app.composer.text).toBe('only one');
    t.type('\x1b');
    expect(t.app.composer.text).toBe('');
    expect(t.app.controls.editing).toBeUndefined();
  });

  it('Esc with text in the composer or with no messages yet does not prime; a fork failure keeps the edit', async () => {
    const t = makeApp({ newSession: async () => undefined, resume: async () => undefined, fork: async () => Promise.reject(new Error('no rollout')) });
    t.type('\x1b\x1b');
    expect(t.app.topOverlay).toBeUndefined();
    t.type('hello\r');
    t.type('draft');
    t.type('\x1b');
    expect(t.screen().join('\n')).not.toContain('esc again');
    t.type('\x15'); // Ctrl+U clears the draft
    for (const k of ['\x1b', '\x1b', '\r', '\r']) t.type(k);
    await tick();
    await tick();
    expect(t.committed.join('\n')).toContain('Could not fork the session: no rollout');
    expect(t.app.composer.text).toBe('hello');
    expect(t.app.controls.editing).toEqual({ nth: 0 });
  });

  it('Ctrl+T opens the pager over the whole height; q closes it', () => {
    const t = makeApp();
    t.type('hi\r');
    t.type('\x14');
    const s = t.screen();
    expect(s).toHaveLength(30);
    expect(s[0]).toMatch(/^\/ T R A N S C R I P T/);
    t.type('q');
    expect(t.app.topOverlay).toBeUndefined();
  });
});

describe('warnings tray', () => {
  it('collects warnings and MCP start-up failures out of the chat; F2 shows them one at a time', () => {
    const t = makeApp();
    t.app.onEvent({ id: '1', msg: { type: 'mcp_startup_update', server: 'crash', status: { state: 'failed', error: 'handshake failed: connection closed\nstderr: boom' } } });
    t.app.onEvent({ id: '1', msg: { type: 'warning', message: 'model rerouted' } } as never);
    t.app.onEvent({ id: '1', msg: { type: 'mcp_startup_update', server: 'ok', status: { state: 'ready' } } });
    expect(t.committed).toEqual([]);
    expect(t.screen()).toContain('  ⚠ 2 warnings · f2 to view');
    t.type('\x1bOQ'); // F2
    let s = t.screen().join('\n');
    expect(s).toContain('⚠ Warnings · 1 of 2 · MCP · crash');
    expect(s).toContain('  MCP server `crash` failed to start: handshake failed: connection closed');
    expect(s).not.toContain('stderr: boom');
    t.type('\r'); // expand
    expect(t.screen().join('\n')).toContain('  stderr: boom');
    t.type('\x1b[C');
    expect(t.screen().join('\n')).toContain('⚠ Warnings · 2 of 2 · engine');
    t.type('d');
    s = t.screen().join('\n');
    expect(s).toContain('⚠ Warnings · 1 of 1 · MCP · crash');
    t.type('\x1b');
    expect(t.app.topOverlay).toBeUndefined();
    expect(t.screen()).toContain('  ⚠ 1 warning · f2 to view');
  });
});

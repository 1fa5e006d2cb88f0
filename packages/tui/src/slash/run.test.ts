import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Op } from '@codex-ts/protocol';
import type { Cell } from '../cells/cell.js';
import type { Overlay } from '../app/overlay.js';
import { plain } from '../term/style.js';
import { INIT_PROMPT, mcpRows, SlashCommands, type SlashHost } from './run.js';
import { Transcript } from '../pager/transcript.js';
import type { Key } from '../term/keys.js';

const dir = mkdtempSync(join(tmpdir(), 'tui-slash-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function host(over: Partial<{ running: boolean; sessions: SlashHost['deps']['sessions']; codexHome: string; cwd: string; clipboard: SlashHost['deps']['clipboard'] }> = {}) {
  const ops: Op[] = [];
  const shown: string[] = [];
  const sent: string[] = [];
  const overlays: Overlay[] = [];
  let quit = false;
  let composer = '';
  const keys: Key[] = [];
  const transcript = new Transcript();
  const h: SlashHost = {
    deps: {
      turn: { cwd: over.cwd ?? dir, approval_policy: 'on-request', sandbox_policy: { mode: 'workspace-write', writable_roots: ['/extra'] }, model: 'gpt-5-codex', summary: 'auto' },
      status: { model: 'gpt-5-codex', cwd: dir, sandbox: 'workspace-write', approval: 'on-request' },
      ...(over.sessions ? { sessions: over.sessions } : {}),
      slash: { codexHome: over.codexHome ?? join(dir, 'home'), env: {} },
      engine: { submit: async (op: Op) => (ops.push(op), '1') },
      ...(over.clipboard ? { clipboard: over.clipboard } : {}),
    },
    isRunning: over.running ?? false,
    chat: { transcript },
    controls: { onKey: (k: Key) => (keys.push(k), true) },
    composer: { set: (t: string) => (composer = t) },
    show: (c: Cell) => shown.push(c.render(100).map(plain).join('\n')),
    openOverlay: (o: Overlay) => overlays.push(o),
    requestQuit: () => (quit = true),
    submitText: (t: string) => sent.push(t),
    syncPopups: () => undefined,
    schedule: () => undefined,
  };
  return { h, ops, shown, sent, overlays, keys, transcript, quit: () => quit, composer: () => composer, cmds: new SlashCommands(h) };
}

const settle = () => new Promise((r) => setTimeout(r, 20));
async function until(test: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !test(); i++) await settle();
  expect(test()).toBe(true);
}

describe('slash commands', () => {
  it('/approvals picks a preset: later turns get its approval and sandbox (configured roots kept when the mode stays)', () => {
    const t = host();
    expect(t.cmds.tryRun('/approvals')).toBe(true);
    const picker = t.overlays[0]!;
    expect(picker.render(100, 20).lines.map(plain).join('\n')).toMatch(/2\. Auto \(current\)/);
    expect(picker.handle({ name: 'text', text: '3' })).toBe('close');
    expect(t.h.deps.turn).toMatchObject({ approval_policy: 'never', sandbox_policy: { mode: 'danger-full-access' } });
    expect(t.ops.at(-1)).toEqual({ type: 'override_turn_context', approval_policy: 'never', sandbox_policy: { mode: 'danger-full-access' } });
    expect(t.h.deps.status).toMatchObject({ approval: 'never', sandbox: 'danger-full-access' });
    t.cmds.run('approvals');
    t.overlays[1]!.handle({ name: 'text', text: '2' });
    expect(t.h.deps.turn!.sandbox_policy).toEqual({ mode: 'workspace-write' });
  });

  it('/model keeps the picker open for the effort, then overrides the turn context', () => {
    const t = host();
    t.cmds.run('model');
    t.overlays[0]!.handle({ name: 'down' });
    t.overlays[0]!.handle({ name: 'enter' });
    const effort = t.overlays[1]!;
    // The model's default effort is highlighted first.
    expect(effort.render(100, 20).lines.map(plain).find((l) => l.startsWith('›'))).toContain('medium');
    effort.handle({ name: 'enter' });
    expect(t.ops.at(-1)).toEqual({ type: 'override_turn_context', model: 'gpt-5-codex-mini', effort: 'medium' });
    expect(t.h.deps.turn).toMatchObject({ model: 'gpt-5-codex-mini', effort: 'medium' });
  });

  it('/init sends the AGENTS.md prompt unless one exists', () => {
    const t = host();
    t.cmds.run('init');
    expect(t.sent).toEqual([INIT_PROMPT]);
    writeFileSync(join(dir, 'AGENTS.md'), '# rules\n');
    t.cmds.run('init');
    expect(t.sent.length).toBe(1);
    expect(t.shown.at(-1)).toContain('AGENTS.md already exists here');
    rmSync(join(dir, 'AGENTS.md'));
  });

  it('/review with text is a custom review: the review op goes to the core', async () => {
    const t = host();
    t.cmds.tryRun('/review the parser');
    await until(() => t.ops.length > 0);
    expect(t.ops).toEqual([{ type: 'review', review_request: { target: { type: 'custom', instructions: 'the parser' } } }]);
    expect(t.sent).toEqual([]);
  });

  it('refuses commands that need an idle session while a turn runs; others still work', () => {
    const t = host({ running: true });
    t.cmds.run('compact');
    expect(t.ops).toEqual([]);
    expect(t.shown.at(-1)).toContain("'/compact' is disabled while a task is in progress.");
    t.cmds.run('mention');
    expect(t.composer()).toBe('@');
    t.cmds.run('quit');
    expect(t.quit()).toBe(true);
  });

  it('/new, /resume and /fork call the session actions, or say they are unavailable', async () => {
    const calls: string[] = [];
    const t = host({ sessions: { newSession: async () => void calls.push('new'), resume: async () => void calls.push('resume'), fork: async () => void calls.push('fork') } });
    t.cmds.run('new');
    t.cmds.run('resume');
    t.cmds.run('fork');
    expect(calls).toEqual(['new', 'resume', 'fork']);
    const u = host();
    u.cmds.run('fork');
    expect(u.shown.at(-1)).toContain('/fork is not available');
    const failing = host({ sessions: { newSession: async () => Promise.reject(new Error('boom')), resume: async () => undefined, fork: async () => undefined } });
    failing.cmds.run('new');
    await until(() => failing.shown.length === 1);
    expect(failing.shown.at(-1)).toContain('/new failed: boom');
  });

  it('/logout removes the stored credentials and quits; /status names the account', async () => {
    const home = mkdtempSync(join(dir, 'home-'));
    writeFileSync(join(home, 'auth.json'), JSON.stringify({ OPENAI_API_KEY: 'sk-proj-abcdefghijklmnop' }));
    const t = host({ codexHome: home });
    t.cmds.run('status');
    await until(() => t.shown.length === 1);
    expect(t.shown.at(-1)).toMatch(/Account: +API key sk-proj-\*\*\*lmnop/);
    expect(t.shown.at(-1)).toMatch(/Approval: +on-request/);
    t.cmds.run('logout');
    await until(() => t.quit());
    expect(existsSync(join(home, 'auth.json'))).toBe(false);
    expect(t.shown.at(-1)).toContain('Successfully logged out');
    expect(t.quit()).toBe(true);
  });

  it('/mcp waits for the tool list and groups tools by server', () => {
    const t = host();
    t.cmds.run('mcp');
    expect(t.ops).toEqual([{ type: 'list_mcp_tools' }]);
    const msg = {
      type: 'mcp_list_tools_response' as const,
      tools: { mcp__fast__add_numbers: { name: 'add_numbers' }, mcp__fast__echo: { name: 'echo' }, mcp__docs__search: { name: 'search' } },
      servers: [{ name: 'fast', state: 'ready', tools: 2 }, { name: 'broken', state: 'failed', error: 'exit 1', tools: 0 }, { name: 'docs', state: 'ready', tools: 1 }],
    };
    expect(t.cmds.onEvent(msg as never)).toBe(true);
    const text = t.shown.at(-1)!;
    expect(text).toContain('fast: connected (2 tools)');
    expect(text).toContain('add_numbers, echo');
    expect(text).toContain('broken: failed (0 tools)');
    expect(text).toContain('exit 1');
    // Not asked for: left to others.
    expect(t.cmds.onEvent(msg as never)).toBe(false);
    expect(mcpRows({ type: 'mcp_list_tools_response', tools: { mcp__x__t: { name: 't' } } } as never)).toEqual([{ name: 'x', state: 'ready', tools: ['t'] }]);
  });
});

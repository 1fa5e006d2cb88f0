// `codex [PROMPT]` in a real terminal starts the TUI: the built binary runs in a PTY against
// the scripted model, the first prompt goes out, the answer is drawn, and two Ctrl+C quit
// with the resume line.
import { join, resolve } from 'node:path';
import pty from '@lydell/node-pty';
import { describe, expect, it } from 'vitest';
import { turn, type ScriptedModelServer } from '@codex-ts/test-support';
import { useCliWorkspace } from './workspace.js';

const bin = resolve(import.meta.dirname, '..', 'bin', 'codex');

let root: string;
let home: string;
let ws: string;
let server: ScriptedModelServer;

useCliWorkspace('codex-interactive-', (w) => ({ root, home, ws, server } = w));

async function waitFor(read: () => string, text: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!read().includes(text)) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${JSON.stringify(text)}; output:\n${read()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** `codex ARGS` in a 100x30 PTY in the workspace, with no real keys and the scripted model. */
function openCodex(args: string[]): { proc: pty.IPty; output: () => string; exited: Promise<number> } {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !/^(OPENAI_|CODEX_|NO_COLOR)/.test(k)) env[k] = v;
  Object.assign(env, { CODEX_HOME: home, OPENAI_BASE_URL: server.baseUrl, OPENAI_API_KEY: 'test-key', TERM: 'xterm-256color', NO_COLOR: '1' });
  const proc = pty.spawn(process.execPath, [bin, ...args], { name: 'xterm-256color', cols: 100, rows: 30, cwd: ws, env });
  let out = '';
  proc.onData((d) => (out += d));
  const exited = new Promise<number>((res) => proc.onExit((e) => res(e.exitCode)));
  return { proc, output: () => out, exited };
}

describe('codex [PROMPT] in a terminal', () => {
  it('opens the TUI, sends the prompt, draws the answer and quits on Ctrl+C twice', async () => {
    server.queueResponses(turn.message('Hello from the scripted model.'));
    const { proc, output, exited } = openCodex(['-s', 'read-only', 'say hello']);
        try {
      await waitFor(output, 'Hello from the scripted model.');
      expect(server.requests).toHaveLength(1);
      const body = server.requests[0]!.json as { input: Array<{ role?: string; content?: Array<{ text?: string }> }> };
      expect(body.input.filter((x) => x.role === 'user').at(-1)!.content!.map((c) => c.text).join('')).toBe('say hello');
      proc.write('\x03');
      await waitFor(output, 'ctrl+c again to quit');
      proc.write('\x03');
      expect(await exited).toBe(0);
      expect(output()).toMatch(/codex resume [0-9a-f-]{36}/);
    } finally {
      try {
        proc.kill('SIGKILL');
      } catch {
        // already gone
      }
    }
  });

  it('bare `codex` (no arguments, the fast path past yargs) opens the TUI with the defaults: trust screen in a git repo, then a turn', async () => {
    server.queueResponses(turn.message('Bare codex answered.'));
    const { proc, output, exited } = openCodex([]);
        try {
      // No -s/-a and an unrecorded git repo: the first-run trust question, as with `codex [PROMPT]`.
      await waitFor(output, 'Do you trust its contents?');
      proc.write('2');
      // The screen closes and the composer is drawn again (keys typed in one burst would be
      // taken as a paste, which the trust screen ignores).
      const deadline = Date.now() + 30_000;
      while (output().lastIndexOf('Ask Codex to do anything') < output().lastIndexOf('Do you trust its contents?')) {
        if (Date.now() > deadline) throw new Error(`the trust screen did not close; output:\n${output()}`);
        await new Promise((r) => setTimeout(r, 50));
      }
      proc.write('hi there');
      await waitFor(output, 'hi there');
      proc.write('\r');
      await waitFor(output, 'Bare codex answered.');
      const body = server.requests[0]!.json as { input: Array<{ role?: string; content?: Array<{ text?: string }> }> };
      expect(body.input.filter((x) => x.role === 'user').at(-1)!.content!.map((c) => c.text).join('')).toBe('hi there');
      proc.write('\x03');
      await waitFor(output, 'ctrl+c again to quit');
      proc.write('\x03');
      expect(await exited).toBe(0);
      expect(output()).toMatch(/codex resume [0-9a-f-]{36}/);
    } finally {
      try {
        proc.kill('SIGKILL');
      } catch {
        // already gone
      }
    }
  });
});

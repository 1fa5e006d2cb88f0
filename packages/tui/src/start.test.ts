import { EventEmitter } from 'node:events';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { App, type Renderer } from './app/app.js';
import type { LiveFrame } from './term/inline-renderer.js';
import { plain } from './term/style.js';
import { firstFrame, runTui, startHeader } from './start.js';

/** A fake terminal: raw-mode stdin fed by the test, stdout collected. */
function fakeTerminal() {
  const stdin = Object.assign(new EventEmitter(), { isTTY: true, setRawMode: () => undefined, setEncoding: () => undefined, resume: () => undefined, pause: () => undefined });
  let written = '';
  const stdout = Object.assign(new EventEmitter(), { isTTY: true, columns: 100, rows: 30, write: (d: string) => void (written += d) });
  return { stdin, stdout, output: () => written };
}

const until = async (cond: () => boolean, what: string): Promise<void> => {
  const end = Date.now() + 20_000;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((res) => setTimeout(res, 20));
  }
};

let root: string | undefined;
afterEach(() => {
  if (root) rmSync(root, { recursive: true, force: true });
  root = undefined;
});

describe('start-up', () => {
  it('paints the first frame before the App is loaded and keeps the keys typed meanwhile', async () => {
    root = mkdtempSync(join(tmpdir(), 'tui-start-test-'));
    const home = join(root, 'home');
    const ws = join(root, 'ws');
    mkdirSync(home);
    mkdirSync(ws);
    const t = fakeTerminal();
    const env = { CODEX_HOME: home, HOME: root, OPENAI_API_KEY: 'k', OPENAI_BASE_URL: 'http://127.0.0.1:9/v1', TERM: 'xterm-256color', PATH: process.env.PATH };
    const done = runTui({ cd: ws }, { stdin: t.stdin, stdout: t.stdout, stderr: { write: () => undefined }, env, cwd: ws, version: '9.9.9' });
    // Synchronously, before the second stage (the App's modules) could have been imported.
    expect(t.output()).toContain('Codex-TS (v9.9.9)');
    expect(t.output()).toContain('Ask Codex to do anything');
    t.stdin.emit('data', 'typed early');
    await until(() => /gpt-5-codex · /.test(t.output()), 'the session');
    expect(t.output()).toContain('typed early');
    t.stdin.emit('data', '\x03');
    t.stdin.emit('data', '\x03');
    expect(await done).toBe(0);
  });

  it('draws the same first frame the App draws once it takes over', () => {
    const status = { model: 'loading', cwd: '/work/some/dir', sandbox: '…', approval: '…' };
    const header = startHeader('1.2.3', [
      ['model', 'loading'],
      ['directory', '/work/some/dir'],
    ]);
    let appFrame: (() => LiveFrame) | undefined;
    const renderer = { rows: 30, cols: 100, draw() {}, close() {}, commit() {}, schedule() {} } as unknown as Renderer;
    const app = new App({ engine: { submit: async () => '', events: () => (async function* () {})() }, status, history: [], notify: () => undefined }, (f) => ((appFrame = f), renderer));
    app.setLiveHeader(header);
    const ours = firstFrame(header, status, 100);
    const theirs = appFrame!();
    expect(ours.lines.map(plain)).toEqual(theirs.lines.map(plain));
    expect(ours.lines).toEqual(theirs.lines);
    expect(ours.cursor).toEqual(theirs.cursor);
  });
});

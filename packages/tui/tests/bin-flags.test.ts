// The bins run node with --no-memory-reducer (their first two lines: `#!/bin/sh`, then exec node): without it V8's memory reducer
// runs one or two full garbage collections about 8 s after start-up, while the TUI sits idle
// (0.8 % CPU over the bench's idle window). Each bin is started as a user starts it (an
// executable, through its `#!/bin/sh` line), and the running process's command line is read from /proc.
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pty from '@lydell/node-pty';
import { afterEach, describe, expect, it } from 'vitest';
import { TUI_BIN } from './pty-harness.js';

const CLI_BIN = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'cli', 'bin', 'codex');

let root: string | undefined;
afterEach(() => {
  if (root) rmSync(root, { recursive: true, force: true });
  root = undefined;
});

async function commandLineOf(bin: string, args: string[]): Promise<string[]> {
  root = mkdtempSync(join(tmpdir(), 'tui-bin-flags-'));
  const ws = join(root, 'ws');
  mkdirSync(join(root, 'home'));
  mkdirSync(ws);
  const env = { ...process.env, PATH: `${dirname(process.execPath)}${delimiter}${process.env.PATH ?? ''}`, CODEX_HOME: join(root, 'home'), OPENAI_API_KEY: 'k', OPENAI_BASE_URL: 'http://127.0.0.1:9/v1', TERM: 'xterm-256color' };
  const p = pty.spawn(bin, args, { cols: 100, rows: 30, cwd: ws, env });
  let out = '';
  p.onData((d) => (out += d));
  try {
    const deadline = Date.now() + 30_000;
    while (!out.includes('Codex-TS')) {
      if (Date.now() > deadline) throw new Error(`no first frame; output: ${out.slice(-500)}`);
      await new Promise((res) => setTimeout(res, 20));
    }
    return readFileSync(`/proc/${p.pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
  } finally {
    p.kill('SIGKILL');
  }
}

describe.runIf(process.platform === 'linux')('the bins start node without the memory reducer', () => {
  it('codex-tui', async () => {
    const argv = await commandLineOf(TUI_BIN, ['-s', 'read-only', '-a', 'never']);
    expect(argv.slice(0, 3)).toEqual([expect.stringMatching(/node$/), '--no-memory-reducer', TUI_BIN]);
  });

  it('codex (the cli bin, bare: the TUI)', async () => {
    const argv = await commandLineOf(CLI_BIN, []);
    expect(argv.slice(0, 3)).toEqual([expect.stringMatching(/node$/), '--no-memory-reducer', CLI_BIN]);
  });
});

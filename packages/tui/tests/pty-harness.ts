// Runs the real `codex-tui` bin in a PTY (node-pty) and keeps a headless xterm fed with
// its output, so tests read the screen (and scrollback) as a user would see it.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pty from '@lydell/node-pty';
import xterm from '@xterm/headless';
import { afterEach, beforeEach } from 'vitest';
import { startModelServer, type ScriptedModelServer } from '@codex-ts/test-support';

/** The built test bin. */
export const TUI_BIN = resolve(fileURLToPath(new URL('.', import.meta.url)), '../bin/codex-tui');

/** The session is configured: the composer is drawn and the status line names the model. */
export const READY = (screen: string): boolean => screen.includes('Ask Codex to do anything') && /gpt-5-codex · /.test(screen);

/** A temp CODEX_HOME and git workspace. */
export interface Sandbox {
  root: string;
  home: string;
  workspace: string;
  cleanup(): void;
}

export function makeSandbox(): Sandbox {
  const root = mkdtempSync(join(tmpdir(), 'codex-tui-test-'));
  const home = join(root, 'home');
  const workspace = join(root, 'ws');
  mkdirSync(home);
  mkdirSync(workspace);
  writeFileSync(join(workspace, 'README.md'), '# demo\n');
  spawnSync('git', ['init', '-q'], { cwd: workspace });
  // A trust decision is on record (untrusted: the defaults stay read-only), so the first-run
  // trust screen does not come up in tests that are not about it.
  writeFileSync(join(home, 'config.toml'), `[projects.${JSON.stringify(workspace)}]\ntrust_level = "untrusted"\n`);
  return { root, home, workspace, cleanup: () => rmSync(root, { recursive: true, force: true }) };
}

export interface TuiRun {
  /** Everything written by the program, raw. */
  raw(): string;
  /** The visible screen, one string per row (trailing spaces trimmed). */
  screen(): string[];
  /** Scrollback plus screen. */
  all(): string[];
  /** The window title the program set (OSC 0/2), '' when never set. */
  title(): string;
  /** Whether the terminal is on its alternate screen now. */
  altScreen(): boolean;
  /**
   * The colours of the visible cell at `offset` into the first on-screen occurrence of
   * `text`: palette index (16/256-colour) or -1 for the default colour.
   */
  styleAt(text: string, offset?: number): { fg: number; bg: number; bold: boolean; reverse: boolean } | undefined;
  /** Resolves once `test(screenText)` is true; rejects after `timeoutMs` with the screen. */
  waitFor(test: string | RegExp | ((screen: string) => boolean), timeoutMs?: number, where?: 'screen' | 'all'): Promise<void>;
  write(data: string): void;
  resize(cols: number, rows: number): void;
  /** Resolves with the exit code. */
  exited: Promise<number>;
  kill(): void;
}

export function startTui(args: string[], opts: { sb: Sandbox; baseUrl: string; cols?: number; rows?: number; env?: Record<string, string> }): TuiRun {
  const cols = opts.cols ?? 100;
  const rows = opts.rows ?? 30;
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !/^(OPENAI_|CODEX_|NO_COLOR)/.test(k)) env[k] = v;
  Object.assign(env, { CODEX_HOME: opts.sb.home, OPENAI_BASE_URL: opts.baseUrl, OPENAI_API_KEY: 'test-key', TERM: 'xterm-256color' }, opts.env ?? {});
  const term = new xterm.Terminal({ cols, rows, allowProposedApi: true, scrollback: 2000 });
  let raw = '';
  let title = '';
  term.onTitleChange((t) => (title = t));
  let pending = Promise.resolve();
  const proc = pty.spawn(process.execPath, [TUI_BIN, '-C', opts.sb.workspace, ...args], { name: 'xterm-256color', cols, rows, cwd: opts.sb.workspace, env });
  proc.onData((d) => {
    raw += d;
    pending = pending.then(() => new Promise<void>((res) => term.write(d, res)));
  });
  const exited = new Promise<number>((res) => proc.onExit((e) => res(e.exitCode)));
  const rowsOf = (from: number, to: number): string[] => {
    const buf = term.buffer.active;
    const out: string[] = [];
    // Up to the current width: after a narrowing xterm keeps the old cells beyond it.
    for (let i = from; i < to; i++) out.push(buf.getLine(i)?.translateToString(true, 0, term.cols) ?? '');
    return out;
  };
  const screen = (): string[] => rowsOf(term.buffer.active.viewportY, term.buffer.active.viewportY + term.rows);
  const all = (): string[] => rowsOf(0, term.buffer.active.length);
  const styleAt = (text: string, offset = 0): { fg: number; bg: number; bold: boolean; reverse: boolean } | undefined => {
    const buf = term.buffer.active;
    for (let y = buf.viewportY; y < buf.viewportY + term.rows; y++) {
      const line = buf.getLine(y);
      const str = line?.translateToString(false) ?? '';
      const x = str.indexOf(text);
      if (x < 0 || !line) continue;
      // Columns equal string indices for the ASCII text the tests look for.
      const cell = line.getCell(x + offset);
      if (!cell) return undefined;
      return {
        fg: cell.isFgDefault() ? -1 : cell.getFgColor(),
        bg: cell.isBgDefault() ? -1 : cell.getBgColor(),
        bold: cell.isBold() !== 0,
        reverse: cell.isInverse() !== 0,
      };
    }
    return undefined;
  };
  return {
    styleAt,
    raw: () => raw,
    title: () => title,
    altScreen: () => term.buffer.active.type === 'alternate',
    screen,
    all,
    async waitFor(test, timeoutMs = 30_000, where = 'screen') {
      const pred = typeof test === 'function' ? test : typeof test === 'string' ? (s: string) => s.includes(test) : (s: string) => test.test(s);
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        await pending;
        const text = (where === 'all' ? all() : screen()).join('\n');
        if (pred(text)) return;
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${String(test)}; screen:\n${text}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    write: (data) => proc.write(data),
    resize(c, r) {
      term.resize(c, r);
      proc.resize(c, r);
    },
    exited,
    kill: () => {
      try {
        proc.kill('SIGKILL');
      } catch {
        // already gone
      }
    },
  };
}

/** Quit as a user does: Ctrl+C, then Ctrl+C again at the prompt; resolves with the exit code. */
export async function quit(t: TuiRun): Promise<number> {
  t.write('\x03');
  await t.waitFor('ctrl+c again to quit');
  t.write('\x03');
  return t.exited;
}

/**
 * The per-test set-up every PTY suite shares: a fresh sandbox and scripted model server before
 * each test; afterwards the running TUI (if any) is killed and both are removed.
 */
export function usePtySuite(hooks: {
  started: (sb: Sandbox, server: ScriptedModelServer) => void;
  running: () => TuiRun | undefined;
  stopped: () => void;
}): void {
  let sb: Sandbox | undefined;
  let server: ScriptedModelServer | undefined;
  beforeEach(async () => {
    sb = makeSandbox();
    server = await startModelServer();
    hooks.started(sb, server);
  });
  afterEach(async () => {
    hooks.running()?.kill();
    hooks.stopped();
    await server?.close();
    sb?.cleanup();
  });
}


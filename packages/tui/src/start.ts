// `codex [PROMPT]` starts here: the first frame is painted from a few small modules before the
// App and everything behind it (popups, slash commands, pager, onboarding, sessions, file
// search, the TOML writer) are loaded. Keys typed meanwhile are kept and handed to the App
// (run-tui.ts), which takes over the same renderer and draws the same frame. Nothing here
// may import more than the first frame needs: tests/start-path.test.ts checks the static
// import graph of dist/index.js.
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Renderer } from './app/app.js';
import { statusLine, type StatusInfo } from './app/status.js';
import { HeaderCell } from './cells/cell.js';
import { Composer } from './composer/composer.js';
import type { TuiIo, TuiOptions } from './options.js';
import { AltScreenRenderer } from './term/alt-renderer.js';
import { InlineRenderer, type LiveFrame } from './term/inline-renderer.js';
import type { Line } from './term/style.js';
import { colorEnabled, enterTerminal, type TerminalSession } from './term/terminal.js';
import { resolveTheme, setTheme } from './term/theme.js';

function defaultIo(io: Partial<TuiIo>): TuiIo {
  return {
    stdin: io.stdin ?? process.stdin,
    stdout: io.stdout ?? process.stdout,
    stderr: io.stderr ?? process.stderr,
    env: io.env ?? process.env,
    cwd: io.cwd ?? process.cwd(),
    version: io.version ?? '0.0.0',
    ...(io.onApp ? { onApp: io.onApp } : {}),
  };
}

/** The start-up header; shown live with `model: loading` until the config is read. */
export const startHeader = (version: string, rows: Array<[string, string]>): HeaderCell => new HeaderCell(rows, `>_ Codex-TS (v${version})`);

/** The App's live area before anything happened: header, empty composer, status line. */
export function firstFrame(header: HeaderCell, status: StatusInfo, width: number): LiveFrame {
  const head: Line[] = [...header.render(width), []];
  const c = new Composer([]).render(width, true);
  return { lines: [...head, ...c.lines, statusLine(status, width, true)], cursor: { row: head.length + c.cursor.row, col: Math.min(c.cursor.col, width - 1) } };
}

/** What the first stage hands to the App: the terminal, its renderer and the keys typed so far. */
export interface Boot {
  readonly io: TuiIo;
  readonly cwd: string;
  readonly images: string[];
  readonly color: boolean;
  readonly term: TerminalSession;
  readonly status: StatusInfo;
  /** The renderer that painted the first frame, now drawing `frame` (the App's). */
  adopt(frame: () => LiveFrame): Renderer;
  /** Stops buffering: returns the input read so far (the caller now listens on stdin). */
  takeInput(): string[];
}

/** Run the TUI until the user quits. Returns the exit code; never throws. */
export async function runTui(options: TuiOptions = {}, ioIn: Partial<TuiIo> = {}): Promise<number> {
  const io = defaultIo(ioIn);
  if (!io.stdin.isTTY || !io.stdout.isTTY) {
    io.stderr.write('Error: the interactive TUI needs a terminal (stdin and stdout must be a TTY); use `codex exec` for scripts.\n');
    return 1;
  }
  let cwd = io.cwd;
  if (options.cd !== undefined) {
    cwd = resolve(io.cwd, options.cd);
    if (!existsSync(cwd) || !statSync(cwd).isDirectory()) {
      io.stderr.write(`Error: --cd ${options.cd}: ${cwd} is not a directory.\n`);
      return 1;
    }
  }
  const images = (options.images ?? []).map((p) => resolve(cwd, p));
  for (const [i, p] of images.entries()) {
    if (!existsSync(p) || !statSync(p).isFile()) {
      io.stderr.write(`Error: --image ${options.images![i]}: ${p} is not a file.\n`);
      return 1;
    }
  }
  const color = colorEnabled(io.env);
  setTheme(resolveTheme(undefined, io.env));
  const out = io.stdout;
  const term = enterTerminal(io.stdin, out, options.altScreen === true);
  // Whatever happens before the App takes over, the terminal leaves raw mode.
  const onExit = (): void => term.restore();
  process.on('exit', onExit);

  const status: StatusInfo = { model: 'loading', cwd, sandbox: '…', approval: '…' };
  const header = startHeader(io.version, [
    ['model', 'loading'],
    ['directory', cwd],
  ]);
  let frame = (): LiveFrame => firstFrame(header, status, renderer.cols);
  const renderer: Renderer = options.altScreen === true ? new AltScreenRenderer(out, color, () => frame()) : new InlineRenderer(out, color, () => frame());
  renderer.draw();

  const input: string[] = [];
  const onData = (d: string | Buffer): void => void input.push(typeof d === 'string' ? d : d.toString('utf8'));
  const onResize = (): void => renderer.schedule();
  io.stdin.on('data', onData);
  out.on?.('resize', onResize);
  const boot: Boot = {
    io,
    cwd,
    images,
    color,
    term,
    status,
    adopt(f) {
      frame = f;
      return renderer;
    },
    takeInput() {
      io.stdin.off('data', onData);
      out.off?.('resize', onResize);
      process.off('exit', onExit);
      return input.splice(0);
    },
  };
  let stage2: typeof import('./run-tui.js');
  try {
    stage2 = await import('./run-tui.js');
  } catch (err: unknown) {
    boot.takeInput();
    renderer.close();
    term.restore();
    io.stderr.write(`Error: the TUI could not be loaded: ${(err as Error).message}\n`);
    return 1;
  }
  return stage2.runApp(boot, options);
}

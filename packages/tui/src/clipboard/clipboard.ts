// Copy text to the user's clipboard. OSC 52 goes through the terminal itself (works over
// SSH and in most modern terminals, silently ignored by the rest), so when a local
// clipboard tool is present (pbcopy; wl-copy under Wayland; xclip or xsel under X11) it is
// used as well: we cannot ask the terminal whether OSC 52 worked. Text too large for OSC 52
// goes only through the tool. Over SSH without a display the remote tools would fill the
// wrong machine's clipboard, so only OSC 52 is used.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';

/** Largest text sent by OSC 52 (many terminals drop longer sequences). */
export const OSC52_MAX_BYTES = 100_000;
const TOOL_TIMEOUT_MS = 3_000;

export interface ClipboardEnv {
  /** Writes to the terminal (OSC 52). */
  write(data: string): void;
  env: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
}

export interface CopyResult {
  /** What carried the text: 'OSC 52' and/or a tool name. Empty when nothing could. */
  via: string[];
  error?: string;
}

/** The OSC 52 sequence that sets the clipboard (`c`) to `text`. */
export function osc52(text: string): string {
  return `\x1b]52;c;${Buffer.from(text, 'utf8').toString('base64')}\x07`;
}

function onPath(cmd: string, env: NodeJS.ProcessEnv): string | undefined {
  for (const dir of (env['PATH'] ?? '').split(delimiter)) {
    if (!dir) continue;
    const p = join(dir, cmd);
    if (existsSync(p)) return p;
  }
  return undefined;
}

/** The platform clipboard tool to use, if one is installed and has a display to talk to. */
export function clipboardTool(env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform): { name: string; path: string; args: string[] } | undefined {
  const candidates: Array<[string, string[]]> = [];
  if (platform === 'darwin') candidates.push(['pbcopy', []]);
  if (env['WAYLAND_DISPLAY']) candidates.push(['wl-copy', []]);
  if (env['DISPLAY']) candidates.push(['xclip', ['-selection', 'clipboard']], ['xsel', ['--clipboard', '--input']]);
  for (const [name, args] of candidates) {
    const path = onPath(name, env);
    if (path) return { name, path, args };
  }
  return undefined;
}

function runTool(tool: { path: string; args: string[] }, text: string, env: NodeJS.ProcessEnv): Promise<string | undefined> {
  return new Promise((resolve) => {
    const child = spawn(tool.path, tool.args, { stdio: ['pipe', 'ignore', 'ignore'], env });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      resolve(`timed out after ${TOOL_TIMEOUT_MS / 1000} s`);
    }, TOOL_TIMEOUT_MS);
    child.on('error', (err) => {
      clearTimeout(timer);
      resolve(err.message);
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve(code === 0 ? undefined : `exited with code ${code}`);
    });
    child.stdin.on('error', () => undefined);
    child.stdin.end(text);
  });
}

/** Copy `text`; says what carried it. */
export async function copyToClipboard(text: string, io: ClipboardEnv): Promise<CopyResult> {
  const via: string[] = [];
  const bytes = Buffer.byteLength(text, 'utf8');
  const termOk = io.env['TERM'] !== 'dumb';
  if (termOk && bytes <= OSC52_MAX_BYTES) {
    io.write(osc52(text));
    via.push('OSC 52');
  }
  const remote = Boolean(io.env['SSH_TTY'] || io.env['SSH_CONNECTION']) && !io.env['DISPLAY'] && !io.env['WAYLAND_DISPLAY'];
  const tool = remote ? undefined : clipboardTool(io.env, io.platform);
  let error: string | undefined;
  if (tool) {
    const failed = await runTool(tool, text, io.env);
    if (failed) error = `${tool.name} ${failed}`;
    else via.push(tool.name);
  }
  if (via.length === 0 && !error) error = bytes > OSC52_MAX_BYTES ? `${bytes} bytes is too large for OSC 52 and no clipboard tool (pbcopy, wl-copy, xclip, xsel) was found` : 'no way to reach the clipboard (TERM=dumb and no clipboard tool)';
  return error ? { via, error } : { via };
}

/** The notice shown after a copy: what was copied and how. */
export function copyNotice(what: string, text: string, r: CopyResult): string {
  const lines = text === '' ? 0 : text.split('\n').length;
  const size = `${lines} line${lines === 1 ? '' : 's'}, ${text.length} char${text.length === 1 ? '' : 's'}`;
  if (r.via.length === 0) return `Could not copy ${what}: ${r.error ?? 'unknown error'}`;
  return `Copied ${what} (${size}) via ${r.via.join(' and ')}${r.error ? `; ${r.error}` : ''}`;
}

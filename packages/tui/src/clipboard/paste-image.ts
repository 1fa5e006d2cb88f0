// Ctrl+V: paste an image from the system clipboard, as Codex does: the clipboard's image is
// written to a temp file `codex-clipboard-<random>.png` and attached to the composer like a
// pasted image path (sent as a `local_image` input). The image is read with the platform's
// own tool: `wl-paste --type image/png` under Wayland, `xclip -selection clipboard -t
// image/png -o` under X11, `pngpaste -` or `osascript` on macOS. Only PNG bytes count as an
// image; the tool is killed after 5 s and its output capped. The temp files are removed
// when the TUI exits (`removeAll`).
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { TuiError } from '../errors.js';

const TOOL_TIMEOUT_MS = 5_000;
/** Larger clipboard images are refused (the model would not take them either). */
export const CLIPBOARD_IMAGE_MAX_BYTES = 50 * 1024 * 1024;
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Why no image came from the clipboard; the message is shown to the user. */
export class ClipboardImageError extends TuiError {
  override readonly name = 'ClipboardImageError';
  constructor(message: string, options?: { cause?: unknown }) {
    super('clipboard_image', message, options);
  }
}

export interface ClipboardImageEnv {
  env: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
}

function onPath(cmd: string, env: NodeJS.ProcessEnv): string | undefined {
  for (const dir of (env['PATH'] ?? '').split(delimiter)) {
    if (!dir) continue;
    const p = join(dir, cmd);
    if (existsSync(p)) return p;
  }
  return undefined;
}

interface Reader {
  name: string;
  path: string;
  args: string[];
  /** osascript writes the file itself; the others print the PNG. */
  writesFile?: boolean;
}

/** The tool that can read an image from this machine's clipboard, or why there is none. */
export function imageReader(io: ClipboardImageEnv, outFile: string): Reader | string {
  const { env } = io;
  const platform = io.platform ?? process.platform;
  const tried: string[] = [];
  if (platform === 'darwin') {
    const png = onPath('pngpaste', env);
    if (png) return { name: 'pngpaste', path: png, args: ['-'] };
    const osa = onPath('osascript', env);
    if (osa) {
      // The file name is ours (a fresh temp dir), never clipboard content.
      const script = `set f to open for access (POSIX file ${JSON.stringify(outFile)}) with write permission\ntry\nwrite (the clipboard as «class PNGf») to f\non error e\nclose access f\nerror e\nend try\nclose access f`;
      return { name: 'osascript', path: osa, args: ['-e', script], writesFile: true };
    }
    return 'no clipboard image tool found (pngpaste or osascript)';
  }
  if (env['WAYLAND_DISPLAY']) {
    const wl = onPath('wl-paste', env);
    if (wl) return { name: 'wl-paste', path: wl, args: ['--no-newline', '--type', 'image/png'] };
    tried.push('wl-paste (install wl-clipboard)');
  }
  if (env['DISPLAY']) {
    const xclip = onPath('xclip', env);
    if (xclip) return { name: 'xclip', path: xclip, args: ['-selection', 'clipboard', '-t', 'image/png', '-o'] };
    tried.push('xclip');
  }
  if (tried.length === 0) return 'no display to read the clipboard from (neither WAYLAND_DISPLAY nor DISPLAY is set)';
  return `no clipboard image tool found: ${tried.join(' or ')}`;
}

function run(reader: Reader, env: NodeJS.ProcessEnv): Promise<{ out: Buffer; code: number | null; err: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(reader.path, reader.args, { stdio: ['ignore', 'pipe', 'pipe'], env });
    const chunks: Buffer[] = [];
    let size = 0;
    let err = '';
    let failed: string | undefined;
    const timer = setTimeout(() => {
      failed = `${reader.name} did not answer within ${TOOL_TIMEOUT_MS / 1000} s`;
      child.kill('SIGKILL');
    }, TOOL_TIMEOUT_MS);
    child.stdout.on('data', (c: Buffer) => {
      size += c.length;
      if (size > CLIPBOARD_IMAGE_MAX_BYTES) {
        failed = `the clipboard image is larger than ${CLIPBOARD_IMAGE_MAX_BYTES / 1024 / 1024} MiB`;
        child.kill('SIGKILL');
        return;
      }
      chunks.push(c);
    });
    child.stderr.on('data', (c: Buffer) => {
      if (err.length < 2000) err += c.toString('utf8');
    });
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(new ClipboardImageError(`clipboard unavailable: ${reader.name}: ${e.message}`));
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (failed) reject(new ClipboardImageError(failed));
      else resolve({ out: Buffer.concat(chunks), code, err: err.trim() });
    });
  });
}

/** Temp PNGs written for pasted clipboard images; removed together on exit. */
export class ClipboardImages {
  private dir: string | undefined;
  readonly files: string[] = [];

  constructor(private readonly io: ClipboardImageEnv) {}

  /** Read the clipboard's image into a new temp PNG and return its path. */
  async pasteToTemp(): Promise<string> {
    this.dir ??= mkdtempSync(join(tmpdir(), 'codex-clipboard-'));
    const file = join(this.dir, `codex-clipboard-${randomBytes(6).toString('hex')}.png`);
    const reader = imageReader(this.io, file);
    if (typeof reader === 'string') {
      this.dropIfEmpty();
      throw new ClipboardImageError(`clipboard unavailable: ${reader}`);
    }
    let r: Awaited<ReturnType<typeof run>>;
    try {
      r = await run(reader, this.io.env);
    } catch (err: unknown) {
      this.dropIfEmpty();
      throw err;
    }
    let png: Buffer = r.out;
    if (reader.writesFile) png = existsSync(file) ? readFileSync(file) : Buffer.alloc(0);
    if (r.code !== 0 || png.length < PNG_SIGNATURE.length || !png.subarray(0, PNG_SIGNATURE.length).equals(PNG_SIGNATURE)) {
      rmSync(file, { force: true });
      this.dropIfEmpty();
      const why = r.code !== 0 ? `${reader.name} exited with code ${r.code}${r.err ? `: ${r.err.split('\n')[0]}` : ''}` : png.length === 0 ? `${reader.name} returned nothing` : `${reader.name} returned data that is not a PNG image`;
      throw new ClipboardImageError(`no image on clipboard: ${why}`);
    }
    if (!reader.writesFile) writeFileSync(file, png, { mode: 0o600 });
    this.files.push(file);
    return file;
  }

  /** A failed paste leaves no empty temp directory behind. */
  private dropIfEmpty(): void {
    if (this.files.length === 0) this.removeAll();
  }

  /** Remove every temp file (and their directory). */
  removeAll(): void {
    if (this.dir) rmSync(this.dir, { recursive: true, force: true });
    this.dir = undefined;
    this.files.length = 0;
  }
}

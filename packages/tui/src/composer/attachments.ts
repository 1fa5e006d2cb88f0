// What the composer holds besides plain text: large pastes folded into a placeholder
// (`[Pasted Content N chars]`, expanded on submit, as Codex does above 1000 characters) and
// attached images (`[Image #N]`, sent as `local_image` input items). A placeholder is one
// unit for Backspace/Delete; deleting it drops the paste or image it stands for.
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Pastes longer than this many characters (code points) are folded (Codex's threshold). */
export const LARGE_PASTE_CHAR_THRESHOLD = 1000;

export interface ImageInfo {
  format: 'PNG' | 'JPEG' | 'GIF' | 'WebP';
  width: number;
  height: number;
}

/** Format and size of an image from its first bytes; undefined when it is not one we know. */
export function imageInfoFromBytes(b: Buffer): ImageInfo | undefined {
  if (b.length >= 24 && b.readUInt32BE(0) === 0x89504e47 && b.toString('latin1', 12, 16) === 'IHDR') {
    return { format: 'PNG', width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
  }
  if (b.length >= 10 && (b.toString('latin1', 0, 6) === 'GIF87a' || b.toString('latin1', 0, 6) === 'GIF89a')) {
    return { format: 'GIF', width: b.readUInt16LE(6), height: b.readUInt16LE(8) };
  }
  if (b.length >= 30 && b.toString('latin1', 0, 4) === 'RIFF' && b.toString('latin1', 8, 12) === 'WEBP') {
    const chunk = b.toString('latin1', 12, 16);
    if (chunk === 'VP8X') return { format: 'WebP', width: 1 + b.readUIntLE(24, 3), height: 1 + b.readUIntLE(27, 3) };
    if (chunk === 'VP8 ') return { format: 'WebP', width: b.readUInt16LE(26) & 0x3fff, height: b.readUInt16LE(28) & 0x3fff };
    if (chunk === 'VP8L') {
      const bits = b.readUInt32LE(21);
      return { format: 'WebP', width: (bits & 0x3fff) + 1, height: ((bits >> 14) & 0x3fff) + 1 };
    }
    return undefined;
  }
  if (b.length >= 4 && b[0] === 0xff && b[1] === 0xd8) {
    // Walk the markers to the first start-of-frame.
    let i = 2;
    while (i + 9 < b.length) {
      if (b[i] !== 0xff) return undefined;
      const marker = b[i + 1]!;
      if (marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01 || marker === 0xff) {
        i += marker === 0xff ? 1 : 2;
        continue;
      }
      const len = b.readUInt16BE(i + 2);
      if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
        return { format: 'JPEG', height: b.readUInt16BE(i + 5), width: b.readUInt16BE(i + 7) };
      }
      i += 2 + len;
    }
  }
  return undefined;
}

/** Read up to `max` bytes of a regular file; undefined when it cannot be read. */
function head(path: string, max: number): Buffer | undefined {
  let fd: number | undefined;
  try {
    if (!statSync(path).isFile()) return undefined;
    fd = openSync(path, 'r');
    const buf = Buffer.alloc(max);
    const n = readSync(fd, buf, 0, max, 0);
    return buf.subarray(0, n);
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Image info of a file (undefined when it is missing, unreadable or not an image). */
export function imageInfo(path: string): ImageInfo | undefined {
  const b = head(path, 256 * 1024);
  return b ? imageInfoFromBytes(b) : undefined;
}

/**
 * A pasted or typed path as a file path: trims, strips one pair of quotes, `file://` URLs,
 * shell-escaped spaces, `~/`; relative paths resolve against `cwd`. Undefined for text that
 * is not a single path.
 */
export function normalizePastedPath(text: string, cwd: string): string | undefined {
  let s = text.trim();
  if (s === '' || s.includes('\n') || s.length > 4096) return undefined;
  if ((s.startsWith("'") && s.endsWith("'")) || (s.startsWith('"') && s.endsWith('"'))) s = s.slice(1, -1);
  if (s.startsWith('file://')) {
    try {
      s = fileURLToPath(s);
    } catch {
      return undefined;
    }
  } else {
    s = s.replace(/\\(.)/g, '$1');
  }
  if (s === '~' || s.startsWith('~/')) s = homedir() + s.slice(1);
  if (!isAbsolute(s) && !/\.(png|jpe?g|gif|webp)$/i.test(s)) return undefined;
  return resolve(cwd, s);
}

export interface PendingPaste {
  placeholder: string;
  text: string;
}

export interface AttachedImage {
  placeholder: string;
  path: string;
  info: ImageInfo;
}

export class Attachments {
  pastes: PendingPaste[] = [];
  images: AttachedImage[] = [];

  /** The placeholder for a folded paste of `chars` characters (` #2`… for same-size pastes). */
  pastePlaceholder(chars: number): string {
    const base = `[Pasted Content ${chars} chars]`;
    let max = 0;
    for (const p of this.pastes) {
      if (p.placeholder === base) max = Math.max(max, 1);
      else if (p.placeholder.startsWith(`${base} #`)) max = Math.max(max, Number(p.placeholder.slice(base.length + 2)) || 0);
    }
    return max === 0 ? base : `${base} #${max + 1}`;
  }

  foldPaste(text: string): string {
    const placeholder = this.pastePlaceholder([...text].length);
    this.pastes.push({ placeholder, text });
    return placeholder;
  }

  attachImage(path: string, info: ImageInfo, currentText: string): string {
    let n = this.images.length + 1;
    while (currentText.includes(`[Image #${n}]`) || this.images.some((i) => i.placeholder === `[Image #${n}]`)) n++;
    const placeholder = `[Image #${n}]`;
    this.images.push({ placeholder, path, info });
    return placeholder;
  }

  /** Every placeholder, for atomic deletion. */
  placeholders(): string[] {
    return [...this.pastes.map((p) => p.placeholder), ...this.images.map((i) => i.placeholder)];
  }

  /** Forget what the text no longer mentions. */
  prune(text: string): void {
    this.pastes = this.pastes.filter((p) => text.includes(p.placeholder));
    this.images = this.images.filter((i) => text.includes(i.placeholder));
  }

  /** The text to send (pastes expanded) and the images still referenced, in text order. */
  expand(text: string): { text: string; images: string[] } {
    let out = text;
    if (this.pastes.length > 0) {
      // One pass, longest placeholder first (`… chars] #2` before its base); pasted text is
      // never scanned again, so a paste that contains a placeholder stays as it was.
      const byLen = [...this.pastes].sort((a, b) => b.placeholder.length - a.placeholder.length);
      const re = new RegExp(byLen.map((p) => p.placeholder.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'g');
      const map = new Map(byLen.map((p) => [p.placeholder, p.text]));
      out = text.replace(re, (m) => map.get(m) ?? m);
    }
    const images = this.images
      .filter((i) => text.includes(i.placeholder))
      .sort((a, b) => text.indexOf(a.placeholder) - text.indexOf(b.placeholder))
      .map((i) => i.path);
    return { text: out, images };
  }

  clear(): void {
    this.pastes = [];
    this.images = [];
  }
}

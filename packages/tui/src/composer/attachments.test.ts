import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Attachments, imageInfo, imageInfoFromBytes, LARGE_PASTE_CHAR_THRESHOLD, normalizePastedPath } from './attachments.js';
import { Composer } from './composer.js';

const dir = mkdtempSync(join(tmpdir(), 'tui-attach-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function png(w: number, h: number): Buffer {
  const b = Buffer.alloc(33);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(b, 0);
  b.writeUInt32BE(13, 8);
  b.write('IHDR', 12, 'latin1');
  b.writeUInt32BE(w, 16);
  b.writeUInt32BE(h, 20);
  return b;
}

describe('image detection', () => {
  it('reads PNG, GIF, JPEG and WebP sizes from their headers and rejects other bytes', () => {
    expect(imageInfoFromBytes(png(640, 480))).toEqual({ format: 'PNG', width: 640, height: 480 });
    const gif = Buffer.concat([Buffer.from('GIF89a', 'latin1'), Buffer.from([0x20, 0x00, 0x10, 0x00])]);
    expect(imageInfoFromBytes(gif)).toEqual({ format: 'GIF', width: 32, height: 16 });
    // SOI, an APP0 segment, then SOF0 with height 300 and width 200.
    const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x04, 0x00, 0x00, 0xff, 0xc0, 0x00, 0x11, 0x08, 0x01, 0x2c, 0x00, 0xc8, 0x03, 0, 0, 0, 0]);
    expect(imageInfoFromBytes(jpeg)).toEqual({ format: 'JPEG', width: 200, height: 300 });
    const webp = Buffer.alloc(30);
    webp.write('RIFF', 0, 'latin1');
    webp.write('WEBPVP8X', 8, 'latin1');
    webp.writeUIntLE(99, 24, 3);
    webp.writeUIntLE(49, 27, 3);
    expect(imageInfoFromBytes(webp)).toEqual({ format: 'WebP', width: 100, height: 50 });
    expect(imageInfoFromBytes(Buffer.from('hello, not an image at all'))).toBeUndefined();
  });

  it('normalises pasted paths: quotes, file:// URLs, escaped spaces; plain prose is not a path', () => {
    expect(normalizePastedPath("'/a b/c.png'", '/w')).toBe('/a b/c.png');
    expect(normalizePastedPath('file:///tmp/x%20y.png', '/w')).toBe('/tmp/x y.png');
    expect(normalizePastedPath('/a\\ b/c.png', '/w')).toBe('/a b/c.png');
    expect(normalizePastedPath('shots/c.png', '/w')).toBe('/w/shots/c.png');
    expect(normalizePastedPath('just some words', '/w')).toBeUndefined();
    expect(normalizePastedPath('/a.png\n/b.png', '/w')).toBeUndefined();
    expect(imageInfo(join(dir, 'missing.png'))).toBeUndefined();
  });
});

describe('large pastes and images in the composer', () => {
  it('folds a paste over the threshold into a placeholder that expands on submit', () => {
    const c = new Composer([]);
    const big = 'y'.repeat(LARGE_PASTE_CHAR_THRESHOLD + 1);
    c.handle({ name: 'text', text: 'A:' });
    c.handle({ name: 'paste', text: big });
    c.handle({ name: 'text', text: ' B:' });
    c.handle({ name: 'paste', text: big.replace(/y/g, 'z') });
    expect(c.text).toBe(`A:[Pasted Content 1001 chars] B:[Pasted Content 1001 chars] #2`);
    // Exactly the threshold stays inline.
    c.handle({ name: 'paste', text: 'q'.repeat(LARGE_PASTE_CHAR_THRESHOLD) });
    expect(c.text.endsWith('q'.repeat(LARGE_PASTE_CHAR_THRESHOLD))).toBe(true);
    c.set(c.text.slice(0, c.text.length - LARGE_PASTE_CHAR_THRESHOLD));
    const r = c.handle({ name: 'enter' });
    expect(r).toEqual({ kind: 'submit', text: `A:${big} B:${big.replace(/y/g, 'z')}`, images: [] });
    expect(c.attachments.pastes).toEqual([]);
  });

  it('deletes a placeholder as one unit and forgets its paste', () => {
    const c = new Composer([]);
    c.handle({ name: 'paste', text: 'p'.repeat(2000) });
    expect(c.text).toBe('[Pasted Content 2000 chars]');
    c.handle({ name: 'backspace' });
    expect(c.text).toBe('');
    expect(c.attachments.pastes).toEqual([]);
    c.handle({ name: 'paste', text: 'p'.repeat(2000) });
    c.handle({ name: 'home' });
    c.handle({ name: 'delete' });
    expect(c.text).toBe('');
  });

  it('attaches a pasted image path as [Image #N] and submits it as an image', () => {
    const file = join(dir, 'shot one.png');
    writeFileSync(file, png(4, 3));
    writeFileSync(join(dir, 'fake.png'), 'not really a png');
    const c = new Composer([]);
    c.cwd = dir;
    c.handle({ name: 'text', text: 'see ' });
    c.handle({ name: 'paste', text: `'${file}'` });
    expect(c.text).toBe('see [Image #1] ');
    // A dropped file arrives as typed characters: the same path attaches too.
    c.handle({ name: 'text', text: 'shot\\ one.png' });
    expect(c.text).toBe('see [Image #1] [Image #2] ');
    // A file that is not an image stays text.
    c.handle({ name: 'paste', text: join(dir, 'fake.png') });
    expect(c.text).toContain('fake.png');
    const r = c.handle({ name: 'enter' });
    expect(r.kind === 'submit' && r.images).toEqual([file, file]);
  });

  it('numbers placeholders so that none repeats', () => {
    const a = new Attachments();
    const info = { format: 'PNG' as const, width: 1, height: 1 };
    expect(a.attachImage('/x.png', info, '')).toBe('[Image #1]');
    expect(a.attachImage('/y.png', info, '[Image #2] typed by hand')).toBe('[Image #3]');
    expect(a.expand('[Image #3] then [Image #1]').images).toEqual(['/y.png', '/x.png']);
  });
});

import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { clipboardTool, copyNotice, copyToClipboard, osc52, OSC52_MAX_BYTES } from './clipboard.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'codex-clip-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A fake `xclip` on PATH that stores what it reads (and its arguments). */
function fakeTool(name: string, exit = 0): void {
  const p = join(dir, name);
  writeFileSync(p, `#!/bin/sh\necho "$@" > "${dir}/${name}.args"\n/bin/cat > "${dir}/${name}.out"\nexit ${exit}\n`);
  chmodSync(p, 0o755);
}

describe('clipboard', () => {
  it('OSC 52 carries the UTF-8 text base64-encoded', () => {
    expect(osc52('héllo\n')).toBe(`\x1b]52;c;${Buffer.from('héllo\n').toString('base64')}\x07`);
  });

  it('uses OSC 52 and, with a display, the platform tool as well', async () => {
    fakeTool('xclip');
    const writes: string[] = [];
    const r = await copyToClipboard('two\nlines', { write: (d) => writes.push(d), env: { PATH: dir, DISPLAY: ':0' }, platform: 'linux' });
    expect(r).toEqual({ via: ['OSC 52', 'xclip'] });
    expect(writes).toEqual([osc52('two\nlines')]);
    expect(readFileSync(join(dir, 'xclip.out'), 'utf8')).toBe('two\nlines');
    expect(readFileSync(join(dir, 'xclip.args'), 'utf8').trim()).toBe('-selection clipboard');
    expect(copyNotice('the cell', 'two\nlines', r)).toBe('Copied the cell (2 lines, 9 chars) via OSC 52 and xclip');
  });

  it('picks the tool by platform and display; none without a display or over SSH', () => {
    fakeTool('xsel');
    fakeTool('wl-copy');
    expect(clipboardTool({ PATH: dir, DISPLAY: ':0' }, 'linux')?.name).toBe('xsel');
    expect(clipboardTool({ PATH: dir, WAYLAND_DISPLAY: 'wayland-0', DISPLAY: ':0' }, 'linux')?.name).toBe('wl-copy');
    expect(clipboardTool({ PATH: dir }, 'linux')).toBeUndefined();
  });

  it('falls back to the tool alone when the text is too large for OSC 52, and says so when nothing can copy', async () => {
    fakeTool('xclip');
    const big = 'x'.repeat(OSC52_MAX_BYTES + 1);
    const writes: string[] = [];
    expect(await copyToClipboard(big, { write: (d) => writes.push(d), env: { PATH: dir, DISPLAY: ':0' } })).toEqual({ via: ['xclip'] });
    expect(writes).toEqual([]);
    const none = await copyToClipboard(big, { write: (d) => writes.push(d), env: { PATH: dir } });
    expect(none.via).toEqual([]);
    expect(copyNotice('the cell', big, none)).toMatch(/^Could not copy the cell: 100001 bytes is too large for OSC 52 and no clipboard tool/);
    // Over SSH the local tools would fill the remote clipboard: OSC 52 only.
    expect(await copyToClipboard('hi', { write: (d) => writes.push(d), env: { PATH: dir, SSH_TTY: '/dev/pts/1' } })).toEqual({ via: ['OSC 52'] });
  });

  it('reports a failing tool but keeps OSC 52', async () => {
    fakeTool('xclip', 3);
    const r = await copyToClipboard('hi', { write: () => undefined, env: { PATH: dir, DISPLAY: ':0' } });
    expect(r).toEqual({ via: ['OSC 52'], error: 'xclip exited with code 3' });
    expect(copyNotice('the cell', 'hi', r)).toBe('Copied the cell (1 line, 2 chars) via OSC 52; xclip exited with code 3');
  });
});

import { mkdtempSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveWorkdir } from './shell.js';

describe('resolveWorkdir', () => {
  const base = mkdtempSync(join(tmpdir(), 'codex-workdir-'));
  mkdirSync(join(base, 'sub'));
  writeFileSync(join(base, 'file.txt'), 'x');
  symlinkSync(join(base, 'sub'), join(base, 'link'));
  afterAll(() => rmSync(base, { recursive: true, force: true }));
  it('defaults to the session cwd and resolves relative workdirs against it', () => {
    expect([resolveWorkdir(base, undefined), resolveWorkdir(base, null), resolveWorkdir(base, ''), resolveWorkdir(base, 'sub'), resolveWorkdir(base, 'sub/..')]).toEqual([base, base, base, join(base, 'sub'), base]);
    expect(resolveWorkdir(base, 'link')).toBe(join(base, 'link'));
    expect(resolveWorkdir(base, '/')).toBe('/');
  });
  it('is a clear tool error when the directory does not exist, is a file, or is not a path', () => {
    expect(() => resolveWorkdir(base, 'missing')).toThrow(`workdir "missing" (${join(base, 'missing')}) does not exist; use an existing directory, relative to ${base}`);
    expect(() => resolveWorkdir(base, 'file.txt')).toThrow(`workdir "file.txt" (${join(base, 'file.txt')}) is not a directory`);
    expect(() => resolveWorkdir(base, 'file.txt/x')).toThrow('does not exist');
    expect(() => resolveWorkdir(base, 'a\0b')).toThrow('contains a NUL byte');
  });
});

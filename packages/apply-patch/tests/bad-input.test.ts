// Bad input gets a clear error and changes nothing: every case snapshots the tree before and
// after and compares the whole error (code and message).
import { chmodSync, chownSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ApplyPatchError, applyPatch } from '../src/index.js';
import { removeDir, runBin, snapshot, tempDir, workDir, wrapPatch } from './helpers/tree.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach(removeDir));
const work = (files: Record<string, string | Buffer> = {}): string => workDir('apply-patch-bad', files, dirs);
const wrap = wrapPatch;

/** Applies `patch` in `dir`, expects failure, and checks that nothing changed. */
async function refused(dir: string, patch: string): Promise<{ code: string; message: string }> {
  const before = snapshot(dir);
  let error: unknown;
  try {
    await applyPatch(patch, { cwd: dir });
  } catch (err: unknown) {
    error = err;
  }
  expect(snapshot(dir)).toEqual(before);
  if (!(error instanceof ApplyPatchError)) throw new Error(`expected ApplyPatchError, got ${String(error)}`);
  return { code: error.code, message: error.message.split(dir).join('<cwd>') };
}

describe('bad input is refused and changes nothing', () => {
  it('empty patch text and an empty envelope', async () => {
    const dir = work({ 'a.txt': 'a\n' });
    expect(await refused(dir, '')).toEqual({
      code: 'invalid_patch',
      message: "Invalid patch: The first line of the patch must be '*** Begin Patch'",
    });
    expect(await refused(dir, '*** Begin Patch\n*** End Patch\n')).toEqual({ code: 'empty_patch', message: 'No files were modified.' });
  });

  it('missing markers', async () => {
    const dir = work();
    expect(await refused(dir, '*** Add File: a\n+x\n*** End Patch')).toEqual({
      code: 'invalid_patch',
      message: "Invalid patch: The first line of the patch must be '*** Begin Patch'",
    });
    expect(await refused(dir, '*** Begin Patch\n*** Add File: a\n+x')).toEqual({
      code: 'invalid_patch',
      message: "Invalid patch: The last line of the patch must be '*** End Patch'",
    });
  });

  it('paths escaping the working directory', async () => {
    const outside = tempDir('apply-patch-outside');
    dirs.push(outside);
    const dir = work({ 'in.txt': 'x\n' });
    symlinkSync(outside, path.join(dir, 'escape'));
    const msg = (p: string, target: string): string =>
      `Refusing to touch ${p}: it resolves to ${target}, which is outside the working directory <cwd>. Use a path relative to the working directory, without '..'.`;
    expect(await refused(dir, wrap('*** Add File: ok.txt\n+fine\n*** Add File: ../x.txt\n+x'))).toEqual({
      code: 'path_outside_cwd',
      message: msg('../x.txt', path.join(path.dirname(dir), 'x.txt')),
    });
    const abs = path.join(outside, 'abs.txt');
    expect(await refused(dir, wrap(`*** Add File: ${abs}\n+x`))).toEqual({ code: 'path_outside_cwd', message: msg(abs, abs) });
    expect(await refused(dir, wrap('*** Add File: escape/x.txt\n+x'))).toEqual({
      code: 'path_outside_cwd',
      message: msg('escape/x.txt', path.join(outside, 'x.txt')),
    });
    expect(await refused(dir, wrap('*** Update File: in.txt\n*** Move to: ../moved.txt\n@@\n-x\n+y'))).toEqual({
      code: 'path_outside_cwd',
      message: msg('../moved.txt', path.join(path.dirname(dir), 'moved.txt')),
    });
    expect(snapshot(outside)).toEqual({});
  });

  it('allows an absolute path inside the working directory', async () => {
    const dir = work({ 'in.txt': 'x\n' });
    await applyPatch(wrap(`*** Update File: ${path.join(dir, 'in.txt')}\n@@\n-x\n+y`), { cwd: dir });
    expect(snapshot(dir)).toEqual({ 'in.txt': { file: 'y\n' } });
  });

  it('binary files', async () => {
    const dir = work({ 'img.bin': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x0a]), 'latin1.txt': Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x0a]) });
    const msg = (p: string): string =>
      `Failed to read file to update ${p}: stream did not contain valid UTF-8 (it looks like a binary file; apply_patch only edits UTF-8 text files)`;
    expect(await refused(dir, wrap('*** Update File: img.bin\n@@\n-PNG\n+JPG'))).toEqual({ code: 'binary_file', message: msg('img.bin') });
    expect(await refused(dir, wrap('*** Update File: latin1.txt\n@@\n-caf\n+cafe'))).toEqual({ code: 'binary_file', message: msg('latin1.txt') });
  });

  it('a file deleted and updated in the same patch', async () => {
    const dir = work({ 'a.txt': 'a\n' });
    const message = 'Invalid patch: a.txt is both updated and deleted in this patch. Keep only one of the two hunks for it.';
    expect(await refused(dir, wrap('*** Delete File: a.txt\n*** Update File: a.txt\n@@\n-a\n+b'))).toEqual({ code: 'conflicting_hunks', message });
    expect(await refused(dir, wrap('*** Update File: a.txt\n@@\n-a\n+b\n*** Delete File: a.txt'))).toEqual({ code: 'conflicting_hunks', message });
  });

  it('a directory where a file is expected', async () => {
    const dir = work({ 'd/inner.txt': 'i\n', 'f.txt': 'f\n' });
    expect(await refused(dir, wrap('*** Update File: d\n@@\n-x\n+y'))).toEqual({
      code: 'read_failed',
      message: 'Failed to read file to update d: Is a directory (os error 21)',
    });
    expect(await refused(dir, wrap('*** Add File: d\n+x'))).toEqual({ code: 'write_failed', message: 'Failed to write file d: Is a directory (os error 21)' });
    expect(await refused(dir, wrap('*** Delete File: d'))).toEqual({ code: 'delete_failed', message: 'Failed to delete file d' });
    expect(await refused(dir, wrap('*** Update File: f.txt\n*** Move to: d\n@@\n-f\n+g'))).toEqual({
      code: 'write_failed',
      message: 'Failed to write file d: Is a directory (os error 21)',
    });
    expect(await refused(dir, wrap('*** Add File: f.txt/sub.txt\n+x'))).toEqual({
      code: 'write_failed',
      message: 'Failed to create parent directories for f.txt/sub.txt: Not a directory (os error 20)',
    });
  });

  it('a failing chunk after good hunks in other files', async () => {
    const dir = work({ 'a.txt': 'a\n', 'b.txt': 'b\n' });
    expect(await refused(dir, wrap('*** Update File: a.txt\n@@\n-a\n+A\n*** Delete File: b.txt\n*** Add File: c.txt\n+c\n*** Update File: a.txt\n@@\n-zzz\n+y'))).toEqual({
      code: 'lines_not_found',
      message: 'Failed to find expected lines in a.txt:\nzzz',
    });
    expect(await refused(dir, wrap('*** Update File: a.txt\n@@ missing ctx\n-a\n+A'))).toEqual({
      code: 'context_not_found',
      message: "Failed to find context 'missing ctx' in a.txt",
    });
  });

  it('permission denied (read-only file)', () => {
    const dir = work({ 'ro.txt': 'a\n', 'ok.txt': 'ok\n' });
    const asRoot = process.getuid?.() === 0;
    // root ignores permission bits, so run the binary as an unprivileged user instead.
    if (asRoot) {
      for (const p of [dir, path.join(dir, 'ok.txt')]) chownSync(p, 65534, 65534);
    } else {
      chmodSync(path.join(dir, 'ro.txt'), 0o444);
    }
    const before = snapshot(dir);
    const user = asRoot ? { uid: 65534, gid: 65534 } : {};
    const r = runBin(dir, [wrap('*** Update File: ok.txt\n@@\n-ok\n+changed\n*** Update File: ro.txt\n@@\n-a\n+b')], user);
    expect(r).toEqual({
      code: 1,
      stdout: '',
      stderr: 'Failed to write file ro.txt: Permission denied (os error 13)\n',
    });
    expect(snapshot(dir)).toEqual(before);
  });
});

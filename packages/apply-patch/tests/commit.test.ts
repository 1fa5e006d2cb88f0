// commitWrites on its own: a failure in any step rolls back every file, both when the steps run
// one file at a time (few files) and when they run for all files at once on the thread pool.
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { commitWrites, type PlannedWrite } from '../src/commit.js';
import { removeDir, snapshot, tempDir } from './helpers/tree.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach(removeDir));

function setup(count: number): { dir: string; writes: PlannedWrite[] } {
  const dir = tempDir('apply-patch-commit');
  dirs.push(dir);
  const writes: PlannedWrite[] = [];
  for (let i = 0; i < count; i++) {
    const target = path.join(dir, `f${i}.txt`);
    writeFileSync(target, `old ${i}\n`);
    writes.push({ target, display: `f${i}.txt`, content: Buffer.from(`new ${i}\n`), original: Buffer.from(`old ${i}\n`), mode: 0o640 });
  }
  writes.push({ target: path.join(dir, 'deep/er/added.txt'), display: 'deep/er/added.txt', content: Buffer.from('added\n'), original: null, mode: undefined });
  writeFileSync(path.join(dir, 'gone.txt'), 'bye\n');
  writes.push({ target: path.join(dir, 'gone.txt'), display: 'gone.txt', content: null, original: Buffer.from('bye\n'), mode: undefined });
  return { dir, writes };
}

describe.each([3, 20])('commitWrites with %i updated files', (count) => {
  it('writes everything and keeps the requested modes', async () => {
    const { dir, writes } = setup(count);
    await commitWrites(writes);
    const snap = snapshot(dir);
    expect(snap['f0.txt']).toEqual({ file: 'new 0\n' });
    expect(snap[`f${count - 1}.txt`]).toEqual({ file: `new ${count - 1}\n` });
    expect(snap['deep/er/added.txt']).toEqual({ file: 'added\n' });
    expect(snap['gone.txt']).toBeUndefined();
    expect(Object.keys(snap).filter((k) => k.includes('apply_patch'))).toEqual([]);
    expect(statSync(path.join(dir, 'f1.txt')).mode & 0o777).toBe(0o640);
  });

  it('rolls every file back when a rename fails', async () => {
    const { dir, writes } = setup(count);
    // A non-empty directory where a file is expected: renaming the temp over it fails.
    const blocked = path.join(dir, 'blocked');
    mkdirSync(path.join(blocked, 'inside'), { recursive: true });
    writes.splice(1, 0, { target: blocked, display: 'blocked', content: Buffer.from('x\n'), original: null, mode: undefined });
    const before = snapshot(dir);
    await expect(commitWrites(writes)).rejects.toMatchObject({ code: 'write_failed', path: 'blocked' });
    expect(snapshot(dir)).toEqual(before);
  });

  it('rolls every file back when creating a parent directory fails', async () => {
    const { dir, writes } = setup(count);
    writeFileSync(path.join(dir, 'plain'), 'a file\n');
    writes.push({ target: path.join(dir, 'plain/sub/x.txt'), display: 'plain/sub/x.txt', content: Buffer.from('x\n'), original: null, mode: undefined });
    const before = snapshot(dir);
    await expect(commitWrites(writes)).rejects.toMatchObject({ code: 'write_failed', path: 'plain/sub/x.txt' });
    expect(snapshot(dir)).toEqual(before);
  });
});

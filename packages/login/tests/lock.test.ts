import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDirs } from '@codex-ts/test-support';
import { authLockPath, withAuthLock } from '../src/index.js';

const tmp = tempDirs(afterEach);
let home: string;
beforeEach(async () => {
  home = tmp('codex-lock-');
});

describe('auth lock', () => {
  it('serializes holders and removes the lock file afterwards', async () => {
    const log: string[] = [];
    const hold = (name: string) =>
      withAuthLock(home, async () => {
        log.push(`${name} in`);
        await new Promise((r) => setTimeout(r, 30));
        log.push(`${name} out`);
      });
    await Promise.all([hold('a'), hold('b')]);
    expect(log).toEqual(['a in', 'a out', 'b in', 'b out']);
    expect(existsSync(authLockPath(home))).toBe(false);
  });

  it('breaks a lock left by a dead process', async () => {
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    await writeFile(authLockPath(home), `${dead.stdout} ${Date.now()} x\n`);
    expect(await withAuthLock(home, async () => 'got it', { timeoutMs: 5_000 })).toBe('got it');
  });

  it('times out on a live holder with a message naming the file', async () => {
    await writeFile(authLockPath(home), `${process.pid} ${Date.now()} x\n`);
    await expect(withAuthLock(home, async () => 'never', { timeoutMs: 100 })).rejects.toMatchObject({
      code: 'lock_timeout',
      message: `timed out waiting for ${authLockPath(home)}; if no other codex is running, delete that file`,
    });
  });
});

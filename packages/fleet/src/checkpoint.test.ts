// A checkpoint record is read back from Redis, which is input like any other: keys outside
// the task's own prefix, a rollout path that leaves sessions/, or sizes that do not add up
// are refused before anything is downloaded or written.
import { describe, expect, it } from 'vitest';
import { checkCheckpoint, taskKeyBase, type Checkpoint } from './checkpoint.js';

const base = taskKeyBase('runs/', 'q', 't-1');
const good: Checkpoint = {
  rollout_rel: 'sessions/2026/12/06/rollout-2026-12-06T00-00-00-abc.jsonl',
  segments: [
    { key: `${base}checkpoint/r1-0.jsonl`, bytes: 10 },
    { key: `${base}checkpoint/r1-1.jsonl`, bytes: 5 },
  ],
  bytes: 15,
  diff_key: `${base}checkpoint/r1-1.diff`,
  diff_sha256: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  at: '2026-12-06T00:00:00.000Z',
};

describe('checkCheckpoint', () => {
  it('accepts a record of the task itself', () => {
    expect(base).toBe('runs/q/t-1/');
    expect(checkCheckpoint(good, base)).toEqual(good);
  });

  it('refuses records that point elsewhere or do not add up', () => {
    const bad = (patch: Partial<Record<keyof Checkpoint, unknown>>): string => {
      try {
        checkCheckpoint({ ...good, ...patch }, base);
        return 'accepted';
      } catch (err: unknown) {
        return (err as Error).message.replace("the task's checkpoint record is not usable: ", '');
      }
    };
    expect(bad({ rollout_rel: '../../.ssh/authorized_keys.jsonl' })).toBe('rollout path');
    expect(bad({ rollout_rel: 'sessions/../../x.jsonl' })).toBe('rollout path');
    expect(bad({ rollout_rel: '/etc/x.jsonl' })).toBe('rollout path');
    expect(bad({ segments: [{ key: 'runs/q/t-2/checkpoint/r1-0.jsonl', bytes: 15 }] })).toBe('segments');
    expect(bad({ segments: [{ key: `${base}checkpoint/../../t-2/x`, bytes: 15 }] })).toBe('segments');
    expect(bad({ segments: [{ key: `${base}checkpoint/r1-0.jsonl`, bytes: -1 }], bytes: -1 })).toBe('segments');
    expect(bad({ bytes: 16 })).toBe('size');
    expect(bad({ diff_key: 'other/x.diff' })).toBe('diff');
    expect(bad({ diff_sha256: 'zz' })).toBe('diff');
    expect(() => checkCheckpoint('x', base)).toThrow('not an object');
  });
});

import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { canMountTmpfs } from '@codex-ts/test-support';
import { LineWriter, type LineWriterFailure } from './line-writer.js';

const dir = mkdtempSync(join(tmpdir(), 'codex-linewriter-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function lines(path: string): string[] {
  const text = readFileSync(path, 'utf8');
  expect(text.endsWith('\n') || text === '').toBe(true);
  return text.split('\n').filter((l) => l !== '');
}

/** A writer whose write(2) fails like a full disk after `okWrites` calls: a short write, then ENOSPC. */
function faultyWrite(okWrites: number): (fd: number, buf: Buffer, off: number, len: number) => number {
  let calls = 0;
  return (fd, buf, off, len) => {
    calls += 1;
    if (calls <= okWrites) return writeSync(fd, buf, off, len);
    if (calls === okWrites + 1) return writeSync(fd, buf, off, Math.floor(len / 2)); // half a line lands
    const err = new Error('ENOSPC: no space left on device, write') as NodeJS.ErrnoException;
    err.code = 'ENOSPC';
    throw err;
  };
}

describe('LineWriter', () => {
  it('writes whole lines and keeps the file ending on a newline', () => {
    const path = join(dir, 'ok.jsonl');
    const w = LineWriter.open(path);
    expect(w.write('{"a":1}')).toBe(true);
    expect(w.write('{"b":2}')).toBe(true);
    w.close();
    expect(lines(path)).toEqual(['{"a":1}', '{"b":2}']);
  });

  it('cuts a short write back, reports once, leaves the marker and drops later lines (fault-injected)', () => {
    const path = join(dir, 'short.jsonl');
    const failures: LineWriterFailure[] = [];
    // Write 1 ok; write 2 is short (cut back); the marker write then fails with ENOSPC too.
    const w = LineWriter.open(path, { writeSync: faultyWrite(1), onFailure: (f) => failures.push({ ...f }), incompleteMarker: () => '{"marker":true}' });
    expect(w.write('{"n":1}')).toBe(true);
    expect(w.write(`{"n":2,"pad":"${'x'.repeat(100)}"}`)).toBe(false);
    expect(w.write('{"n":3}')).toBe(false);
    w.close();
    expect(failures).toHaveLength(1);
    expect((failures[0]!.error as NodeJS.ErrnoException).code).toBe('ENOSPC');
    expect(w.failure?.dropped).toBe(2);
    expect(lines(path)).toEqual(['{"n":1}']);
  });

  it('writes the incomplete marker when the disk has room for it again', () => {
    const path = join(dir, 'marker.jsonl');
    let calls = 0;
    const w = LineWriter.open(path, {
      writeSync: (fd, buf, off, len) => {
        calls += 1;
        if (calls === 2) {
          const err = new Error('EIO: i/o error, write') as NodeJS.ErrnoException;
          err.code = 'EIO';
          throw err;
        }
        return writeSync(fd, buf, off, len);
      },
      incompleteMarker: (f) => JSON.stringify({ incomplete: (f.error as NodeJS.ErrnoException).code }),
    });
    w.write('{"n":1}');
    w.write('{"n":2}');
    w.write('{"n":3}');
    w.close();
    expect(lines(path)).toEqual(['{"n":1}', '{"incomplete":"EIO"}']);
  });
});


describe.skipIf(!canMountTmpfs())('LineWriter on a real full disk (64 KiB tmpfs)', () => {
  it('every line on disk is whole JSON after ENOSPC, reported once', () => {
    const mnt = join(dir, 'full');
    mkdirSync(mnt);
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', mnt]);
    try {
      // Fill most of it so the rollout runs out a few lines in.
      writeFileSync(join(mnt, 'ballast'), Buffer.alloc(40 * 1024));
      const path = join(mnt, 'rollout.jsonl');
      const failures: LineWriterFailure[] = [];
      const w = LineWriter.open(path, { onFailure: (f) => failures.push(f), incompleteMarker: () => '{"type":"event_msg","payload":{"type":"error","message":"incomplete"}}' });
      let written = 0;
      for (let i = 0; i < 200; i++) if (w.write(JSON.stringify({ i, pad: 'y'.repeat(700) }))) written += 1;
      w.close();
      expect(failures).toHaveLength(1);
      expect(['ENOSPC', 'EFBIG']).toContain((failures[0]!.error as NodeJS.ErrnoException).code);
      const got = lines(path).map((l) => JSON.parse(l) as { i?: number; type?: string });
      const records = got.filter((g) => g.i !== undefined);
      expect(records.map((r) => r.i)).toEqual([...Array(written).keys()]);
      expect(written).toBeGreaterThan(0);
      expect(written).toBeLessThan(200);
    } finally {
      execFileSync('umount', [mnt]);
    }
  });
});

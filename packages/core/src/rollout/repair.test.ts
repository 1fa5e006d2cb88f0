import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repairTornTail } from './repair.js';

const dir = mkdtempSync(join(tmpdir(), 'codex-repair-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}

describe('repairTornTail', () => {
  it('leaves a file that ends on a newline alone', () => {
    const p = file('clean.jsonl', '{"a":1}\n{"b":2}\n');
    expect(repairTornTail(p)).toEqual({ action: 'none', bytes: 0 });
    expect(readFileSync(p, 'utf8')).toBe('{"a":1}\n{"b":2}\n');
  });

  it('drops a cut last line and keeps every whole line', () => {
    const p = file('cut.jsonl', '{"a":1}\n{"b":2}\n{"type":"response_item","payl');
    expect(repairTornTail(p)).toEqual({ action: 'dropped', bytes: 29, preview: '{"type":"response_item","payl' });
    expect(readFileSync(p, 'utf8')).toBe('{"a":1}\n{"b":2}\n');
  });

  it('terminates a last line that is whole JSON but lost its newline', () => {
    const p = file('nonl.jsonl', '{"a":1}\n{"b":2}');
    expect(repairTornTail(p)).toMatchObject({ action: 'terminated', bytes: 7 });
    expect(readFileSync(p, 'utf8')).toBe('{"a":1}\n{"b":2}\n');
  });

  it('handles a file that is one cut line longer than the read chunk', () => {
    const long = `{"x":"${'z'.repeat(150_000)}`;
    const p = file('long.jsonl', `{"a":1}\n${long}`);
    expect(repairTornTail(p)).toMatchObject({ action: 'dropped', bytes: long.length });
    expect(readFileSync(p, 'utf8')).toBe('{"a":1}\n');
  });

  it('empties a file whose only line is cut', () => {
    const p = file('only.jsonl', '{"a":');
    expect(repairTornTail(p).action).toBe('dropped');
    expect(readFileSync(p, 'utf8')).toBe('');
  });
});

import { describe, expect, it } from 'vitest';
import { BoundedOutput, countNewlines } from './bounded-output.js';
import { formatExecOutputFreeform, formatExecOutputJson, truncateForModel } from './output-format.js';

const lines = (n: number, prefix = 'line'): string => Array.from({ length: n }, (_, i) => `${prefix} ${i + 1}\n`).join('');

describe('truncation for the model (head 128 + tail 128 lines, 10 KiB)', () => {
  it('leaves short output alone', () => {
    expect(truncateForModel(lines(256))).toBe(lines(256));
  });

  it('keeps the first and last 128 lines of long output with Codex\'s marker', () => {
    const text = truncateForModel(lines(300));
    const all = lines(300).split(/(?<=\n)/);
    expect(text).toBe(`Total output lines: 300\n\n${all.slice(0, 128).join('')}\n[... omitted 44 of 300 lines ...]\n\n${all.slice(172).join('')}`);
  });

  it('respects the byte budget on a char boundary', () => {
    const long = 'é'.repeat(20_000);
    const text = truncateForModel(long);
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(10 * 1024 + 100);
    expect(text.startsWith('Total output lines: 1\n\n')).toBe(true);
    expect(text.includes('\uFFFD')).toBe(false);
  });
});

describe('formatted outputs', () => {
  const out = { exitCode: 2, stdout: 'a\n', stderr: 'b\n', aggregated: 'a\nb\n', durationMs: 1234, timedOut: false };
  it('JSON envelope with exit code and rounded duration', () => {
    expect(JSON.parse(formatExecOutputJson(out))).toEqual({ output: 'a\nb\n', metadata: { exit_code: 2, duration_seconds: 1.2 } });
  });
  it('freeform text, with the timeout line', () => {
    expect(formatExecOutputFreeform(out)).toBe('Exit code: 2\nWall time: 1.2 seconds\nOutput:\na\nb\n');
    expect(formatExecOutputFreeform({ ...out, exitCode: 124, timedOut: true }, 500)).toBe('Exit code: 124\nWall time: 1.2 seconds\nOutput:\ncommand timed out after 500 milliseconds\na\nb\n');
    expect(formatExecOutputFreeform({ ...out, aggregated: lines(300) }).split('\n').slice(0, 4)).toEqual(['Exit code: 2', 'Wall time: 1.2 seconds', 'Total output lines: 300', 'Output:']);
  });
});

describe('bounded output', () => {
  it('keeps everything under the caps and counts lines like str.lines()', () => {
    const b = new BoundedOutput(16, 16);
    b.push(Buffer.from('one\ntwo\n'));
    expect([b.text(), b.totalLines, b.truncated]).toEqual(['one\ntwo\n', 2, false]);
  });
  it('keeps head and tail with a marker when the middle is dropped', () => {
    const b = new BoundedOutput(4, 4);
    for (const c of ['abcd', 'efgh', 'ijkl', 'mnop']) b.push(Buffer.from(c));
    expect([b.text(), b.totalBytes, b.truncated]).toEqual(['abcd\n[... 8 bytes of output not kept ...]\nmnop', 16, true]);
  });
  it('counts newlines the same way as a byte loop', () => {
    for (let i = 0; i < 200; i++) {
      const bytes = Buffer.from(Array.from({ length: (i * 37) % 500 }, (_, j) => ((j * 7 + i) % 5 === 0 ? 10 : 97)));
      expect(countNewlines(bytes)).toBe([...bytes].filter((x) => x === 10).length);
    }
  });
});

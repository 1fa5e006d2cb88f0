import { describe, expect, it } from 'vitest';
import { HeadTailBuffer } from './head-tail-buffer.js';
import { approxTokenCount, countLines, formattedTruncateText, formatUnifiedExecResponse, generateChunkId, truncateMiddleTokens } from './output.js';

describe('unified-exec output for the model', () => {
  it('leaves output within the token budget alone', () => {
    expect(formattedTruncateText('hello\n', 10)).toBe('hello\n');
    expect(approxTokenCount('abcde')).toBe(2);
    expect(countLines('a\nb\n')).toBe(2);
    expect(countLines('a\nb')).toBe(2);
    expect(countLines('')).toBe(0);
  });

  it('keeps head and tail and says how many tokens were cut', () => {
    const text = `${'a'.repeat(100)}${'b'.repeat(100)}`;
    expect(truncateMiddleTokens(text, 10)).toBe(`${'a'.repeat(20)}…40 tokens truncated…${'b'.repeat(20)}`);
    expect(formattedTruncateText('x\n'.repeat(100), 5)).toBe(`Total output lines: 100\n\nx\nx\nx\nx\nx\n…45 tokens truncated…x\nx\nx\nx\nx\n`);
    expect(truncateMiddleTokens('abc', 0)).toBe('…1 tokens truncated…');
  });

  it('never splits a UTF-8 character', () => {
    const text = 'é'.repeat(50);
    const out = truncateMiddleTokens(text, 5);
    expect(out).toMatch(/^é+…\d+ tokens truncated…é+$/);
    expect(Buffer.byteLength(out.split('…')[0]!, 'utf8')).toBeLessThanOrEqual(10);
  });

  it("formats responses as Codex 0.169 does", () => {
    expect(formatUnifiedExecResponse({ chunkId: 'd795bd', wallTimeMs: 76.2, exitCode: 0, sessionId: null, originalTokenCount: 3, output: 'hi\n' })).toBe(
      'Chunk ID: d795bd\nWall time: 0.0762 seconds\nProcess exited with code 0\nOriginal token count: 3\nOutput:\nhi\n',
    );
    expect(formatUnifiedExecResponse({ chunkId: 'abc123', wallTimeMs: 1000, exitCode: null, sessionId: 4242, originalTokenCount: 0, output: '' })).toBe(
      'Chunk ID: abc123\nWall time: 1.0000 seconds\nProcess running with session ID 4242\nOriginal token count: 0\nOutput:\n',
    );
    expect(generateChunkId()).toMatch(/^[0-9a-f]{6}$/);
  });
});

describe('HeadTailBuffer', () => {
  it('keeps the first and the last half of its budget', () => {
    const b = new HeadTailBuffer(8);
    for (const c of ['abc', 'def', 'ghi', 'jkl']) b.push(Buffer.from(c));
    expect(b.contents().toString()).toBe('abcdijkl');
    expect(b.omittedBytes).toBe(4);
    expect(b.drain().toString()).toBe('abcdijkl');
    expect(b.retainedBytes).toBe(0);
  });
});

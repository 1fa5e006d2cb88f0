import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findTimingAssertions } from './timing-assertions.js';

const root = join(import.meta.dirname, '..');

function testFiles(): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const name of readdirSync(d)) {
      if (name === 'node_modules' || name === 'dist') continue;
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.(test\.ts|ts)$/.test(name) && (p.includes('/tests/') || name.endsWith('.test.ts'))) out.push(p);
    }
  };
  walk(join(root, 'packages'));
  walk(join(root, 'tests'));
  return out;
}

describe('no elapsed-time upper bounds in tests (timing goes into benchmarks)', () => {
  it('the scanner finds the shapes that used to be in the suite, and leaves lower bounds and plain numbers alone', () => {
    const src = [
      'const t0 = Date.now();',
      'expect(Date.now() - t0).toBeLessThan(10_000);',
      'const firstTwoAt = Date.now() - started;',
      'expect(firstTwoAt).toBeLessThan(700);',
      'const took = performance.now() - s;',
      'expect(took).toBeLessThanOrEqual(5);',
      'expect(Date.now() - started).toBeGreaterThanOrEqual(900);',
      'expect(Buffer.byteLength(text)).toBeLessThanOrEqual(10 * 1024 + 100);',
      'expect(proxy.requests.length - before).toBeLessThanOrEqual(1);',
    ].join('\n');
    expect(findTimingAssertions(src)).toEqual([
      { line: 2, text: 'expect(Date.now() - t0).toBeLessThan(10_000);' },
      { line: 4, text: 'expect(firstTwoAt).toBeLessThan(700);' },
      { line: 6, text: 'expect(took).toBeLessThanOrEqual(5);' },
    ]);
  });

  it('holds for every test file in the workspace', () => {
    const own = new Set([join(root, 'tests', 'timing-assertions.ts'), join(root, 'tests', 'timing-assertions.test.ts')]);
    const found = testFiles()
      .filter((f) => !own.has(f))
      .flatMap((f) => findTimingAssertions(readFileSync(f, 'utf8')).map((a) => `${relative(root, f)}:${a.line}: ${a.text}`));
    expect(found).toEqual([]);
  });
});

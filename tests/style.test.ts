import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { consoleUses, errorClassViolations, oversized, readSources, starExports, type SourceFile } from './style.js';

const files = readSources(join(import.meta.dirname, '..'));

// Known violations being fixed elsewhere (none today); remove an entry when it is fixed
// (the test fails while a listed violation is gone, so this list cannot go stale).
const KNOWN_ERROR_CLASS_VIOLATIONS: Record<string, string[]> = {};

const file = (path: string, text: string): SourceFile => ({ path, pkg: path.split('/')[1]!, text });

describe('STYLE.md rules over packages/*/src', () => {
  it('one base error class per package (subclasses extend it)', () => {
    expect(Object.fromEntries(errorClassViolations(files))).toEqual(KNOWN_ERROR_CLASS_VIOLATIONS);
  });

  it('no console in package code, no file over 800 lines, no export * in an entry point', () => {
    expect({ console: consoleUses(files), over800: oversized(files, 800), starExports: starExports(files) }).toEqual({ console: [], over800: [], starExports: [] });
  });

  it('the scanners see what they look for, and not in comments or strings', () => {
    const sample = [
      file('packages/a/src/x.ts', "export class AError extends Error {}\nclass B<T> extends TypeError {}\nclass C extends AError {}\n"),
      file('packages/a/src/index.ts', "// console.log('no')\nconst s = 'console.log(1)';\n  console.error(s);\nexport * from './x.js';\n"),
      file('packages/b/src/y.ts', "/* class D extends Error {} */\nexport class E extends Error {}\n" + 'x\n'.repeat(801)),
    ];
    expect({
      errors: Object.fromEntries(errorClassViolations(sample)),
      console: consoleUses(sample),
      over800: oversized(sample, 800),
      star: starExports(sample),
    }).toEqual({
      errors: { a: ['AError', 'B'] },
      console: ['packages/a/src/index.ts:3'],
      over800: ['packages/b/src/y.ts (803 lines)'],
      star: ['packages/a/src/index.ts'],
    });
  });
});

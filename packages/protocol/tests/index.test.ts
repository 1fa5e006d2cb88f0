import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as protocol from '../src/index.js';

const srcDir = fileURLToPath(new URL('../src/', import.meta.url));
const sourceFiles = readdirSync(srcDir).filter((name) => name.endsWith('.ts') && name !== 'index.ts');

describe('package entry point', () => {
  it('re-exports every exported value of every module, with explicit names only', () => {
    const index = readFileSync(srcDir + 'index.ts', 'utf8');
    expect(index).not.toMatch(/export \*/);
    const declared = sourceFiles.flatMap((name) =>
      [...readFileSync(srcDir + name, 'utf8').matchAll(/^export (?:const|function) (\w+)/gm)].map((m) => m[1]),
    );
    const missing = declared.filter((name) => !(name in protocol));
    expect(missing).toEqual([]);
  });

  it('pairs every exported schema with an inferred type of the same name', () => {
    const unpaired = sourceFiles.flatMap((name) => {
      const text = readFileSync(srcDir + name, 'utf8');
      const schemas = [...text.matchAll(/^export const (\w+)Schema\b/gm)].map((m) => m[1]);
      const types = new Set([...text.matchAll(/^export type (\w+)/gm)].map((m) => m[1]));
      return schemas.filter((base) => !types.has(base)).map((base) => `${name}: ${base}`);
    });
    expect(unpaired).toEqual([]);
  });

  it('documents every export with JSDoc', () => {
    const undocumented = sourceFiles.flatMap((name) => {
      const lines = readFileSync(srcDir + name, 'utf8').split('\n');
      return lines.flatMap((line, i) => {
        if (!/^export (const|function|type) /.test(line)) return [];
        const before = lines.slice(Math.max(0, i - 8), i).join('\n');
        return /\*\/\s*$/.test(before) ? [] : [`${name}:${i + 1}`];
      });
    });
    expect(undocumented).toEqual([]);
  });
});

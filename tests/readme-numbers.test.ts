// A README number quoted from another README's bench table must be the same number: the
// root README once claimed ~10M/s rule matching while execpolicy's bench said ~3.8M/s.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
const read = (p: string) => readFileSync(join(root, p), 'utf8');

describe('README numbers agree with the bench tables they quote', () => {
  it('root README "rule matching alone" = execpolicy README `check 10k commands x10` result', () => {
    const ep = /^\| `check 10k commands x10 \(in-process\)`[^|]*\|[^|]*\| ([^ ]+) decisions\/s/m.exec(read('packages/execpolicy/README.md'));
    const top = /rule matching alone ([^ ]+)\/s \(execpolicy bench, `check 10k commands x10`/.exec(read('README.md'));
    expect(ep?.[1]).toBeDefined();
    expect(top?.[1]).toBe(ep?.[1]);
  });

  it('the execpolicy README names bench rows the bench actually produces', () => {
    const bench = read('packages/execpolicy/bench/decisions.bench.mjs');
    const table = read('packages/execpolicy/README.md').split('## Benchmark')[1] ?? '';
    const named = [...table.matchAll(/^\| `([^`]+)`/gm)].map((m) => m[1]!);
    expect(named.length).toBeGreaterThan(0);
    const produced = (name: string) => bench.includes(`'${name}'`) || bench.includes(`\`${name.replace('x10', 'x${PASSES}')}\``);
    expect(named.filter((n) => !produced(n))).toEqual([]);
  });
});

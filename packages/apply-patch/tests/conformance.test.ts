// Runs Codex's apply_patch scenario corpus against the built binary: copy input/, run the patch
// as the single argument with cwd = the copy, ignore the exit code, compare the whole tree with
// expected/ byte for byte. Uses the vendored copy, plus any extra scenarios in ../shared.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PACKAGE_DIR, removeDir, runBin, snapshot, tempDir } from './helpers/tree.js';

const VENDORED = path.join(PACKAGE_DIR, 'tests/conformance');
const SHARED = path.resolve(PACKAGE_DIR, '../../../shared/conformance/apply-patch');

function scenarios(): Map<string, string> {
  const found = new Map<string, string>();
  for (const root of [VENDORED, SHARED]) {
    if (!existsSync(root)) continue;
    for (const name of readdirSync(root).sort()) {
      if (existsSync(path.join(root, name, 'patch.txt'))) found.set(name, path.join(root, name));
    }
  }
  return new Map([...found].sort(([a], [b]) => a.localeCompare(b)));
}

const dirs: string[] = [];
afterAll(() => dirs.forEach(removeDir));

describe('apply_patch conformance scenarios', () => {
  const all = scenarios();
  it('finds the vendored corpus', () => {
    expect(all.size).toBeGreaterThanOrEqual(12);
  });
  for (const [name, dir] of all) {
    it(name, () => {
      const work = tempDir(`apply-patch-${name}`, path.join(dir, 'input'));
      dirs.push(work);
      const patch = readFileSync(path.join(dir, 'patch.txt'), 'utf8');
      runBin(work, [patch]);
      expect(snapshot(work)).toEqual(snapshot(path.join(dir, 'expected')));
    });
  }
});

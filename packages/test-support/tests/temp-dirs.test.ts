// tempDirs: every directory it made is gone after the hook it was given runs, wherever it
// was made and whatever was written inside; one made elsewhere in the meantime is left alone.
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDirs } from '../src/index.js';

describe('tempDirs', () => {
  const root = mkdtempSync(join(tmpdir(), 'codex-tempdirs-root-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('makes fresh dirs under tmpdir() or a given root and removes all of them, full or not, when the hook runs', () => {
    const hooks: (() => void)[] = [];
    const tmp = tempDirs((fn) => hooks.push(fn));

    const a = tmp('codex-tempdirs-a-');
    const b = tmp('codex-tempdirs-a-');
    const c = tmp('codex-tempdirs-c-', root);
    mkdirSync(join(a, 'deep', 'er'), { recursive: true });
    writeFileSync(join(a, 'deep', 'er', 'file'), 'x');
    rmSync(b, { recursive: true }); // already gone: not an error

    expect([dirname(a), basename(a).startsWith('codex-tempdirs-a-'), dirname(c), a === b]).toEqual([tmpdir(), true, root, false]);
    expect([statSync(a).isDirectory(), statSync(c).isDirectory()]).toEqual([true, true]);
    expect(hooks).toHaveLength(1);

    hooks[0]!();
    expect([a, b, c].map(existsSync)).toEqual([false, false, false]);
    expect(existsSync(root)).toBe(true);

    // Dirs made after a run (the next test, for afterEach) are removed by the next run.
    const d = tmp('codex-tempdirs-d-');
    hooks[0]!();
    expect(existsSync(d)).toBe(false);
  });
});

// Temp directories a test file makes and removes: one helper instead of a `made[]` list, a
// hook and an mkdtemp wrapper in every file. The hook is passed in (vitest's afterEach or
// afterAll) so this package never imports a test runner and the lifetime is visible at the
// call site.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Makes a fresh directory `<root>/<prefix>XXXXXX` (root defaults to os.tmpdir()). */
export type TempDirMaker = (prefix: string, root?: string) => string;

/**
 * A maker of temp dirs, each removed (recursively, missing ones ignored) when `removeIn`'s
 * callback runs: `const tmp = tempDirs(afterEach)` removes after every test,
 * `tempDirs(afterAll)` when the file (or describe block) is done. Register it before the
 * hooks that close servers or sessions using the dirs: vitest runs after-hooks last-first,
 * so the dirs go after those have closed.
 */
export function tempDirs(removeIn: (fn: () => void) => unknown): TempDirMaker {
  const made: string[] = [];
  removeIn(() => {
    for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  return (prefix, root = tmpdir()) => {
    const dir = mkdtempSync(join(root, prefix));
    made.push(dir);
    return dir;
  };
}

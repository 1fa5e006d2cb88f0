// Where the native helper and bubblewrap live. The helper sits in the package's bin/
// (built by `npm run build`); bwrap is looked up on PATH, never relative to cwd.
import { accessSync, constants } from 'node:fs';
import { delimiter, isAbsolute, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Absolute path of the built helper (`packages/linux-sandbox/bin/codex-linux-sandbox`). */
export function defaultHelperPath(): string {
  // Same relative position from src/ (tests) and dist/ (built package).
  return fileURLToPath(new URL('../bin/codex-linux-sandbox', import.meta.url));
}

/** True when path is an executable file. */
export function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** First executable `bwrap` on PATH (absolute entries only), or undefined. */
export function findBwrap(pathVar: string | undefined = process.env.PATH): string | undefined {
  for (const dir of (pathVar ?? '').split(delimiter)) {
    if (!dir || !isAbsolute(dir)) continue;
    const candidate = join(dir, 'bwrap');
    if (isExecutable(candidate)) return candidate;
  }
  return undefined;
}

// Where the native helper and bubblewrap live. The helper is looked for, in order, in the
// package's own bin/ (built from source in a checkout, or compiled at install time as a
// fallback), then in the prebuilt platform package (`@codex-ts/linux-sandbox-linux-x64`,
// an optional dependency), then next to the @codex-ts/linux-sandbox package when this
// module is bundled into another one. bwrap is looked up on PATH, never relative to cwd.
import { accessSync, constants, existsSync } from 'node:fs';
import { delimiter, dirname, isAbsolute, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The helper's file name. */
export const HELPER_NAME = 'codex-linux-sandbox';

/** Name of the prebuilt platform package for this machine, e.g. `@codex-ts/linux-sandbox-linux-x64`. */
export function platformPackageName(platform: string = process.platform, arch: string = process.arch): string {
  return `@codex-ts/linux-sandbox-${platform}-${arch}`;
}

function packageDir(name: string): string | undefined {
  // Node's own lookup (parent node_modules directories), done by hand: `require.resolve`
  // cannot see ESM-only packages and `exports` may hide package.json.
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    const up = dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
}

/** Every place the helper may be, most specific first. */
export function helperCandidates(): string[] {
  // Same relative position from src/ (tests) and dist/ (built or bundled package).
  const own = fileURLToPath(new URL(`../bin/${HELPER_NAME}`, import.meta.url));
  const out = [own];
  for (const pkg of [platformPackageName(), '@codex-ts/linux-sandbox']) {
    const dir = packageDir(pkg);
    if (dir !== undefined) out.push(join(dir, 'bin', HELPER_NAME));
  }
  return [...new Set(out)];
}

/** Absolute path of the helper: the first executable candidate, else the package's own bin/ path. */
export function defaultHelperPath(): string {
  const candidates = helperCandidates();
  return candidates.find(isExecutable) ?? candidates[0]!;
}

/**
 * What to tell a user whose helper is missing: what was looked for and the ways to get it.
 * Never mentions workspace tooling: the reader may have only Node and npm.
 */
export function missingHelperMessage(path: string = defaultHelperPath()): string {
  const platformPkg = platformPackageName();
  const prebuilt = process.platform === 'linux' && process.arch === 'x64';
  return (
    `the sandbox helper ${HELPER_NAME} is missing (looked in ${helperCandidates().join(', ')}; not executable at ${path}). ` +
    (prebuilt
      ? `It ships prebuilt in the optional package ${platformPkg}: reinstall without --omit=optional / --no-optional ` +
        `(npm install -g @codex-ts/cli ${platformPkg}), or `
      : `No prebuilt helper exists for ${process.platform}-${process.arch}; `) +
    'install a C compiler and the Linux headers (apt-get install gcc linux-libc-dev) and reinstall so it is compiled from source, ' +
    'or choose bubblewrap explicitly with `[sandbox] backend = "bwrap"` in config.toml'
  );
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

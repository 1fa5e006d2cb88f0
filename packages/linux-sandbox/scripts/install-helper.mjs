#!/usr/bin/env node
// Install-time fallback for the sandbox helper (npm `postinstall` of the published
// packages): when the prebuilt platform package (@codex-ts/linux-sandbox-<os>-<arch>) is
// installed and its helper runs, nothing happens. Otherwise, if a C compiler exists, the
// helper is compiled from ../native into ../bin with build-native.mjs. Never fails the
// install: without helper or compiler it says what is missing and how to get it.
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { delimiter, dirname, isAbsolute, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const pkgRoot = join(here, '..');
const own = join(pkgRoot, 'bin', 'codex-linux-sandbox');
const platformPkg = `@codex-ts/linux-sandbox-${process.platform}-${process.arch}`;
const note = (text) => process.stderr.write(`codex-ts: ${text}\n`);

const executable = (p) => {
  try {
    accessSync(p, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};
const onPath = (bin) =>
  (process.env.PATH ?? '').split(delimiter).some((d) => d && isAbsolute(d) && executable(join(d, bin)));

if (process.platform !== 'linux' || process.env.CODEX_SKIP_HELPER_BUILD === '1') process.exit(0);
if (executable(own)) process.exit(0);

let prebuilt;
try {
  prebuilt = join(dirname(createRequire(import.meta.url).resolve(`${platformPkg}/package.json`)), 'bin', 'codex-linux-sandbox');
} catch {
  prebuilt = undefined;
}
if (prebuilt && executable(prebuilt)) {
  const r = spawnSync(prebuilt, ['--no-sandbox', '--', 'true'], { stdio: 'ignore', timeout: 30_000 });
  if (r.status === 0) process.exit(0);
  note(`the prebuilt sandbox helper ${prebuilt} does not run here (exit ${r.status ?? r.signal ?? r.error?.message}); trying to compile one.`);
}

const cc = process.env.CC || 'cc';
if (!(isAbsolute(cc) ? executable(cc) : onPath(cc)) || !existsSync(join(pkgRoot, 'native'))) {
  note(
    `no prebuilt sandbox helper for ${process.platform}-${process.arch} (optional package ${platformPkg} not installed) ` +
      `and no C compiler (${cc}) to build one. Sandboxed commands will be refused with this explanation until you either ` +
      `reinstall with optional dependencies, or install gcc and linux-libc-dev and reinstall, or set ` +
      '`[sandbox] backend = "bwrap"` in ~/.codex/config.toml.',
  );
  process.exit(0);
}
const r = spawnSync(process.execPath, [join(here, 'build-native.mjs'), '--force'], { stdio: ['ignore', 'ignore', 'inherit'] });
if (r.status !== 0) note(`compiling the sandbox helper failed (exit ${r.status}); see the compiler output above.`);
else note(`compiled the sandbox helper ${own} from source.`);

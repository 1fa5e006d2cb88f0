#!/usr/bin/env node
// Builds the native helper bin/codex-linux-sandbox from native/*.c with the system C
// compiler (`cc`, or $CC). No node-gyp, nothing downloaded. On non-Linux it skips.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, renameSync, statSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const pkg = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(pkg, 'bin', 'codex-linux-sandbox');
if (process.platform !== 'linux') {
  console.log(`build-native: skipped on ${process.platform} (the Landlock/seccomp helper is Linux-only)`);
  process.exit(0);
}
const nativeDir = join(pkg, 'native');
const sources = readdirSync(nativeDir).filter((f) => f.endsWith('.c')).sort().map((f) => join(nativeDir, f));
const inputs = [...sources, ...readdirSync(nativeDir).filter((f) => f.endsWith('.h')).map((f) => join(nativeDir, f))];
if (existsSync(out) && !process.argv.includes('--force')) {
  const built = statSync(out).mtimeMs;
  if (inputs.every((f) => statSync(f).mtimeMs <= built)) process.exit(0);
}
mkdirSync(dirname(out), { recursive: true });
const cc = process.env.CC || 'cc';
// Compile to a private name, then rename: parallel builds (test workers) never see half a file.
const tmp = `${out}.${process.pid}.tmp`;
// Hardened: fortified libc calls, stack protector, PIE, full RELRO with immediate binding.
const args = ['-O2', '-Wall', '-Wextra', '-std=gnu11', '-D_FORTIFY_SOURCE=2', '-fstack-protector-strong', '-fPIE', '-pie', '-Wl,-z,relro,-z,now', '-o', tmp, ...sources];
const r = spawnSync(cc, args, { stdio: 'inherit' });
if (r.error) {
  console.error(`build-native: cannot run ${cc}: ${r.error.message}. Install a C compiler (e.g. apt-get install gcc linux-libc-dev).`);
  process.exit(1);
}
if (r.status !== 0) {
  console.error(`build-native: ${cc} ${args.join(' ')} failed (exit ${r.status}); needs linux-libc-dev headers.`);
  process.exit(r.status ?? 1);
}
renameSync(tmp, out);
console.log(`build-native: built ${out}`);

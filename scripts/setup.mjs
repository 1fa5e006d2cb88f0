#!/usr/bin/env node
// Set-up for a fresh machine with only Node 20 + npm: installs the pinned pnpm's
// dependencies (lockfile frozen), installs the optional system packages the tests use
// (when root and apt are available), and builds every package (including the native
// sandbox helper). Idempotent: a second run takes seconds.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const quiet = process.argv.includes('--quiet');
const env = { ...process.env, TURBO_TELEMETRY_DISABLED: '1', TURBO_NO_UPDATE_NOTIFIER: '1' };
env.PATH = `${join(root, 'node_modules', '.bin')}:${env.PATH ?? ''}`;

function run(cmd, args, opts = {}) {
  if (!quiet) process.stderr.write(`\n$ ${cmd} ${args.join(' ')}\n`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: quiet && opts.hideOutput ? 'ignore' : 'inherit', env });
  if (r.error) throw r.error;
  if (r.status !== 0 && !opts.optional) {
    process.stderr.write(`setup: \`${cmd} ${args.join(' ')}\` failed with exit code ${r.status}\n`);
    process.exit(r.status ?? 1);
  }
  return r.status === 0;
}

function have(bin) {
  return spawnSync('sh', ['-c', `command -v ${bin}`], { stdio: 'ignore' }).status === 0;
}

// 1. JS dependencies with the pinned pnpm. After the first install the pinned pnpm lives in
//    node_modules/.bin, so later runs need no npx (npx re-checks the registry every call).
const localPnpm = join(root, 'node_modules', '.bin', 'pnpm');
if (existsSync(localPnpm)) run(localPnpm, ['install', '--frozen-lockfile', '--prefer-offline'], { hideOutput: true });
else run('npx', ['--yes', 'pnpm@10.34.9', 'install', '--frozen-lockfile']);

// 2. System packages some tests exercise (bubblewrap for the sandbox's bwrap backend, strace,
//    redis-server for the fleet, python3 for the orphan, PTY and terminal-escape suites).
//    Optional: without them those tests report what is missing instead of failing (python3:
//    they fail, naming the missing interpreter).
const wanted = [['bwrap', 'bubblewrap'], ['strace', 'strace'], ['redis-server', 'redis-server'], ['python3', 'python3']].filter(([bin]) => !have(bin)).map(([, pkg]) => pkg);
if (wanted.length > 0 && process.getuid?.() === 0 && have('apt-get')) {
  if (!run('apt-get', ['install', '-y', '-q', ...wanted], { optional: true, hideOutput: true })) {
    run('apt-get', ['update', '-q'], { optional: true, hideOutput: true });
    run('apt-get', ['install', '-y', '-q', ...wanted], { optional: true, hideOutput: true });
  }
}

// 3. Build every package (turbo caches; the native helper is built by linux-sandbox's build).
run(join(root, 'node_modules', '.bin', 'turbo'), ['run', 'build', '--output-logs=errors-only'], { hideOutput: false });

// 4. npm's cache gets the libraries' third-party dependencies once, so the release tarballs
//    (`npm run pack`) install with `--offline` (the install test does that).
run(process.execPath, [join(root, 'scripts', 'warm-npm-cache.mjs')], { optional: true });

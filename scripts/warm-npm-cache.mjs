#!/usr/bin/env node
// Puts the third-party dependencies of every publishable package (and @types/node) into
// npm's own cache, so installing the release tarballs later works with `--offline`
// (the workspace itself is installed by pnpm, whose store npm cannot read). Run by
// `npm run setup`; skipped when the dependency set has not changed since the last run.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const deps = {};
for (const d of readdirSync(join(root, 'packages'))) {
  const file = join(root, 'packages', d, 'package.json');
  if (!existsSync(file)) continue;
  const json = JSON.parse(readFileSync(file, 'utf8'));
  if (json.private) continue;
  for (const [n, v] of Object.entries(json.dependencies ?? {})) if (!String(v).startsWith('workspace:')) deps[n] = v;
}
const rootJson = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
deps['@types/node'] = rootJson.devDependencies['@types/node'];

const stampDir = join(root, 'node_modules', '.cache');
const stamp = join(stampDir, 'codex-npm-cache-warm.json');
const key = createHash('sha256').update(JSON.stringify(Object.entries(deps).sort())).digest('hex');
if (existsSync(stamp) && JSON.parse(readFileSync(stamp, 'utf8')).key === key) process.exit(0);

const dir = mkdtempSync(join(tmpdir(), 'codex-npm-warm-'));
try {
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'codex-npm-warm', private: true, dependencies: deps }));
  const r = spawnSync('npm', ['install', '--prefer-offline', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: dir, stdio: 'inherit' });
  if (r.status !== 0) {
    process.stderr.write('warm-npm-cache: npm install failed; installing the release tarballs offline will not work until it succeeds.\n');
    process.exit(0);
  }
  mkdirSync(stampDir, { recursive: true });
  writeFileSync(stamp, JSON.stringify({ key, deps }));
} finally {
  rmSync(dir, { recursive: true, force: true });
}

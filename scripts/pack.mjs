#!/usr/bin/env node
// `npm run pack`: one installable npm tarball per publishable package.
//   release/codex-ts-cli-<v>.tgz                      the `codex` binary: one bundled entry plus
//                                                     lazily loaded chunks, no JS dependencies
//   release/codex-ts-linux-sandbox-linux-x64-<v>.tgz  the prebuilt sandbox helper (os/cpu gated,
//                                                     an optionalDependency of the cli)
//   release/lib/codex-ts-<pkg>-<v>.tgz               the libraries, with normal dependencies
// `npm install -g ./release/*.tgz` installs the CLI. Each package is staged in a temp dir with
// `workspace:*` replaced by real versions, then packed with `npm pack` (which keeps the
// execute bit). Flags: --out DIR (default release/), --no-build (use the built dist as is).
import { spawnSync } from 'node:child_process';
import { builtinModules } from 'node:module';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { listTarball } from './tarball.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const outArg = argv.indexOf('--out');
const out = resolve(outArg >= 0 ? argv[outArg + 1] : join(root, 'release'));
const build = !argv.includes('--no-build');
const PLATFORM_PKG = `@codex-ts/linux-sandbox-${process.platform}-${process.arch}`;
const HELPER = 'codex-linux-sandbox';

function fail(message) {
  process.stderr.write(`pack: ${message}\n`);
  process.exit(1);
}

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { cwd: root, encoding: 'utf8', ...opts });
  if (r.error) fail(`cannot run ${cmd}: ${r.error.message}`);
  if (r.status !== 0) fail(`\`${cmd} ${args.join(' ')}\` failed (exit ${r.status}):\n${r.stderr}`);
  return r.stdout;
}

const readJson = (path) => JSON.parse(readFileSync(path, 'utf8'));

// 1. Build (turbo caches), unless the caller already did.
if (build) {
  const env = { ...process.env, PATH: `${join(root, 'node_modules', '.bin')}:${process.env.PATH ?? ''}`, TURBO_TELEMETRY_DISABLED: '1' };
  run(join(root, 'node_modules', '.bin', 'turbo'), ['run', 'build', '--output-logs=errors-only'], { env, stdio: ['ignore', 'ignore', 'inherit'] });
}

// 2. The workspace: every package and its version.
const pkgs = readdirSync(join(root, 'packages'))
  .filter((d) => existsSync(join(root, 'packages', d, 'package.json')))
  .map((d) => ({ dir: join(root, 'packages', d), json: readJson(join(root, 'packages', d, 'package.json')) }))
  .filter((p) => p.json.private !== true);
const versions = new Map(pkgs.map((p) => [p.json.name, p.json.version]));
// Third-party versions pinned anywhere in the workspace (for the cli's external deps).
const pinned = new Map();
for (const p of pkgs) for (const [n, v] of Object.entries(p.json.dependencies ?? {})) if (!String(v).startsWith('workspace:')) pinned.set(n, v);

function realVersions(deps) {
  if (!deps) return undefined;
  const outDeps = {};
  for (const [name, spec] of Object.entries(deps)) {
    if (String(spec).startsWith('workspace:')) {
      const v = versions.get(name);
      if (!v) fail(`${name} is a workspace dependency but not a publishable package`);
      const range = String(spec).slice('workspace:'.length);
      outDeps[name] = range === '^' ? `^${v}` : range === '~' ? `~${v}` : v;
    } else outDeps[name] = spec;
  }
  return outDeps;
}

/** The publishable package.json: real versions, no dev-only fields. */
function publishJson(json, extra = {}) {
  const { devDependencies: _d, scripts: _s, ...rest } = json;
  const pub = { ...rest, ...extra };
  for (const k of ['dependencies', 'optionalDependencies', 'peerDependencies']) {
    const v = realVersions(pub[k]);
    if (v && Object.keys(v).length > 0) pub[k] = v;
    else delete pub[k];
  }
  pub.engines ??= { node: '>=20.19' };
  return pub;
}

const stageRoot = mkdtempSync(join(tmpdir(), 'codex-pack-'));
function stage(name, files) {
  const dir = join(stageRoot, name.replace('@', '').replace('/', '+'));
  mkdirSync(dir, { recursive: true });
  for (const [from, to, filter] of files) {
    if (!existsSync(from)) continue;
    cpSync(from, join(dir, to), { recursive: true, dereference: true, ...(filter ? { filter } : {}) });
  }
  return dir;
}

const noMaps = (src) => !src.endsWith('.map');
const libs = [];
let cliStage;

// 3. Libraries: their own files, real versions. linux-sandbox ships sources + the install
//    fallback, not a helper built for this machine (that is the platform package's job).
for (const p of pkgs) {
  if (p.json.name === '@codex-ts/cli') continue;
  const files = (p.json.files ?? ['dist']).map((f) => [join(p.dir, f), f, f === 'bin' && p.json.name === '@codex-ts/linux-sandbox' ? (src) => !src.endsWith(HELPER) : undefined]);
  files.push([join(p.dir, 'README.md'), 'README.md']);
  const dir = stage(p.json.name, files);
  const extra = {};
  if (p.json.name === '@codex-ts/linux-sandbox') {
    extra.optionalDependencies = { ...(p.json.optionalDependencies ?? {}), [PLATFORM_PKG]: p.json.version };
    extra.scripts = { postinstall: 'node scripts/install-helper.mjs' };
  }
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify(publishJson(p.json, extra), null, 2)}\n`);
  libs.push(dir);
}

// 4. The cli: the bundle (no source maps), the launcher, the helper's sources and install
//    fallback. Its only runtime dependencies are what the bundle left external.
{
  const p = pkgs.find((x) => x.json.name === '@codex-ts/cli');
  if (!p) fail('packages/cli is missing');
  const sandbox = join(root, 'packages', 'linux-sandbox');
  const dir = stage('@codex-ts/cli', [
    [join(p.dir, 'dist'), 'dist', noMaps],
    [join(p.dir, 'bin'), 'bin', (src) => !src.endsWith(HELPER)],
    [join(p.dir, 'README.md'), 'README.md'],
    [join(sandbox, 'native'), 'native'],
    [join(sandbox, 'scripts', 'build-native.mjs'), 'scripts/build-native.mjs'],
    [join(sandbox, 'scripts', 'install-helper.mjs'), 'scripts/install-helper.mjs'],
  ]);
  const external = bundleExternals(join(dir, 'dist'));
  const dependencies = {};
  for (const name of external) {
    const v = versions.get(name) ?? pinned.get(name) ?? p.json.dependencies?.[name];
    if (!v) fail(`the cli bundle imports ${name}, which no workspace package.json pins`);
    dependencies[name] = v;
  }
  const json = publishJson(
    { ...p.json, dependencies },
    {
      bin: { codex: 'bin/codex' },
      files: ['dist', 'bin', 'native', 'scripts'],
      optionalDependencies: { [PLATFORM_PKG]: p.json.version },
      scripts: { postinstall: 'node scripts/install-helper.mjs' },
    },
  );
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify(json, null, 2)}\n`);
  cliStage = dir;
}

/** Packages the bundle imports at runtime (node builtins aside), from esbuild's metafile. */
function bundleExternals(distDir) {
  const metaFile = join(distDir, 'metafile-esm.json');
  if (!existsSync(metaFile)) fail(`${metaFile} is missing (the cli's tsup config sets metafile: true; rebuild the cli)`);
  const meta = readJson(metaFile);
  rmSync(metaFile);
  const builtins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
  const found = new Set();
  for (const output of Object.values(meta.outputs)) {
    for (const imp of output.imports ?? []) {
      if (!imp.external || builtins.has(imp.path) || imp.path.startsWith('.')) continue;
      found.add(imp.path.startsWith('@') ? imp.path.split('/').slice(0, 2).join('/') : imp.path.split('/')[0]);
    }
  }
  return [...found].sort();
}

// 5. The platform package with the helper built here (linux only).
let platformStage;
const helper = join(root, 'packages', 'linux-sandbox', 'bin', HELPER);
if (process.platform === 'linux' && existsSync(helper)) {
  const version = versions.get('@codex-ts/linux-sandbox');
  const dir = stage(PLATFORM_PKG, [[helper, `bin/${HELPER}`]]);
  chmodSync(join(dir, 'bin', HELPER), 0o755);
  writeFileSync(
    join(dir, 'README.md'),
    `# ${PLATFORM_PKG}\n\nThe prebuilt \`${HELPER}\` sandbox helper (Landlock + seccomp) for ${process.platform}-${process.arch}, ` +
      'installed automatically as an optional dependency of `@codex-ts/cli` and `@codex-ts/linux-sandbox`.\n',
  );
  const json = {
    name: PLATFORM_PKG,
    version,
    description: `The prebuilt ${HELPER} helper for ${process.platform}-${process.arch}.`,
    license: versions.has('@codex-ts/linux-sandbox') ? pkgs.find((x) => x.json.name === '@codex-ts/linux-sandbox').json.license : 'Apache-2.0',
    os: [process.platform],
    cpu: [process.arch],
    files: ['bin'],
    preferUnplugged: true,
  };
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify(json, null, 2)}\n`);
  platformStage = dir;
} else {
  process.stderr.write(`pack: no platform package (the helper is built only on linux; ${helper} is missing)\n`);
}

// 6. Pack: top level for what `npm install -g ./release/*.tgz` takes, lib/ for the libraries.
for (const d of [out, join(out, 'lib')]) {
  mkdirSync(d, { recursive: true });
  for (const f of readdirSync(d)) if (f.endsWith('.tgz')) rmSync(join(d, f));
}
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const packInto = (dest, dirs) =>
  run(npm, ['pack', '--ignore-scripts', '--silent', '--pack-destination', dest, ...dirs.map((d) => `file:${d}`)], { cwd: stageRoot }).trim().split('\n').filter(Boolean);
const top = packInto(out, [cliStage, ...(platformStage ? [platformStage] : [])]);
const lib = packInto(join(out, 'lib'), libs);
rmSync(stageRoot, { recursive: true, force: true });

// 7. Check what was written: no workspace protocol, the execute bits, and report sizes.
const rows = [];
for (const [dir, names] of [[out, top], [join(out, 'lib'), lib]]) {
  for (const name of names) {
    const file = join(dir, name);
    const entries = listTarball(file);
    const pj = entries.find((e) => e.path === 'package/package.json');
    const text = pj?.text ?? '';
    if (text.includes('workspace:')) fail(`${name} still has a workspace: dependency`);
    for (const e of entries) {
      const wantsExec = e.path === `package/bin/${HELPER}` || e.path === 'package/bin/codex';
      if (wantsExec && (e.mode & 0o111) === 0) fail(`${name}: ${e.path} lost its execute bit`);
    }
    rows.push({ tarball: join(dir === out ? '' : 'lib', name), kB: Math.round(statSync(file).size / 1024) });
  }
}
for (const r of rows) process.stdout.write(`${r.tarball.padEnd(52)} ${String(r.kB).padStart(6)} kB\n`);
process.stdout.write(`\nInstall the CLI: npm install -g ${dirRel(out)}/*.tgz\n`);

function dirRel(p) {
  const rel = p.startsWith(`${process.cwd()}/`) ? `./${p.slice(process.cwd().length + 1)}` : p;
  return rel;
}

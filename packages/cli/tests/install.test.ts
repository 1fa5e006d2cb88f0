// The release as a user gets it: `npm run pack`, then `npm install -g --prefix TMP
// ./release/*.tgz` offline (from the tarballs and npm's cache, which `npm run setup` warms)
// on a PATH with neither pnpm nor a C compiler, then `codex --version`, `codex exec` against
// the scripted model with the sandbox on, and `codex sandbox -- CMD`. Also: a missing helper
// is reported with what is missing (or compiled at install when a compiler exists), and
// every library tarball installs into an empty project where an ESM program imports it and
// a TypeScript program type-checks against its types.
import { spawnSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startModelServer, turn, type ScriptedModelServer } from '@codex-ts/test-support';
import { listTarball } from '../../../scripts/tarball.mjs';

const repo = resolve(import.meta.dirname, '..', '..', '..');
const version = (JSON.parse(readFileSync(join(repo, 'packages', 'cli', 'package.json'), 'utf8')) as { version: string }).version;
const tsc = join(repo, 'node_modules', 'typescript', 'bin', 'tsc');
const linuxX64 = process.platform === 'linux' && process.arch === 'x64';

// Tools a user's machine has besides Node and npm; deliberately no cc/gcc and no pnpm.
const TOOLS = ['node', 'npm', 'npx', 'sh', 'bash', 'true', 'env', 'ls', 'cat', 'touch', 'mkdir', 'rm', 'git', 'uname', 'sed', 'grep', 'head', 'tr', 'id', 'dirname'];

let root: string;
let release: string;
let toolbin: string;
let project: string;
let libNames: string[];
let libInstall: Promise<{ code: number | null; stderr: string }>;

function run(cmd: string, args: string[], opts: { cwd: string; env?: NodeJS.ProcessEnv; input?: string }) {
  const r = spawnSync(cmd, args, { cwd: opts.cwd, env: opts.env ?? userEnv(), input: opts.input ?? '', encoding: 'utf8', timeout: 240_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, error: r.error };
}

/** A user's environment: only toolbin (and an install prefix) on PATH, no workspace variables. */
function userEnv(prefix?: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const k of ['HOME', 'TMPDIR', 'LANG', 'USER']) if (process.env[k] !== undefined) env[k] = process.env[k];
  env.PATH = [...(prefix ? [join(prefix, 'bin')] : []), toolbin].join(':');
  env.npm_config_update_notifier = 'false';
  env.NO_COLOR = '1';
  return { ...env, ...extra };
}

function npmInstall(args: string[], cwd: string, prefix?: string) {
  const r = run('npm', ['install', '--offline', '--no-audit', '--no-fund', '--loglevel=error', ...args], { cwd, env: userEnv(prefix) });
  if (r.code !== 0) throw new Error(`npm install ${args.join(' ')} failed (${r.code}):\n${r.stderr}`);
  return r;
}

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'codex-install-'));
  release = join(root, 'release');
  toolbin = join(root, 'toolbin');
  mkdirSync(toolbin);
  for (const t of TOOLS) {
    // The executable file on the host PATH (`command -v` would answer shell builtins by name).
    const found = (process.env.PATH ?? '').split(':').map((d) => join(d, t)).find((p) => p.startsWith('/') && existsSync(p) && statSync(p).isFile());
    if (found) symlinkSync(found, join(toolbin, t));
  }
  // The real script, through npm, into a private directory (the dist is already built).
  const r = run('npm', ['run', '--silent', 'pack', '--', '--no-build', '--out', release], { cwd: repo, env: { ...process.env } });
  if (r.code !== 0) throw new Error(`npm run pack failed:\n${r.stderr}`);
  // The libraries' install (the slow part) runs while the CLI tests run; awaited below.
  project = join(root, 'project');
  mkdirSync(project);
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  const tarballs = readdirSync(join(release, 'lib')).map((f) => join(release, 'lib', f));
  libNames = tarballs.map((t) => (JSON.parse(listTarball(t).find((e) => e.path === 'package/package.json')!.text!) as { name: string }).name);
  libInstall = new Promise((res) => {
    const child = spawn('npm', ['install', '--offline', '--no-audit', '--no-fund', '--loglevel=error', '--ignore-scripts', ...tarballs, '@types/node@20'], {
      cwd: project,
      env: userEnv(),
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', (err) => res({ code: null, stderr: String(err) }));
    child.on('close', (code) => res({ code, stderr }));
  });
}, 240_000);

afterAll(() => {
  if (root) rmSync(root, { recursive: true, force: true });
});

describe('npm run pack', () => {
  it('writes the cli and platform tarballs at the top and one tarball per library under lib/', () => {
    const top = readdirSync(release).filter((f) => f.endsWith('.tgz')).sort();
    expect(top).toEqual([`codex-ts-cli-${version}.tgz`, ...(linuxX64 ? [`codex-ts-linux-sandbox-linux-x64-${version}.tgz`] : [])]);
    const libs = readdirSync(join(release, 'lib')).sort();
    const publishable = readdirSync(join(repo, 'packages'))
      .filter((d) => d !== 'cli' && existsSync(join(repo, 'packages', d, 'package.json')))
      .filter((d) => (JSON.parse(readFileSync(join(repo, 'packages', d, 'package.json'), 'utf8')) as { private?: boolean }).private !== true)
      .map((d) => `codex-ts-${d}-${version}.tgz`)
      .sort();
    expect(libs).toEqual(publishable);
  });

  it('leaves no PATH with a compiler or pnpm for the user environment', () => {
    for (const bin of ['cc', 'gcc', 'pnpm']) {
      expect(run('sh', ['-c', `command -v ${bin} || echo none`], { cwd: root }).stdout.trim()).toBe('none');
    }
  });
});

describe('global install of the CLI', () => {
  let prefix: string;
  let ws: string;
  let home: string;
  let server: ScriptedModelServer;

  beforeAll(async () => {
    prefix = join(root, 'global');
    npmInstall(['-g', '--prefix', prefix, ...readdirSync(release).filter((f) => f.endsWith('.tgz')).map((f) => `./${f}`)], release, prefix);
    ws = join(root, 'ws');
    home = join(root, 'home');
    mkdirSync(ws);
    mkdirSync(home);
    spawnSync('git', ['init', '-q'], { cwd: ws });
    server = await startModelServer();
  }, 240_000);

  afterAll(async () => {
    await server?.close();
  });

  const codex = (args: string[], input = '') => run(join(prefix, 'bin', 'codex'), args, { cwd: ws, env: userEnv(prefix, { CODEX_HOME: home, OPENAI_BASE_URL: server.baseUrl, OPENAI_API_KEY: 'test-key' }), input });

  it('puts codex on PATH and prints the version', () => {
    expect(run('codex', ['--version'], { cwd: ws, env: userEnv(prefix) })).toMatchObject({ code: 0, stdout: `codex-cli ${version}\n`, stderr: '' });
  });

  it.runIf(linuxX64)('gets the helper from the platform package, executable, with nothing compiled', () => {
    const helper = join(prefix, 'lib', 'node_modules', '@codex-ts', 'linux-sandbox-linux-x64', 'bin', 'codex-linux-sandbox');
    expect(statSync(helper).mode & 0o111).toBe(0o111);
    expect(existsSync(join(prefix, 'lib', 'node_modules', '@codex-ts', 'cli', 'bin', 'codex-linux-sandbox'))).toBe(false);
  });

  it.runIf(linuxX64)('codex sandbox -- CMD runs the command read-only and returns its status', () => {
    expect(codex(['sandbox', '--', 'true'])).toMatchObject({ code: 0 });
    const denied = codex(['sandbox', '--', 'touch', 'x']);
    expect(denied.code).toBe(1);
    expect(existsSync(join(ws, 'x'))).toBe(false);
    expect(codex(['sandbox', '--', 'sh', '-c', 'exit 7']).code).toBe(7);
  });

  it.runIf(linuxX64)('codex exec runs a sandboxed shell call from the scripted model', async () => {
    server.queueResponses(
      turn.shell(['bash', '-c', 'echo made > inside.txt; echo x > /etc/codex-install-test || echo write-denied']),
      turn.message('Done.'),
    );
    const r = await new Promise<{ code: number | null; stdout: string; stderr: string }>((res) => {
      const child = spawn(join(prefix, 'bin', 'codex'), ['exec', '--full-auto', '--color', 'never', 'make a file'], {
        cwd: ws,
        env: userEnv(prefix, { CODEX_HOME: home, OPENAI_BASE_URL: server.baseUrl, OPENAI_API_KEY: 'test-key' }),
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.on('close', (code) => res({ code, stdout, stderr }));
    });
    expect(r).toMatchObject({ code: 0, stdout: 'Done.\n' });
    expect(readFileSync(join(ws, 'inside.txt'), 'utf8')).toBe('made\n');
    expect(existsSync('/etc/codex-install-test')).toBe(false);
    expect(r.stderr).toContain('write-denied');
    expect(JSON.stringify(server.requests[0]?.body)).toContain('make a file');
  });
});

describe.runIf(linuxX64)('a CLI installed without its platform package', () => {
  it('names what is missing and how to get it, and runs nothing', () => {
    const prefix = join(root, 'bare');
    npmInstall(['-g', '--prefix', prefix, '--omit=optional', `./codex-ts-cli-${version}.tgz`], release, prefix);
    const ws = mkdtempSync(join(root, 'bare-ws-'));
    const r = run(join(prefix, 'bin', 'codex'), ['sandbox', '--', 'touch', 'x'], { cwd: ws, env: userEnv(prefix, { CODEX_HOME: ws }) });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error: Cannot sandbox the command: the sandbox helper codex-linux-sandbox is missing \(looked in .*\)\. It ships prebuilt in the optional package @codex-ts\/linux-sandbox-linux-x64: /);
    expect(r.stderr).not.toMatch(/pnpm|bwrap: /);
    expect(existsSync(join(ws, 'x'))).toBe(false);
  });

  it('compiles the helper at install time when a C compiler is on PATH', () => {
    const prefix = join(root, 'compiled');
    // The host PATH has cc; npm 11 runs a global package's postinstall only when allowed.
    const r = run('npm', ['install', '-g', '--prefix', prefix, '--offline', '--no-audit', '--no-fund', '--loglevel=error', '--omit=optional', '--allow-scripts=@codex-ts/cli', `./codex-ts-cli-${version}.tgz`], {
      cwd: release,
      env: { ...process.env, PATH: `${join(prefix, 'bin')}:${process.env.PATH ?? ''}` },
    });
    expect(r.code).toBe(0);
    const helper = join(prefix, 'lib', 'node_modules', '@codex-ts', 'cli', 'bin', 'codex-linux-sandbox');
    expect(statSync(helper).mode & 0o111).toBe(0o111);
    const ws = mkdtempSync(join(root, 'compiled-ws-'));
    expect(run(join(prefix, 'bin', 'codex'), ['sandbox', '--', 'sh', '-c', 'exit 3'], { cwd: ws, env: userEnv(prefix, { CODEX_HOME: ws }) }).code).toBe(3);
  });
});

describe('the library tarballs in an empty project', () => {
  let names: string[];

  beforeAll(async () => {
    const r = await libInstall;
    if (r.code !== 0) throw new Error(`npm install of the library tarballs failed (${r.code}):\n${r.stderr}`);
    names = libNames;
  }, 240_000);

  it('imports every library from an ESM program', () => {
    const lines = names.map((n, i) => `import * as m${i} from '${n}';\nout['${n}'] = Object.keys(m${i}).length;`);
    writeFileSync(join(project, 'esm.mjs'), `const out = {};\n${lines.join('\n')}\nconsole.log(JSON.stringify(out));\n`);
    const r = run('node', ['esm.mjs'], { cwd: project });
    expect(r.stderr).toBe('');
    const counts = JSON.parse(r.stdout) as Record<string, number>;
    expect(Object.keys(counts).sort()).toEqual([...names].sort());
    for (const n of names) expect(counts[n], n).toBeGreaterThan(0);
  });

  it('type-checks a TypeScript program naming every runtime export of every library', () => {
    const files: string[] = [];
    for (const [i, n] of names.entries()) {
      const keys = JSON.parse(run('node', ['--input-type=module', '-e', `import * as m from '${n}'; console.log(JSON.stringify(Object.keys(m)))`], { cwd: project }).stdout) as string[];
      const file = `use-${i}.ts`;
      writeFileSync(join(project, file), `import * as m from '${n}';\nexport const names: Array<keyof typeof m> = ${JSON.stringify(keys)};\n`);
      files.push(file);
    }
    writeFileSync(
      join(project, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022', strict: true, noEmit: true, types: ['node'], skipLibCheck: true }, files }),
    );
    const r = run('node', [tsc, '-p', 'tsconfig.json'], { cwd: project });
    expect(r.stdout + r.stderr).toBe('');
    expect(r.code).toBe(0);
  });
});

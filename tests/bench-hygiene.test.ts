// Benchmarks must not change the machine: no package manager runs from a bench except the
// one opt-in installer of the real Codex (CODEX_BENCH_INSTALL_REAL=1), missing tools are
// reported and skipped, and a run keeps its temp files in one directory it removes.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
// @ts-expect-error plain ESM helpers without types
const lib = (await import('../bench/lib.mjs')) as {
  realCodex(o: { log?: (m: string) => void; dir?: string; env?: Record<string, string>; install?: (dir: string) => string | null }): { bin?: string; reason?: string };
  mayInstallRealCodex(env: Record<string, string>): boolean;
};
// @ts-expect-error plain ESM bench module without types
const fileSearch = (await import('../packages/file-search/bench/file-search.bench.mjs')) as { findTools(which: (...n: string[]) => string | null): { fd?: string; fzf?: string; reason?: string } };

function benchSources(): string[] {
  const out = readdirSync(join(root, 'bench'))
    .filter((f) => f.endsWith('.mjs'))
    .map((f) => join(root, 'bench', f));
  for (const p of readdirSync(join(root, 'packages'))) {
    const d = join(root, 'packages', p, 'bench');
    try {
      for (const f of readdirSync(d)) if (f.endsWith('.mjs')) out.push(join(d, f));
    } catch {
      // no bench directory
    }
  }
  return out;
}

describe('benches do not change the machine', () => {
  it('no bench runs a package manager; only bench/lib.mjs may (the opt-in real Codex install), and the install bench (offline, into the run\'s temp prefix: that install is what it measures)', () => {
    const runsInstaller = /\b(spawn|spawnSync|execFile|execFileSync|exec|execSync)\(\s*['"`](apt-get|apt|dpkg|npm|pnpm|yarn|pip3?)['"`]/;
    const allowed = new Set([join('bench', 'lib.mjs'), join('packages', 'cli', 'bench', 'install.bench.mjs')]);
    const offenders = benchSources()
      .filter((f) => !allowed.has(relative(root, f)))
      .filter((f) => runsInstaller.test(readFileSync(f, 'utf8')))
      .map((f) => relative(root, f));
    expect(offenders).toEqual([]);
    // The install bench stays offline and inside its temp prefix.
    const install = readFileSync(join(root, 'packages', 'cli', 'bench', 'install.bench.mjs'), 'utf8');
    for (const m of install.matchAll(/spawnSync\('npm', \[([^\]]*)\]/g)) {
      expect(m[1]).toContain("'--offline'");
      expect(m[1]).toContain("'--prefix'");
    }
  });

  it('the real Codex is downloaded only with CODEX_BENCH_INSTALL_REAL=1', () => {
    const dir = mkdtempSync(join(tmpdir(), 'codex-bench-real-'));
    try {
      const installs: string[] = [];
      const install = (d: string) => {
        installs.push(d);
        return 'offline';
      };
      expect(lib.realCodex({ dir, env: {}, install }).reason).toMatch(/^no real Codex in .*CODEX_BENCH_INSTALL_REAL=1/);
      expect(lib.realCodex({ dir, env: { CODEX_BENCH_INSTALL_REAL: '0' }, install }).reason).toMatch(/^no real Codex in /);
      expect(installs).toEqual([]);
      expect(lib.realCodex({ dir, env: { CODEX_BENCH_INSTALL_REAL: '1' }, install })).toEqual({ reason: 'npm install @openai/codex failed: offline' });
      expect(installs).toEqual([dir]);
      // An installed one is used as found, without installing.
      const bin = join(dir, 'node_modules', '@openai', 'codex-linux-x64', 'vendor', 'x86_64-unknown-linux-musl', 'bin');
      mkdirSync(bin, { recursive: true });
      writeFileSync(join(bin, 'codex'), '');
      expect(lib.realCodex({ dir, env: {}, install })).toEqual({ bin: join(bin, 'codex') });
      expect(installs).toHaveLength(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('file-search: missing fd or fzf is a reported skip, not an install', () => {
    const only = (...present: string[]) => (...names: string[]) => names.find((n) => present.includes(n)) ?? null;
    expect(fileSearch.findTools(only('fdfind', 'fzf'))).toEqual({ fd: 'fdfind', fzf: 'fzf' });
    expect(fileSearch.findTools(only('fd', 'fzf'))).toEqual({ fd: 'fd', fzf: 'fzf' });
    expect(fileSearch.findTools(only('fzf')).reason).toBe('skipped: fd (fdfind) not installed (apt-get install fd-find fzf); the bench installs nothing');
    expect(fileSearch.findTools(only()).reason).toMatch(/^skipped: fd \(fdfind\) and fzf not installed/);
  });

  it('bench/index.mjs gives the run one TMPDIR and removes it, whatever the benches leave there', () => {
    const src = readFileSync(join(root, 'bench', 'index.mjs'), 'utf8');
    expect(src).toMatch(/const runTmp = mkdtempSync\(/);
    expect(src).toMatch(/process\.env\.TMPDIR = runTmp;/);
    expect(src).toMatch(/rmSync\(runTmp, \{ recursive: true, force: true \}\)/);
    // Benches that need a directory outside TMPDIR (the session bench, /var/tmp) remove it in a finally.
    for (const f of benchSources()) {
      const text = readFileSync(f, 'utf8');
      const mk = [...text.matchAll(/const (\w+) = mkdtempSync\(/g)].map((m) => m[1]!);
      for (const v of mk) expect({ file: relative(root, f), v, removed: new RegExp(`rmSync\\(${v}, \\{ recursive: true, force: true \\}\\)`).test(text) }).toEqual({ file: relative(root, f), v, removed: true });
    }
  });
});

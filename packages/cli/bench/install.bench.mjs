// The release as installed: `npm run pack` into a temp dir, then `npm install -g --prefix TMP
// ./release/*.tgz --offline` (size of TMP and wall time, median of 3 fresh prefixes), and
// `codex --version` / `codex exec` start-up from that global install against `node -e 0`.
// Targets (issue 12): install <= 15 MB and <= 10 s; --version <= 1.3x node.
// Leaves nothing behind: every directory it makes is under one temp dir, removed at the end.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function duBytes(dir) {
  let total = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) total += duBytes(p);
    else if (e.isFile()) total += statSync(p).size;
  }
  return total;
}

export default async function install({ root, measure, median, log }) {
  const tmp = mkdtempSync(join(tmpdir(), 'codex-bench-install-'));
  try {
    const release = join(tmp, 'release');
    const pack = spawnSync(process.execPath, [join(root, 'scripts', 'pack.mjs'), '--no-build', '--out', release], { encoding: 'utf8' });
    if (pack.status !== 0) throw new Error(`pack failed: ${pack.stderr}`);
    const tarballs = readdirSync(release).filter((f) => f.endsWith('.tgz')).map((f) => `./${f}`);
    const walls = [];
    const sizes = [];
    let prefix;
    for (let i = 0; i < 3; i++) {
      prefix = join(tmp, `global-${i}`);
      mkdirSync(prefix);
      const t0 = process.hrtime.bigint();
      const r = spawnSync('npm', ['install', '-g', '--prefix', prefix, '--offline', '--no-audit', '--no-fund', '--loglevel=error', ...tarballs], { cwd: release, encoding: 'utf8' });
      walls.push(Number(process.hrtime.bigint() - t0) / 1e6);
      if (r.status !== 0) throw new Error(`npm install -g failed: ${r.stderr}`);
      sizes.push(duBytes(prefix) / 1e6);
    }
    const wallMs = median(walls);
    const mb = median(sizes);
    log(`install: ${mb.toFixed(2)} MB, ${wallMs.toFixed(0)} ms`);
    const rows = [
      { bench: 'install', case: 'npm install -g ./release/*.tgz (offline)', wallMs, target: '<=10000ms', pass: wallMs <= 10_000, note: `${tarballs.length} tarballs` },
      { bench: 'install', case: 'global install size (MB)', wallMs: null, ratio: mb, target: '<=15MB', pass: mb <= 15, note: `${mb.toFixed(2)} MB on disk` },
    ];
    const codex = join(prefix, 'bin', 'codex');
    const base = await measure(process.execPath, ['-e', '0'], { runs: 15, warmup: 2 });
    const version = await measure(codex, ['--version'], { runs: 15, warmup: 2 });
    rows.push({ bench: 'install', case: 'node -e 0', wallMs: base.wallMs, peakMiB: base.peakMiB });
    rows.push({
      bench: 'install',
      case: 'codex --version (global install)',
      wallMs: version.wallMs,
      peakMiB: version.peakMiB,
      ratio: version.wallMs / base.wallMs,
      target: '<=1.3x',
      pass: version.wallMs / base.wallMs <= 1.3,
    });
    // Start-up through the lazily built parser and the exec module, up to the first check
    // (`exec -` with empty stdin exits 1 before any engine or network work).
    const exec = await measure(codex, ['exec', '--skip-git-repo-check', '-'], { runs: 9, warmup: 1, check: false, input: '', cwd: tmp, env: { ...process.env, CODEX_HOME: tmp } });
    rows.push({ bench: 'install', case: 'codex exec - (empty stdin: parse + load exec, exit 1)', wallMs: exec.wallMs, peakMiB: exec.peakMiB, ratio: exec.wallMs / base.wallMs });
    const help = await measure(codex, ['exec', '--help'], { runs: 9, warmup: 1 });
    rows.push({ bench: 'install', case: 'codex exec --help', wallMs: help.wallMs, peakMiB: help.peakMiB, ratio: help.wallMs / base.wallMs });
    return rows;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

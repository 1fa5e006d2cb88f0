// Benchmark: codex-file-search against `fd | fzf --filter` on a generated 200k-file tree and
// on the workspace's node_modules, warm (and, on request, cold) page cache. Runs of the two
// contenders are interleaved so machine noise hits both alike.
// The bench changes nothing on the machine: fd (`fdfind` on Debian) and fzf are used when
// installed (apt-get install fd-find fzf) and their rows are skipped, with the reason, when
// not; the tree is generated in the run's scratch dir and removed with it unless
// CODEX_BENCH_TREE_DIR names a directory to keep it in between runs; the cold-cache row
// drops the page cache of the whole machine, so it runs only with CODEX_BENCH_DROP_CACHES=1.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ensureTree } from './gen-tree.mjs';

const PKG = join(dirname(fileURLToPath(import.meta.url)), '..');
const BIN = join(PKG, 'bin', 'codex-file-search');
const TARGET = '<=1.0x wall, <=2x mem';

/** fd and fzf when both are installed, else the reason the comparison rows are skipped. */
export function findTools(which) {
  const fd = which('fdfind', 'fd');
  const fzf = which('fzf');
  const missing = [fd ? null : 'fd (fdfind)', fzf ? null : 'fzf'].filter(Boolean);
  if (missing.length) return { reason: `skipped: ${missing.join(' and ')} not installed (apt-get install fd-find fzf); the bench installs nothing` };
  return { fd, fzf };
}

function ensureBuilt(root, log) {
  if (existsSync(join(PKG, 'dist', 'cli.js'))) return;
  log('building @codex-ts/file-search');
  execFileSync(join(root, 'node_modules', '.bin', 'tsup'), [], { cwd: PKG, stdio: 'ignore' });
}

function dropCaches() {
  try {
    execFileSync('sync');
    writeFileSync('/proc/sys/vm/drop_caches', '3\n');
    return true;
  } catch {
    return false;
  }
}

const sh = (s) => `'${s.replaceAll("'", "'\\''")}'`;

/** One fd | fzf run; memory is the sum of the two processes' peaks (they run side by side). */
async function runPipeline(ctx, scratch, cwd, fdArgs, query) {
  const fd = ctx.tools.fd;
  const a = join(scratch, 'fd.kb');
  const b = join(scratch, 'fzf.kb');
  const script = `/usr/bin/time -f %M -o ${a} ${sh(fd)} ${fdArgs} | /usr/bin/time -f %M -o ${b} fzf --filter ${sh(query)}; exit 0`;
  const r = await ctx.runOnce('sh', ['-c', script], { cwd });
  const kb = (f) => Number(readFileSync(f, 'utf8').trim().split('\n').pop());
  return { wallMs: r.wallMs, fdMiB: kb(a) / 1024, fzfMiB: kb(b) / 1024, lines: r.stdout.split('\n').filter(Boolean) };
}

async function runOurs(ctx, cwd, extra, query) {
  const r = await ctx.runOnce(process.execPath, [BIN, ...extra, query], { cwd });
  if (r.code !== 0) throw new Error(`codex-file-search exited ${r.code}: ${r.stderr.slice(0, 300)}`);
  return { wallMs: r.wallMs, peakMiB: r.peakMiB, lines: r.stdout.split('\n').filter(Boolean) };
}

/** Exact overlap of the two top-10 lists, and whether they agree up to equal (our) scores. */
function agreement(lib, query, ours, theirs) {
  const a = ours.slice(0, 10);
  const b = theirs.slice(0, 10);
  const overlap = b.filter((p) => a.includes(p)).length;
  const pat = lib.compilePattern(query);
  const scores = (xs) => xs.map((p) => lib.scorePattern(pat, p)).sort((x, y) => y - x).join(',');
  return { overlap, n: Math.max(a.length, b.length), tieEqual: scores(a) === scores(b) };
}

async function benchCase(ctx, lib, scratch, { label, cwd, oursArgs, fdArgs, query, runs, cold }) {
  const ours = [];
  const theirs = [];
  let lastOurs;
  let lastTheirs;
  for (let i = 0; i < runs + (cold ? 0 : 1); i++) {
    const warmup = !cold && i === 0;
    if (cold) dropCaches();
    lastOurs = await runOurs(ctx, cwd, oursArgs, query);
    if (cold) dropCaches();
    lastTheirs = await runPipeline(ctx, scratch, cwd, fdArgs, query);
    if (warmup) continue;
    ours.push(lastOurs);
    theirs.push(lastTheirs);
  }
  const wall = ctx.median(ours.map((r) => r.wallMs));
  const mem = ctx.median(ours.map((r) => r.peakMiB));
  const tWall = ctx.median(theirs.map((r) => r.wallMs));
  const fdMem = ctx.median(theirs.map((r) => r.fdMiB));
  const fzfMem = ctx.median(theirs.map((r) => r.fzfMiB));
  const tMem = fdMem + fzfMem;
  const ag = agreement(lib, query, lastOurs.lines, lastTheirs.lines);
  const ratio = wall / tWall;
  const memRatio = mem / tMem;
  const top = `top10 ${ag.overlap}/${ag.n} same${ag.tieEqual ? ', equal up to ties' : ''}`;
  return [
    { bench: 'file-search', case: `${label} "${query}" codex-file-search`, wallMs: wall, peakMiB: mem, ratio, target: TARGET, pass: ratio <= 1.0 && memRatio <= 2.0, note: `mem ${memRatio.toFixed(2)}x; ${top}; ${lastOurs.lines.length} lines` },
    { bench: 'file-search', case: `${label} "${query}" fdfind|fzf`, wallMs: tWall, peakMiB: tMem, note: `fd ${ctx.fmt(fdMem)} + fzf ${ctx.fmt(fzfMem)} MiB; ${lastTheirs.lines.length} matches` },
  ];
}

export default async function fileSearchBench(ctx) {
  const tools = findTools(ctx.which);
  if (!tools.fd) {
    ctx.log(tools.reason);
    return [{ bench: 'file-search', case: 'codex-file-search vs fd|fzf', wallMs: null, peakMiB: null, note: tools.reason }];
  }
  ctx = { ...ctx, tools };
  ensureBuilt(ctx.root, ctx.log);
  const lib = await import(pathToFileURL(join(PKG, 'dist', 'index.js')).href);
  const scratch = mkdtempSync(join(tmpdir(), 'codex-fs-bench-'));
  const rows = [];
  try {
    const TREE = process.env.CODEX_BENCH_TREE_DIR || join(scratch, 'tree');
    ctx.log(`tree: ${TREE}`);
    ensureTree(TREE);
    const treeFd = '-t f -H -L -E .git';
    for (const query of ['main.rs', 'authlogin', 'util/parser.ts', 'zzqx']) {
      ctx.log(`tree warm ${query}`);
      rows.push(...(await benchCase(ctx, lib, scratch, { label: 'tree warm', cwd: TREE, oursArgs: [], fdArgs: treeFd, query, runs: 5 })));
    }
    if (process.env.CODEX_BENCH_DROP_CACHES !== '1') {
      rows.push({ bench: 'file-search', case: 'tree cold', wallMs: null, peakMiB: null, note: 'skipped: dropping the page cache affects the whole machine; set CODEX_BENCH_DROP_CACHES=1' });
    } else if (dropCaches()) {
      ctx.log('tree cold main.rs');
      rows.push(...(await benchCase(ctx, lib, scratch, { label: 'tree cold', cwd: TREE, oursArgs: [], fdArgs: treeFd, query: 'main.rs', runs: 3, cold: true })));
    } else {
      rows.push({ bench: 'file-search', case: 'tree cold', wallMs: null, peakMiB: null, note: 'skipped: cannot write /proc/sys/vm/drop_caches' });
    }
    const nm = join(ctx.root, 'node_modules');
    // node_modules sits under the repo's `node_modules` ignore rule, so both tools ignore nothing here.
    for (const query of ['index.js', 'tsconfig']) {
      ctx.log(`node_modules warm ${query}`);
      rows.push(...(await benchCase(ctx, lib, scratch, { label: 'node_modules warm', cwd: nm, oursArgs: ['--no-ignore'], fdArgs: '-t f -H -L --no-ignore -E .git', query, runs: 5 })));
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  return rows;
}

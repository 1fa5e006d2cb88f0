// Generates (and caches) the benchmark tree: 200,000 files in 20,000 directories, a git
// repository with nested .gitignore files, deterministic names from a seeded PRNG.
import { existsSync, mkdirSync, writeFileSync, rmSync, renameSync } from 'node:fs';
import { join } from 'node:path';

const WORDS = ['src', 'lib', 'core', 'util', 'utils', 'components', 'render', 'parser', 'lexer', 'model',
  'view', 'controller', 'service', 'client', 'server', 'config', 'test', 'tests', 'docs', 'assets', 'api',
  'http', 'auth', 'login', 'session', 'cache', 'store', 'state', 'event', 'stream', 'buffer', 'socket',
  'widget', 'layout', 'theme', 'style', 'main', 'index', 'helper', 'common', 'shared', 'domain', 'types',
  'schema', 'query', 'search', 'file', 'path', 'walker', 'matcher', 'score', 'token', 'plugin', 'tool'];
const EXTS = ['.ts', '.tsx', '.js', '.rs', '.md', '.json', '.py', '.go', '.css', '.rst', '.txt', '.toml'];

function prng(seed) {
  let s = seed >>> 0;
  return () => {
    s ^= s << 13; s >>>= 0; s ^= s >>> 17; s ^= s << 5; s >>>= 0;
    return s / 4294967296;
  };
}

/** Ensures the tree exists under `dir`; returns { dir, files, dirs } counts. */
export function ensureTree(dir) {
  const stamp = join(dir, '.bench-complete');
  if (existsSync(stamp)) return dir;
  const tmp = `${dir}.partial-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  const rnd = prng(12345);
  const pick = (xs) => xs[Math.floor(rnd() * xs.length)];
  let files = 0;
  let dirs = 0;
  mkdirSync(join(tmp, '.git', 'info'), { recursive: true });
  writeFileSync(join(tmp, '.git', 'HEAD'), 'ref: refs/heads/main\n');
  writeFileSync(join(tmp, '.git', 'info', 'exclude'), '*.orig\n');
  writeFileSync(join(tmp, '.gitignore'), '*.log\nbuild/\n/tmp-out\n');
  const writeFiles = (d, n, depth) => {
    for (let i = 0; i < n; i++) {
      const r = rnd();
      let name;
      if (r < 0.04) name = `debug-${i}.log`;
      else if (r < 0.06) name = `patch-${i}.orig`;
      else name = `${pick(WORDS)}_${pick(WORDS)}${i}${pick(EXTS)}`;
      if (depth === 3 && i === 0 && rnd() < 0.1) name = 'main.rs';
      writeFileSync(join(d, name), '');
      files++;
    }
  };
  for (let a = 0; a < 20; a++) {
    const da = join(tmp, `${WORDS[a]}-${a}`);
    mkdirSync(da); dirs++;
    writeFiles(da, 10, 1);
    for (let b = 0; b < 20; b++) {
      const db = join(da, `${pick(WORDS)}${b}`);
      mkdirSync(db); dirs++;
      writeFiles(db, 10, 2);
      if (b % 5 === 0) writeFileSync(join(db, '.gitignore'), '*.tmp\n!keep.tmp\n/generated/\ncache*\n');
      for (let c = 0; c < 49; c++) {
        const name = c === 7 ? 'generated' : c === 11 ? 'build' : c === 13 ? 'cache-old' : `${pick(WORDS)}_${c}`;
        const dc = join(db, name);
        mkdirSync(dc); dirs++;
        writeFiles(dc, 10, 3);
      }
    }
  }
  writeFileSync(join(tmp, '.bench-complete'), `${files} files, ${dirs} dirs\n`);
  rmSync(dir, { recursive: true, force: true });
  renameSync(tmp, dir);
  return dir;
}

import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, symlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir, writeTree } from './helpers.js';

const BIN = join(dirname(fileURLToPath(import.meta.url)), '..', 'bin', 'codex-file-search');
const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});
function tree(files: Record<string, string>): string {
  const t = tempDir();
  cleanups.push(t.cleanup);
  writeTree(t.dir, files);
  return t.dir;
}
function run(args: string[], opts: { cwd?: string; asNobody?: boolean; env?: NodeJS.ProcessEnv } = {}): { code: number | null; stdout: string; stderr: string } {
  const cmd = opts.asNobody ? 'setpriv' : process.execPath;
  const argv = opts.asNobody
    ? ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, BIN, ...args]
    : [BIN, ...args];
  const r = spawnSync(cmd, argv, { cwd: opts.cwd, encoding: 'utf8', env: { ...process.env, HOME: '/nonexistent', XDG_CONFIG_HOME: '', ...opts.env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('codex-file-search binary', () => {
  it('is built (run the package build first)', () => {
    expect(existsSync(join(dirname(BIN), '..', 'dist', 'cli.js'))).toBe(true);
  });

  it('prints paths, best first, and warns on stderr when truncated', () => {
    const root = tree({ 'src/main.rs': '', 'docs/domain.rst': '', 'src/lib.rs': '' });
    expect(run(['--limit', '1', '--cwd', root, 'main.rs'])).toEqual({
      code: 0,
      stdout: 'src/main.rs\n',
      stderr: 'Warning: showing 1 out of 2 results. Provide a more specific pattern or increase the --limit.\n',
    });
    expect(run(['main.rs'], { cwd: root })).toEqual({ code: 0, stdout: 'src/main.rs\ndocs/domain.rst\n', stderr: '' });
  });

  it('prints JSON lines with indices and a matches_truncated marker', () => {
    const root = tree({ 'src/main.rs': '', 'docs/domain.rst': '' });
    const r = run(['--json', '--compute-indices', '-l', '1', '-C', root, 'main.rs']);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toEqual([
      { score: lines[0]!.score, path: 'src/main.rs', indices: [4, 5, 6, 7, 8, 9, 10] },
      { matches_truncated: true },
    ]);
    expect(typeof lines[0]!.score).toBe('number');
    expect([r.code, r.stderr]).toEqual([0, '']);
  });

  it('lists the directory with ls -al when no pattern is given', () => {
    const root = tree({ 'only-file.txt': '' });
    const r = run(['--cwd', root]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(`No search pattern specified. Showing the contents of the current directory (${root}):\n`);
    expect(r.stdout.split('\n').some((l) => l.endsWith(' only-file.txt'))).toBe(true);
  });

  it('exits 2 on usage errors and 1 on a missing directory', () => {
    expect(run(['--limit', 'x', 'a'])).toEqual({
      code: 2,
      stdout: '',
      stderr: "error: invalid value 'x' for '--limit <LIMIT>': expected a number greater than 0\n\nUsage: codex-file-search [OPTIONS] [PATTERN]\n\nFor more information, try '--help'.\n",
    });
    const r = run(['--cwd', '/definitely/not/here', 'a']);
    expect([r.code, r.stdout, r.stderr]).toEqual([1, '', 'Error: search directory /definitely/not/here is not a readable directory\n']);
  });

  it('gives the same results with the walker worker thread as without it', () => {
    const files: Record<string, string> = {
      '.gitignore': '*.log\nbuild/\n/top-only.txt\n',
      'top-only.txt': '',
      'keep.txt': '',
    };
    for (let a = 0; a < 6; a++) {
      files[`d${a}/.gitignore`] = a % 2 ? '!keep.log\nsecret*\n' : 'deep/\n';
      for (let b = 0; b < 5; b++) {
        for (const f of ['main.rs', 'keep.log', 'x.log', 'secret.txt', 'top-only.txt', 'util.ts']) files[`d${a}/s${b}/${f}`] = '';
        files[`d${a}/s${b}/deep/inner.rs`] = '';
        files[`d${a}/s${b}/build/out.rs`] = '';
      }
    }
    const root = tree(files);
    symlinkSync('..', join(root, 'd1', 'up'));
    symlinkSync('../d2/s1', join(root, 'd3', 'to-d2s1'));
    const env = { CODEX_FILE_SEARCH_TEST_WAIT_FOR_WORKER: '1' };
    for (const pattern of ['rs', 'log', 'txt', 'mainrs', 'zzz']) {
      const one = run(['--json', '-l', '1000', '--threads', '1', '-C', root, pattern]);
      const two = run(['--json', '-l', '1000', '--threads', '2', '-C', root, pattern], { env });
      expect(two).toEqual(one);
      expect(one.code).toBe(0);
    }
    expect(run(['-l', '1000', '--threads', '2', '-C', root, 'keep'], { env }).stdout.split('\n').sort()).toEqual(
      ['', 'd1/s0/keep.log', 'd1/s1/keep.log', 'd1/s2/keep.log', 'd1/s3/keep.log', 'd1/s4/keep.log', 'd3/s0/keep.log', 'd3/s1/keep.log',
        'd3/s2/keep.log', 'd3/s3/keep.log', 'd3/s4/keep.log', 'd3/to-d2s1/keep.log', 'd5/s0/keep.log', 'd5/s1/keep.log', 'd5/s2/keep.log',
        'd5/s3/keep.log', 'd5/s4/keep.log', 'keep.txt'].sort(),
    );
  });

  // Root ignores mode 000, so this runs the binary as `nobody` through setpriv.
  it('skips unreadable directories without failing (run as an unprivileged user)', () => {
    const root = tree({ 'open/file.txt': '', 'locked/secret.txt': '' });
    chmodSync(root, 0o755);
    chmodSync(join(root, 'open'), 0o755);
    chmodSync(join(root, 'locked'), 0o000);
    expect(run(['--cwd', root, 'txt'], { asNobody: true })).toEqual({ code: 0, stdout: 'open/file.txt\n', stderr: '' });
    chmodSync(join(root, 'locked'), 0o755);
  });
});

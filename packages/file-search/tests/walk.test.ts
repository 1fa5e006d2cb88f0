import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FileSearchError, FileSearchSession, fileSearch } from '../src/index.js';
import { tempDir, writeTree } from './helpers.js';

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
/** Every file the walker reports (empty pattern matches all; order is path ascending). */
async function allFiles(cwd: string, env: NodeJS.ProcessEnv = {}, extra: { exclude?: string[] } = {}): Promise<string[]> {
  const res = await fileSearch('', { cwd, env, limit: 10_000, ...extra });
  return res.matches.map((m) => m.path);
}

describe('walker ignore rules', () => {
  const files = {
    '.git/HEAD': 'ref: refs/heads/main\n',
    '.git/config': '[core]\n',
    '.git/info/exclude': '*.orig\n',
    '.gitignore': '*.log\n!important.log\n/build/\nout/\n*.dat\n',
    '.env': '',
    '.hidden/h.txt': '',
    'a.log': '',
    'important.log': '',
    'patch.orig': '',
    'global.bak': '',
    'build/x.txt': '',
    'docs/domain.rst': '',
    'src/.gitignore': 'gen/\n!keep.log\n*.tmp\n',
    'src/build/y.txt': '',
    'src/out': '',
    'src/out2/out/z.txt': '',
    'src/keep.log': '',
    'src/other.log': '',
    'src/a.tmp': '',
    'src/gen/g.txt': '',
    'src/main.rs': '',
    'pkg/.ignore': '!data.dat\nlocal.txt\n',
    'pkg/data.dat': '',
    'pkg/other.dat': '',
    'pkg/local.txt': '',
    'pkg/deep/local.txt': '',
  };

  it('honours nested .gitignore, negation, anchoring, dir-only, .ignore, info/exclude and global excludes; skips .git', async () => {
    const root = tree(files);
    const xdg = tree({ 'git/ignore': '*.bak\n' });
    expect(await allFiles(root, { XDG_CONFIG_HOME: xdg })).toEqual([
      '.env',
      '.gitignore',
      '.hidden/h.txt',
      'docs/domain.rst',
      'important.log',
      'pkg/.ignore',
      'pkg/data.dat',
      'src/.gitignore',
      'src/build/y.txt',
      'src/keep.log',
      'src/main.rs',
      'src/out',
    ]);
  });

  it('finds the global excludes file through core.excludesFile in ~/.gitconfig', async () => {
    const root = tree(files);
    const home = tree({ '.gitconfig': '[core]\n\texcludesFile = ~/my-ignores\n', 'my-ignores': '*.rst\n' });
    const got = await allFiles(root, { HOME: home });
    expect(got.filter((p) => p.endsWith('.rst') || p.endsWith('.bak'))).toEqual(['global.bak']);
  });

  it('applies ignore files from parent directories when searching a subdirectory of the repository', async () => {
    const root = tree(files);
    expect(await allFiles(join(root, 'src'))).toEqual(['.gitignore', 'build/y.txt', 'keep.log', 'main.rs', 'out']);
  });

  it('applies .gitignore files outside a git repository too (require_git=false)', async () => {
    const root = tree({ '.gitignore': '*.log\n', 'a.log': '', 'b.txt': '' });
    expect(await allFiles(root)).toEqual(['.gitignore', 'b.txt']);
  });

  it('drops --exclude globs and can ignore nothing', async () => {
    const root = tree({ '.gitignore': '*.log\n', 'a.log': '', 'b.txt': '', 'sub/c.txt': '', 'sub/d.md': '' });
    expect(await allFiles(root, {}, { exclude: ['*.txt'] })).toEqual(['.gitignore', 'sub/d.md']);
    const res = await fileSearch('', { cwd: root, respectGitignore: false, exclude: ['sub'] });
    expect(res.matches.map((m) => m.path)).toEqual(['.gitignore', 'a.log', 'b.txt']);
  });
});

describe('walker edge cases', () => {
  it('follows symlinks but never loops', async () => {
    const root = tree({ 'a/f.txt': '', 'x/fx.txt': '', 'y/fy.txt': '' });
    symlinkSync('..', join(root, 'a/up'));
    symlinkSync('.', join(root, 'a/self'));
    symlinkSync('a', join(root, 'link-to-a'));
    symlinkSync('../y', join(root, 'x/toY'));
    symlinkSync('../x', join(root, 'y/toX'));
    symlinkSync('a/f.txt', join(root, 'file-link'));
    symlinkSync('missing', join(root, 'dangling'));
    expect(await allFiles(root)).toEqual([
      'a/f.txt',
      'file-link',
      'link-to-a/f.txt',
      'x/fx.txt',
      'x/toY/fy.txt',
      'y/fy.txt',
      'y/toX/fx.txt',
    ]);
  });

  it('reports a directory reached through several links under each path, with that path\'s ignore rules', async () => {
    const root = tree({ '.gitignore': 'b/x.txt\n', 'store/pkg/x.txt': '', 'store/pkg/y.txt': '', 'store/dep/d.txt': '', 'c/.gitignore': '*.txt\n!y.txt\n' });
    symlinkSync('../dep', join(root, 'store/pkg/dep'));
    symlinkSync('store/pkg', join(root, 'a'));
    symlinkSync('store/pkg', join(root, 'b'));
    symlinkSync('../store/pkg', join(root, 'c/pkg'));
    expect(await allFiles(root)).toEqual([
      '.gitignore',
      'a/dep/d.txt',
      'a/x.txt',
      'a/y.txt',
      'b/dep/d.txt',
      'b/y.txt',
      'c/.gitignore',
      'c/pkg/y.txt',
      'store/dep/d.txt',
      'store/pkg/dep/d.txt',
      'store/pkg/x.txt',
      'store/pkg/y.txt',
    ]);
  });

  it('skips names that are not valid UTF-8, as Codex does', async () => {
    const root = tree({ 'ok.txt': '' });
    const rootBuf = Buffer.from(root);
    writeFileSync(Buffer.concat([rootBuf, Buffer.from('/bad'), Buffer.from([0xff]), Buffer.from('.txt')]), '');
    const badDir = Buffer.concat([rootBuf, Buffer.from('/dir'), Buffer.from([0xfe])]);
    mkdirSync(badDir);
    writeFileSync(Buffer.concat([badDir, Buffer.from('/inner.txt')]), '');
    writeFileSync(join(root, 'caf\u00e9.txt'), '');
    expect(await allFiles(root)).toEqual(['caf\u00e9.txt', 'ok.txt']);
  });

  it('rejects a missing directory with not_a_directory', async () => {
    const err = await fileSearch('x', { cwd: '/definitely/not/here' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FileSearchError);
    expect((err as FileSearchError).code).toBe('not_a_directory');
  });
});

describe('search results', () => {
  it('ranks, limits and counts like Codex', async () => {
    const root = tree({ 'src/main.rs': '', 'docs/domain.rst': '', 'src/lib.rs': '', 'README.md': '' });
    const res = await fileSearch('main.rs', { cwd: root, limit: 1, computeIndices: true });
    expect(res).toEqual({
      matches: [{ score: res.matches[0]!.score, path: 'src/main.rs', indices: [4, 5, 6, 7, 8, 9, 10] }],
      totalMatchCount: 2,
    });
  });

  it('cancels with an AbortSignal', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 200; i++) files[`d${i}/f.txt`] = '';
    const root = tree(files);
    const ac = new AbortController();
    const pending = fileSearch('f', { cwd: root, signal: ac.signal });
    ac.abort();
    const err = await pending.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FileSearchError);
    expect((err as FileSearchError).code).toBe('aborted');
  });
});

describe('FileSearchSession', () => {
  it('answers queries typed during the walk from that one walk', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 50; i++) files[`dir${i}/file${i}.ts`] = '';
    files['src/main.rs'] = '';
    const root = tree(files);
    const session = new FileSearchSession({ cwd: root });
    const first = session.search('main', { limit: 3 });
    expect(session.walkComplete).toBe(false);
    const second = session.search('file49', { limit: 1 });
    const [a, b] = await Promise.all([first, second]);
    expect(a.matches.map((m) => m.path)).toEqual(['src/main.rs']);
    expect(b.matches.map((m) => m.path)).toEqual(['dir49/file49.ts']);
    expect(session.walkComplete).toBe(true);
    expect(session.fileCount).toBe(51);
    const third = await session.search('dir1/', { limit: 2 });
    expect(third.matches.map((m) => m.path)).toEqual(['dir1/file1.ts', 'dir10/file10.ts']);
    expect(session.fileCount).toBe(51);
  });

  it('lets one query be cancelled without stopping the walk, and close() stops everything', async () => {
    const root = tree({ 'a.txt': '', 'b/c.txt': '' });
    const session = new FileSearchSession({ cwd: root });
    const ac = new AbortController();
    const cancelled = session.search('a', { signal: ac.signal });
    ac.abort();
    expect(((await cancelled.catch((e: unknown) => e)) as FileSearchError).code).toBe('aborted');
    expect((await session.search('c')).matches.map((m) => m.path)).toEqual(['b/c.txt']);

    const closed = new FileSearchSession({ cwd: root });
    const pending = closed.search('a');
    closed.close();
    expect(((await pending.catch((e: unknown) => e)) as FileSearchError).code).toBe('aborted');
  });
});

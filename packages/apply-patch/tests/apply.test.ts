// The library's applyPatch / planPatch against real temp directories: line endings, BOM,
// final newlines, matching order, diffs and the change map handed to the engine.
import { chmodSync, readFileSync, statSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { applyPatch, maybeParseApplyPatchVerified, planPatch, unifiedDiff } from '../src/index.js';
import { removeDir, snapshot, workDir, wrapPatch } from './helpers/tree.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach(removeDir));
const work = (files: Record<string, string | Buffer> = {}): string => workDir('apply-patch-lib', files, dirs);
const wrap = wrapPatch;
async function bytesAfter(files: Record<string, string | Buffer>, body: string, file: string): Promise<string> {
  const dir = work(files);
  await applyPatch(wrap(body), { cwd: dir });
  return readFileSync(path.join(dir, file), 'latin1');
}

describe('applyPatch line endings and final newlines', () => {
  it('keeps a CRLF file CRLF', async () => {
    expect(await bytesAfter({ 'c.txt': 'one\r\ntwo\r\nthree\r\n' }, '*** Update File: c.txt\n@@\n-one\n+uno\n@@\n two\n+\n+between\n three', 'c.txt')).toBe(
      'uno\r\ntwo\r\n\r\nbetween\r\nthree\r\n',
    );
  });
  it("keeps each untouched line's ending in a mixed file", async () => {
    expect(await bytesAfter({ 'm.txt': 'one\r\ntwo\nthree\r\nfour\n' }, '*** Update File: m.txt\n@@\n one\n two\n-three\n+THREE\n four', 'm.txt')).toBe(
      'one\r\ntwo\nTHREE\r\nfour\n',
    );
    expect(await bytesAfter({ 'r.txt': 'same\r\nsame\n' }, '*** Update File: r.txt\n@@\n-same\n same', 'r.txt')).toBe('same\n');
  });
  it('keeps a BOM', async () => {
    expect(await bytesAfter({ 'b.txt': '\ufeffa\nb\n' }, '*** Update File: b.txt\n@@\n-a\n+A', 'b.txt')).toBe(
      Buffer.from('\ufeffA\nb\n').toString('latin1'),
    );
  });
  it('keeps a missing final newline when the end is not touched', async () => {
    expect(await bytesAfter({ 'n.txt': 'one\r\ntwo' }, '*** Update File: n.txt\n@@\n-one\n+ONE', 'n.txt')).toBe('ONE\r\ntwo');
  });
  it('adds the final newline (in the file style) when the patch edits the end', async () => {
    expect(await bytesAfter({ 'n.txt': 'no newline at end' }, '*** Update File: n.txt\n@@\n-no newline at end\n+first line\n+second line', 'n.txt')).toBe(
      'first line\nsecond line\n',
    );
    expect(await bytesAfter({ 'n.txt': 'a\r\nb' }, '*** Update File: n.txt\n@@\n a\n-b\n+B', 'n.txt')).toBe('a\r\nB\r\n');
  });
});

describe('applyPatch matching', () => {
  it('replaces repeated lines in order', async () => {
    expect(await bytesAfter({ 'r.txt': 'a\nb\n' }, '*** Update File: r.txt\n@@\n-a\n-b\n+b\n+b\n+a', 'r.txt')).toBe('b\nb\na\n');
  });
  it('appends pure additions at the end of the file, like Codex', async () => {
    expect(
      await bytesAfter(
        { 'p.txt': 'line1\nline2\nline3\n' },
        '*** Update File: p.txt\n@@\n+after-context\n+second-line\n@@\n line1\n-line2\n-line3\n+line2-replacement',
        'p.txt',
      ),
    ).toBe('line1\nline2-replacement\nafter-context\nsecond-line\n');
  });
  it('uses the @@ context line to pick the right occurrence', async () => {
    const file = 'class A:\n  def f():\n    pass\nclass B:\n  def f():\n    pass\n';
    expect(await bytesAfter({ 'c.py': file }, '*** Update File: c.py\n@@ class B:\n   def f():\n-    pass\n+    return 1', 'c.py')).toBe(
      'class A:\n  def f():\n    pass\nclass B:\n  def f():\n    return 1\n',
    );
  });
  it('anchors *** End of File chunks at the end', async () => {
    expect(await bytesAfter({ 't.txt': 'x\ny\nx\ny\n' }, '*** Update File: t.txt\n@@\n x\n-y\n+Y\n*** End of File', 't.txt')).toBe('x\ny\nx\nY\n');
  });
  it('matches lines with Unicode dashes from an ASCII patch', async () => {
    expect(
      await bytesAfter(
        { 'u.py': 'import asyncio  # local import \u2013 avoids top\u2011level dep\n' },
        '*** Update File: u.py\n@@\n-import asyncio  # local import - avoids top-level dep\n+import asyncio  # HELLO',
        'u.py',
      ),
    ).toBe('import asyncio  # HELLO\n');
  });
  it('lets later hunks see earlier ones (add then update the same file)', async () => {
    expect(await bytesAfter({}, '*** Add File: n.txt\n+one\n*** Update File: n.txt\n@@\n-one\n+two', 'n.txt')).toBe('two\n');
  });
});

describe('planPatch outputs for the engine', () => {
  it('returns the change map, the summary and Codex unified diffs', async () => {
    const dir = work({ 'multi.txt': 'foo\nbar\nbaz\nqux\n', 'gone.txt': 'bye\n', 'old.txt': 'before\n' });
    const result = await applyPatch(
      wrap(
        '*** Update File: multi.txt\n@@\n foo\n-bar\n+BAR\n@@\n baz\n-qux\n+QUX\n*** Delete File: gone.txt\n*** Add File: new.txt\n+hi\n*** Update File: old.txt\n*** Move to: moved.txt\n@@\n-before\n+after',
      ),
      { cwd: dir },
    );
    expect(result.stdout).toBe('Success. Updated the following files:\nA new.txt\nM multi.txt\nM moved.txt\nD gone.txt\n');
    expect(result.affected).toEqual({ added: ['new.txt'], modified: ['multi.txt', 'moved.txt'], deleted: ['gone.txt'] });
    expect(result.changes).toEqual({
      [path.join(dir, 'multi.txt')]: {
        type: 'update',
        unified_diff: '@@ -1,4 +1,4 @@\n foo\n-bar\n+BAR\n baz\n-qux\n+QUX\n',
        move_path: null,
        new_content: 'foo\nBAR\nbaz\nQUX\n',
      },
      [path.join(dir, 'gone.txt')]: { type: 'delete', content: 'bye\n' },
      [path.join(dir, 'new.txt')]: { type: 'add', content: 'hi\n' },
      [path.join(dir, 'old.txt')]: {
        type: 'update',
        unified_diff: '@@ -1 +1 @@\n-before\n+after\n',
        move_path: path.join(dir, 'moved.txt'),
        new_content: 'after\n',
      },
    });
    expect(snapshot(dir)).toEqual({
      'moved.txt': { file: 'after\n' },
      'multi.txt': { file: 'foo\nBAR\nbaz\nQUX\n' },
      'new.txt': { file: 'hi\n' },
    });
  });

  it('produces Codex-shaped diffs at the edges of a file', async () => {
    const diffOf = async (content: string, body: string): Promise<unknown> => {
      const dir = work({ 'f.txt': content });
      const plan = await planPatch(wrap(`*** Update File: f.txt\n${body}`), { cwd: dir });
      return plan.changes[path.join(dir, 'f.txt')];
    };
    expect(await diffOf('foo\nbar\nbaz\n', '@@\n-foo\n+FOO\n bar\n')).toEqual({
      type: 'update',
      unified_diff: '@@ -1,2 +1,2 @@\n-foo\n+FOO\n bar\n',
      move_path: null,
      new_content: 'FOO\nbar\nbaz\n',
    });
    expect(await diffOf('foo\nbar\nbaz\n', '@@\n+quux\n*** End of File')).toEqual({
      type: 'update',
      unified_diff: '@@ -3 +3,2 @@\n baz\n+quux\n',
      move_path: null,
      new_content: 'foo\nbar\nbaz\nquux\n',
    });
    expect(await diffOf('a\nb\nc\nd\ne\nf\n', '@@\n a\n-b\n+B\n@@\n d\n-e\n+E\n@@\n f\n+g\n*** End of File')).toEqual({
      type: 'update',
      unified_diff: '@@ -1,6 +1,7 @@\n a\n-b\n+B\n c\n d\n-e\n+E\n f\n+g\n',
      move_path: null,
      new_content: 'a\nB\nc\nd\nE\nf\ng\n',
    });
  });

  it('plans without writing', async () => {
    const dir = work({ 'a.txt': 'x\n' });
    await planPatch(wrap('*** Update File: a.txt\n@@\n-x\n+y'), { cwd: dir });
    expect(snapshot(dir)).toEqual({ 'a.txt': { file: 'x\n' } });
  });

  it('unifiedDiff marks a missing final newline', () => {
    expect(unifiedDiff('a\nb', 'a\nb\n')).toBe('@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+b\n');
  });
});

describe('files and permissions', () => {
  it('keeps the mode of an updated file and carries it across a move', async () => {
    const dir = work({ 'run.sh': 'echo a\n' });
    chmodSync(path.join(dir, 'run.sh'), 0o751);
    await applyPatch(wrap('*** Update File: run.sh\n*** Move to: bin/run.sh\n@@\n-echo a\n+echo b'), { cwd: dir });
    expect(statSync(path.join(dir, 'bin/run.sh')).mode & 0o777).toBe(0o751);
  });

  it('writes through a symlink inside the tree and keeps the link', async () => {
    const dir = work({ 'real.txt': 'a\n' });
    symlinkSync('real.txt', path.join(dir, 'link.txt'));
    await applyPatch(wrap('*** Update File: link.txt\n@@\n-a\n+b'), { cwd: dir });
    expect(readFileSync(path.join(dir, 'real.txt'), 'utf8')).toBe('b\n');
    expect(statSync(path.join(dir, 'link.txt')).isFile()).toBe(true);
  });
});

describe('maybeParseApplyPatchVerified', () => {
  it('resolves a cd && heredoc call against the cd directory', async () => {
    const dir = work({ 'alt/old.txt': 'before\n' });
    const script = `cd alt && apply_patch <<'PATCH'\n${wrap('*** Update File: old.txt\n*** Move to: renamed.txt\n@@\n-before\n+after')}\nPATCH`;
    const r = await maybeParseApplyPatchVerified(['bash', '-lc', script], { cwd: dir });
    expect(r.type === 'body' ? { cwd: r.action.cwd, changes: r.action.changes } : r).toEqual({
      cwd: path.join(dir, 'alt'),
      changes: {
        [path.join(dir, 'alt/old.txt')]: {
          type: 'update',
          unified_diff: '@@ -1 +1 @@\n-before\n+after\n',
          move_path: path.join(dir, 'alt/renamed.txt'),
          new_content: 'after\n',
        },
      },
    });
  });

  it('refuses a bare patch without apply_patch', async () => {
    const patch = wrap('*** Add File: foo\n+hi');
    for (const argv of [[patch], ['bash', '-lc', patch]]) {
      const r = await maybeParseApplyPatchVerified(argv, { cwd: work() });
      expect(r.type === 'correctness_error' ? { code: r.error.code, message: r.error.message } : r).toEqual({
        code: 'implicit_invocation',
        message: 'patch detected without explicit call to apply_patch. Rerun as ["apply_patch", "<patch>"]',
      });
    }
  });

  it('passes through commands that are not patches', async () => {
    expect(await maybeParseApplyPatchVerified(['ls', '-la'], { cwd: work() })).toEqual({ type: 'not_apply_patch' });
  });
});

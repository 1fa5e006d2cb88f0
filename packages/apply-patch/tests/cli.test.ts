// The built `apply_patch` binary: Codex's stdout/stderr texts and exit codes (after upstream
// tests/suite/tool.rs), argument vs stdin, usage errors, and the atomic failure behaviour.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { removeDir, runBin, snapshot, tempDir } from './helpers/tree.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach(removeDir));
function work(files: Record<string, string | Buffer> = {}): string {
  const dir = tempDir('apply-patch-cli');
  dirs.push(dir);
  for (const [rel, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), content);
  }
  return dir;
}

describe('apply_patch binary', () => {
  it('applies multiple operations and prints the summary', () => {
    const dir = work({ 'modify.txt': 'line1\nline2\n', 'delete.txt': 'obsolete\n' });
    const patch =
      '*** Begin Patch\n*** Add File: nested/new.txt\n+created\n*** Delete File: delete.txt\n*** Update File: modify.txt\n@@\n-line2\n+changed\n*** End Patch';
    expect(runBin(dir, [patch])).toEqual({
      code: 0,
      stdout: 'Success. Updated the following files:\nA nested/new.txt\nM modify.txt\nD delete.txt\n',
      stderr: '',
    });
    expect(snapshot(dir)).toEqual({
      'modify.txt': { file: 'line1\nchanged\n' },
      nested: { dir: true },
      'nested/new.txt': { file: 'created\n' },
    });
  });

  it('reads the patch from stdin', () => {
    const dir = work({ 'a.txt': 'x\n' });
    const r = runBin(dir, [], { input: '*** Begin Patch\n*** Update File: a.txt\n@@\n-x\n+y\n*** End Patch\n' });
    expect(r).toEqual({ code: 0, stdout: 'Success. Updated the following files:\nM a.txt\n', stderr: '' });
    expect(readFileSync(path.join(dir, 'a.txt'), 'utf8')).toBe('y\n');
  });

  it('prints usage on empty stdin (exit 2)', () => {
    expect(runBin(work(), [])).toEqual({
      code: 2,
      stdout: '',
      stderr: "Usage: apply_patch 'PATCH'\n       echo 'PATCH' | apply_patch\n",
    });
  });

  it('refuses more than one argument (exit 2)', () => {
    expect(runBin(work(), ['a', 'b'])).toEqual({ code: 2, stdout: '', stderr: 'Error: apply_patch accepts exactly one argument.\n' });
  });

  it('rejects an empty patch', () => {
    expect(runBin(work(), ['*** Begin Patch\n*** End Patch'])).toEqual({ code: 1, stdout: '', stderr: 'No files were modified.\n' });
  });

  it('reports missing lines with Codex wording', () => {
    const dir = work({ 'modify.txt': 'line1\nline2\n' });
    const r = runBin(dir, ['*** Begin Patch\n*** Update File: modify.txt\n@@\n-missing\n+changed\n*** End Patch']);
    expect(r).toEqual({ code: 1, stdout: '', stderr: 'Failed to find expected lines in modify.txt:\nmissing\n' });
    expect(readFileSync(path.join(dir, 'modify.txt'), 'utf8')).toBe('line1\nline2\n');
  });

  it('reports a missing file to delete', () => {
    expect(runBin(work(), ['*** Begin Patch\n*** Delete File: missing.txt\n*** End Patch'])).toEqual({
      code: 1,
      stdout: '',
      stderr: 'Failed to delete file missing.txt\n',
    });
  });

  it('reports an empty update hunk with its line', () => {
    expect(runBin(work(), ['*** Begin Patch\n*** Update File: foo.txt\n*** End Patch'])).toEqual({
      code: 1,
      stdout: '',
      stderr: "Invalid patch hunk on line 2: Update file hunk for path 'foo.txt' is empty\n",
    });
  });

  it('reports a missing file to update', () => {
    expect(runBin(work(), ['*** Begin Patch\n*** Update File: missing.txt\n@@\n-old\n+new\n*** End Patch'])).toEqual({
      code: 1,
      stdout: '',
      stderr: 'Failed to read file to update missing.txt: No such file or directory (os error 2)\n',
    });
  });

  it('reports an invalid hunk header', () => {
    expect(runBin(work(), ['*** Begin Patch\n*** Frobnicate File: foo\n*** End Patch'])).toEqual({
      code: 1,
      stdout: '',
      stderr:
        "Invalid patch hunk on line 2: '*** Frobnicate File: foo' is not a valid hunk header. Valid hunk headers: '*** Add File: {path}', '*** Delete File: {path}', '*** Update File: {path}'\n",
    });
  });

  it('reports a missing begin marker', () => {
    expect(runBin(work(), ['hello'])).toEqual({
      code: 1,
      stdout: '',
      stderr: "Invalid patch: The first line of the patch must be '*** Begin Patch'\n",
    });
  });

  it('moves a file and overwrites the destination', () => {
    const dir = work({ 'old/name.txt': 'from\n', 'renamed/dir/name.txt': 'existing\n' });
    const r = runBin(dir, ['*** Begin Patch\n*** Update File: old/name.txt\n*** Move to: renamed/dir/name.txt\n@@\n-from\n+new\n*** End Patch']);
    expect(r).toEqual({ code: 0, stdout: 'Success. Updated the following files:\nM renamed/dir/name.txt\n', stderr: '' });
    expect(snapshot(dir)).toEqual({
      old: { dir: true },
      renamed: { dir: true },
      'renamed/dir': { dir: true },
      'renamed/dir/name.txt': { file: 'new\n' },
    });
  });

  it('changes nothing when a later hunk fails (deliberately unlike Codex scenario 015)', () => {
    const dir = work({ 'keep.txt': 'keep\n' });
    const r = runBin(dir, ['*** Begin Patch\n*** Add File: created.txt\n+hello\n*** Update File: missing.txt\n@@\n-old\n+new\n*** End Patch']);
    expect(r).toEqual({
      code: 1,
      stdout: '',
      stderr: 'Failed to read file to update missing.txt: No such file or directory (os error 2)\n',
    });
    expect(snapshot(dir)).toEqual({ 'keep.txt': { file: 'keep\n' } });
  });

  it('shows the closest region when the lines almost match', () => {
    const dir = work({ 'f.py': 'def f():\n    a = 1\n    b = 2\n    return a + b\n' });
    const r = runBin(dir, ['*** Begin Patch\n*** Update File: f.py\n@@\n def f():\n     a = 1\n-    b = 3\n+    b = 4\n     return a + b\n*** End Patch']);
    expect(r).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'Failed to find expected lines in f.py:\ndef f():\n    a = 1\n    b = 3\n    return a + b\n' +
        'Closest match for chunk 1 starts at line 1 of f.py; these lines differ:\n' +
        '  line 3 in the file:  "    b = 2"\n  the patch expects: "    b = 3"\n',
    });
  });
});

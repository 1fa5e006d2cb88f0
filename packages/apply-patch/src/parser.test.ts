import { describe, expect, it } from 'vitest';
import { ApplyPatchError } from './errors.js';
import { parsePatch } from './parser.js';

function parseError(text: string): { code: string; message: string; line: number | undefined } {
  try {
    parsePatch(text);
  } catch (err: unknown) {
    if (err instanceof ApplyPatchError) return { code: err.code, message: err.message, line: err.line };
    throw err;
  }
  throw new Error('expected a parse error');
}

describe('parsePatch', () => {
  it('parses every hunk kind', () => {
    const text =
      '*** Begin Patch\n*** Add File: path/add.py\n+abc\n+def\n*** Delete File: path/delete.py\n*** Update File: path/update.py\n*** Move to: path/update2.py\n@@ def f():\n-    pass\n+    return 123\n*** End Patch';
    expect(parsePatch(text)).toEqual({
      patch: text,
      hunks: [
        { type: 'add', path: 'path/add.py', contents: 'abc\ndef\n' },
        { type: 'delete', path: 'path/delete.py' },
        {
          type: 'update',
          path: 'path/update.py',
          movePath: 'path/update2.py',
          chunks: [{ changeContext: 'def f():', oldLines: ['    pass'], newLines: ['    return 123'], isEndOfFile: false }],
        },
      ],
    });
  });

  it('allows the first chunk without @@ and ends an update hunk at the next header', () => {
    expect(parsePatch('*** Begin Patch\n*** Update File: a.py\n import foo\n+bar\n*** Add File: b.py\n+x\n*** End Patch').hunks).toEqual([
      {
        type: 'update',
        path: 'a.py',
        movePath: null,
        chunks: [{ changeContext: null, oldLines: ['import foo'], newLines: ['import foo', 'bar'], isEndOfFile: false }],
      },
      { type: 'add', path: 'b.py', contents: 'x\n' },
    ]);
  });

  it('reads empty lines as empty context and *** End of File as the EOF anchor', () => {
    expect(parsePatch('*** Begin Patch\n*** Update File: a\n@@\n a\n\n-b\n+c\n*** End of File\n*** End Patch').hunks).toEqual([
      {
        type: 'update',
        path: 'a',
        movePath: null,
        chunks: [{ changeContext: null, oldLines: ['a', '', 'b'], newLines: ['a', '', 'c'], isEndOfFile: true }],
      },
    ]);
  });

  it('splits chunks on @@ (a blank line inside a chunk is empty context)', () => {
    const hunks = parsePatch('*** Begin Patch\n*** Update File: m\n@@\n-a\n+A\n\n@@ class X\n-b\n+B\n*** End Patch').hunks;
    expect(hunks).toEqual([
      {
        type: 'update',
        path: 'm',
        movePath: null,
        chunks: [
          { changeContext: null, oldLines: ['a', ''], newLines: ['A', ''], isEndOfFile: false },
          { changeContext: 'class X', oldLines: ['b'], newLines: ['B'], isEndOfFile: false },
        ],
      },
    ]);
  });

  it('accepts whitespace-padded markers and hunk headers', () => {
    expect(parsePatch('  *** Begin Patch  \n   *** Add File: foo  \n+hi\n *** End Patch ').hunks).toEqual([
      { type: 'add', path: 'foo', contents: 'hi\n' },
    ]);
  });

  it('accepts CRLF patch text', () => {
    expect(parsePatch('*** Begin Patch\r\n*** Update File: a\r\n@@\r\n-x\r\n+y\r\n*** End Patch\r\n').hunks).toEqual([
      { type: 'update', path: 'a', movePath: null, chunks: [{ changeContext: null, oldLines: ['x'], newLines: ['y'], isEndOfFile: false }] },
    ]);
  });

  it('strips a heredoc wrapper', () => {
    for (const open of ['<<EOF', "<<'EOF'", '<<"EOF"']) {
      expect(parsePatch(`${open}\n*** Begin Patch\n*** Add File: foo\n+hi\n*** End Patch\nEOF\n`)).toEqual({
        patch: '*** Begin Patch\n*** Add File: foo\n+hi\n*** End Patch',
        hunks: [{ type: 'add', path: 'foo', contents: 'hi\n' }],
      });
    }
  });

  it('parses an empty envelope to no hunks', () => {
    expect(parsePatch('*** Begin Patch\n*** End Patch').hunks).toEqual([]);
  });

  it('explains envelope errors', () => {
    expect(parseError('bad')).toEqual({
      code: 'invalid_patch',
      message: "Invalid patch: The first line of the patch must be '*** Begin Patch'",
      line: undefined,
    });
    expect(parseError('*** Begin Patch\nbad')).toEqual({
      code: 'invalid_patch',
      message: "Invalid patch: The last line of the patch must be '*** End Patch'",
      line: undefined,
    });
    expect(parseError('')).toEqual({
      code: 'invalid_patch',
      message: "Invalid patch: The first line of the patch must be '*** Begin Patch'",
      line: undefined,
    });
  });

  it('explains hunk errors with their line', () => {
    expect(parseError('*** Begin Patch\n*** Update File: test.py\n*** End Patch')).toEqual({
      code: 'invalid_hunk',
      message: "Invalid patch hunk on line 2: Update file hunk for path 'test.py' is empty",
      line: 2,
    });
    expect(parseError('*** Begin Patch\n*** Add File: a\n+x\nbogus\n*** End Patch')).toEqual({
      code: 'invalid_hunk',
      message:
        "Invalid patch hunk on line 4: 'bogus' is not a valid hunk header. Valid hunk headers: '*** Add File: {path}', '*** Delete File: {path}', '*** Update File: {path}'",
      line: 4,
    });
    expect(parseError('*** Begin Patch\n*** Update File: a\n@@\n-x\nbogus\n*** End Patch')).toEqual({
      code: 'invalid_hunk',
      message: "Invalid patch hunk on line 5: Expected update hunk to start with a @@ context marker, got: 'bogus'",
      line: 5,
    });
    expect(parseError('*** Begin Patch\n*** Update File: a\n@@\nbogus\n*** End Patch')).toEqual({
      code: 'invalid_hunk',
      message:
        "Invalid patch hunk on line 4: Unexpected line found in update hunk: 'bogus'. Every line should start with ' ' (context line), '+' (added line), or '-' (removed line)",
      line: 4,
    });
    expect(parseError('*** Begin Patch\n*** Update File: a\n@@\n*** End of File\n*** End Patch')).toEqual({
      code: 'invalid_hunk',
      message: 'Invalid patch hunk on line 4: Update hunk does not contain any lines',
      line: 4,
    });
  });
});

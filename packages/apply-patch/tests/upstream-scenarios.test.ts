// Codex's upstream scenarios 013-022 (beyond the corpus copied in conformance/), written
// out here as data: input files, the patch, and the expected tree. 015 (partial success) is
// replaced by the atomic expectation in cli.test.ts.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDirs } from '@codex-ts/test-support';

// Temp dirs made here are removed when the file is done.
const tmp = tempDirs(afterAll);

const bin = join(import.meta.dirname, '..', 'bin', 'apply_patch');

interface Scenario {
  input: Record<string, string>;
  patch: string;
  expected: Record<string, string>;
  ok: boolean;
}

const SCENARIOS: Record<string, Scenario> = {
  '013 rejects an invalid hunk header': { input: { 'foo.txt': 'stable\n' }, patch: '*** Begin Patch\n*** Frobnicate File: foo\n*** End Patch\n', expected: { 'foo.txt': 'stable\n' }, ok: false },
  '014 update appends a trailing newline': { input: { 'no_newline.txt': 'no newline at end' }, patch: '*** Begin Patch\n*** Update File: no_newline.txt\n@@\n-no newline at end\n+first line\n+second line\n*** End Patch\n', expected: { 'no_newline.txt': 'first line\nsecond line\n' }, ok: true },
  '016 pure addition chunk appends': { input: { 'input.txt': 'line1\nline2\n' }, patch: '*** Begin Patch\n*** Update File: input.txt\n@@\n+added line 1\n+added line 2\n*** End Patch\n', expected: { 'input.txt': 'line1\nline2\nadded line 1\nadded line 2\n' }, ok: true },
  '017 whitespace-padded hunk header': { input: { 'foo.txt': 'old\n' }, patch: '*** Begin Patch\n  *** Update File: foo.txt\n@@\n-old\n+new\n*** End Patch\n', expected: { 'foo.txt': 'new\n' }, ok: true },
  '018 whitespace-padded patch markers': { input: { 'file.txt': 'one\n' }, patch: ' *** Begin Patch\n*** Update File: file.txt\n@@\n-one\n+two\n*** End Patch \n', expected: { 'file.txt': 'two\n' }, ok: true },
  '019 unicode': { input: { 'foo.txt': 'line1\nnaïve café\nline3\n' }, patch: '*** Begin Patch\n*** Update File: foo.txt\n@@\n line1\n-naïve café\n+naïve café ✅\n*** End Patch \n', expected: { 'foo.txt': 'line1\nnaïve café ✅\nline3\n' }, ok: true },
  '020 delete file': { input: { 'keep.txt': 'keep\n', 'obsolete.txt': 'x\n' }, patch: '*** Begin Patch\n*** Delete File: obsolete.txt\n*** End Patch\n', expected: { 'keep.txt': 'keep\n' }, ok: true },
  '020 whitespace-padded marker lines': { input: { 'file.txt': 'one\n' }, patch: '*** Begin Patch \n*** Update File: file.txt\n@@\n-one\n+two\n *** End Patch\n', expected: { 'file.txt': 'two\n' }, ok: true },
  '021 deletion-only update': { input: { 'lines.txt': 'line1\nline2\nline3\n' }, patch: '*** Begin Patch\n*** Update File: lines.txt\n@@\n line1\n-line2\n line3\n*** End Patch\n', expected: { 'lines.txt': 'line1\nline3\n' }, ok: true },
  '022 end-of-file marker': { input: { 'tail.txt': 'first\nsecond\n' }, patch: '*** Begin Patch\n*** Update File: tail.txt\n@@\n first\n-second\n+second updated\n*** End of File\n*** End Patch\n', expected: { 'tail.txt': 'first\nsecond updated\n' }, ok: true },
};

describe('upstream scenarios 013-022', () => {
  for (const [name, s] of Object.entries(SCENARIOS)) {
    it(name, () => {
      const dir = tmp('ap-upstream-');
      for (const [f, c] of Object.entries(s.input)) writeFileSync(join(dir, f), c);
      const r = spawnSync(bin, [s.patch], { cwd: dir, encoding: 'utf8' });
      const tree = Object.fromEntries(readdirSync(dir).sort().map((f) => [f, readFileSync(join(dir, f), 'utf8')]));
      expect({ ok: r.status === 0, tree }).toEqual({ ok: s.ok, tree: s.expected });
    });
  }
});

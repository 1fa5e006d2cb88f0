// Property tests with a seeded generator: random files + random edits → a patch → applying it
// gives exactly the edited files; a random corruption of such a patch → an error and the tree
// byte-identical to before (also when the corrupted hunk comes after good ones).
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ApplyPatchError, applyPatch } from '../src/index.js';
import { removeDir, snapshot, tempDir } from './helpers/tree.js';

/** mulberry32: small, fast, seedable. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Gen {
  int(lo: number, hi: number): number;
  pick<T>(xs: readonly T[]): T;
  line(): string;
}

function gen(seed: number): Gen {
  const r = rng(seed);
  let n = 0;
  const int = (lo: number, hi: number): number => lo + Math.floor(r() * (hi - lo + 1));
  const pick = <T,>(xs: readonly T[]): T => xs[int(0, xs.length - 1)]!;
  const decorations = ['', '  ', '\t', '    ', '// ', '# ', 'é ', '— ', '“q” '];
  // Every line is unique so a patch has exactly one place to apply.
  const line = (): string => `${pick(decorations)}${pick(['let', 'fn', 'x =', 'return', 'if', ''])} v${n++}${pick(['', ';', ' {', '}', '  '])}`;
  return { int, pick, line };
}

interface FileCase {
  name: string;
  eol: '\n' | '\r\n';
  lines: string[];
  finalNewline: boolean;
}

function render(f: { eol: string; lines: string[]; finalNewline: boolean }): string {
  if (f.lines.length === 0) return '';
  return f.lines.join(f.eol) + (f.finalNewline ? f.eol : '');
}

/** Random edits to `f` and the update hunk that makes them. */
function editFile(g: Gen, f: FileCase): { hunk: string; expected: string } {
  const n = f.lines.length;
  const edits: { start: number; oldLen: number; add: string[] }[] = [];
  let pos = 0;
  while (pos < n && edits.length < 4) {
    const start = pos + g.int(0, 6);
    if (start > n) break;
    const oldLen = Math.min(g.int(0, 3), n - start);
    const add = Array.from({ length: g.int(oldLen === 0 ? 1 : 0, 3) }, () => g.line());
    edits.push({ start, oldLen, add });
    pos = start + oldLen + 1;
  }
  if (edits.length === 0) edits.push({ start: 0, oldLen: Math.min(1, n), add: [g.line()] });
  // Group edits whose 3-line contexts touch into one chunk, like a unified diff.
  const ctx = 3;
  const chunks: string[] = [];
  let i = 0;
  while (i < edits.length) {
    let j = i;
    while (j + 1 < edits.length && edits[j + 1]!.start - (edits[j]!.start + edits[j]!.oldLen) <= 2 * ctx) j++;
    const from = Math.max(0, edits[i]!.start - ctx);
    const lastEnd = edits[j]!.start + edits[j]!.oldLen;
    const to = Math.min(n, lastEnd + ctx);
    const out = ['@@'];
    let p = from;
    for (let k = i; k <= j; k++) {
      const e = edits[k]!;
      for (; p < e.start; p++) out.push(` ${f.lines[p]}`);
      for (; p < e.start + e.oldLen; p++) out.push(`-${f.lines[p]}`);
      for (const a of e.add) out.push(`+${a}`);
    }
    for (; p < to; p++) out.push(` ${f.lines[p]}`);
    if (to === n && g.int(0, 1) === 1) out.push('*** End of File');
    chunks.push(out.join('\n'));
    i = j + 1;
  }
  const next = [...f.lines];
  for (const e of [...edits].reverse()) next.splice(e.start, e.oldLen, ...e.add);
  const touchesEnd = next[next.length - 1] !== f.lines[n - 1];
  // A file without any line ending has no style to keep: new endings are LF.
  const eol = n === 1 && !f.finalNewline ? '\n' : f.eol;
  const expected = render({ eol, lines: next, finalNewline: next.length > 0 && (f.finalNewline || touchesEnd) });
  return { hunk: `*** Update File: ${f.name}\n${chunks.join('\n')}`, expected };
}

function randomFile(g: Gen, name: string): FileCase {
  return {
    name,
    eol: g.pick(['\n', '\n', '\r\n'] as const),
    lines: Array.from({ length: g.int(1, 30) }, () => g.line()),
    finalNewline: g.int(0, 4) > 0,
  };
}

const dirs: string[] = [];
afterAll(() => dirs.forEach(removeDir));
function setup(files: FileCase[]): string {
  const dir = tempDir('apply-patch-prop');
  dirs.push(dir);
  for (const f of files) {
    mkdirSync(path.dirname(path.join(dir, f.name)), { recursive: true });
    writeFileSync(path.join(dir, f.name), render(f));
  }
  return dir;
}

function caseFor(seed: number): { files: FileCase[]; hunks: string[]; expected: Record<string, string> } {
  const g = gen(seed);
  const files = Array.from({ length: g.int(1, 3) }, (_, k) => randomFile(g, k === 2 ? `sub/f${k}.txt` : `f${k}.txt`));
  const hunks: string[] = [];
  const expected: Record<string, string> = {};
  for (const f of files) {
    const { hunk, expected: e } = editFile(g, f);
    hunks.push(hunk);
    expected[f.name] = e;
  }
  return { files, hunks, expected };
}

const wrap = (hunks: string[]): string => `*** Begin Patch\n${hunks.join('\n')}\n*** End Patch\n`;

describe('property: generated patches apply exactly', () => {
  it('200 random file sets', async () => {
    for (let seed = 1; seed <= 200; seed++) {
      const { files, hunks, expected } = caseFor(seed);
      const dir = setup(files);
      await applyPatch(wrap(hunks), { cwd: dir });
      const after = snapshot(dir);
      const got = Object.fromEntries(files.map((f) => [f.name, after[f.name.split(path.sep).join('/')]]));
      const want = Object.fromEntries(Object.entries(expected).map(([k, v]) => [k, { file: v }]));
      expect({ seed, got }).toEqual({ seed, got: want });
    }
  });
});

describe('property: corrupted patches change nothing', () => {
  it('200 random corruptions', async () => {
    for (let seed = 1; seed <= 200; seed++) {
      const { files, hunks } = caseFor(seed);
      const g = gen(seed * 7919);
      const last = hunks.length - 1;
      const lines = hunks[last]!.split('\n');
      const kind = g.int(0, 4);
      if (kind === 0) {
        // A context or removed line that is not in the file.
        const idx = lines.findIndex((l) => l.startsWith(' ') || l.startsWith('-'));
        lines[idx] = `${lines[idx]![0]}corrupted line ${seed}`;
      } else if (kind === 1) lines[0] = '*** Frobnicate File: x';
      else if (kind === 2) lines[0] = `*** Update File: missing-${seed}.txt`;
      else if (kind === 3) lines.splice(1, 0, 'garbage without a prefix');
      else lines[1] = '@@ no such context line anywhere';
      const patch = kind === 4 && g.int(0, 1) === 1 ? wrap(hunks).replace('*** End Patch\n', '') : wrap([...hunks.slice(0, last), lines.join('\n')]);
      const dir = setup(files);
      const before = snapshot(dir);
      let error: unknown;
      try {
        await applyPatch(patch, { cwd: dir });
      } catch (err: unknown) {
        error = err;
      }
      expect({ seed, isPatchError: error instanceof ApplyPatchError, tree: snapshot(dir) }).toEqual({ seed, isPatchError: true, tree: before });
    }
  });
});

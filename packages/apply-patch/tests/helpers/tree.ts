// Test helpers: temp dirs, byte-exact snapshots of a directory tree, and running the built binary.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const PACKAGE_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const BIN = path.join(PACKAGE_DIR, 'bin/apply_patch');

export type Snapshot = Record<string, { dir: true } | { file: string }>;

/** `{relpath: {dir:true} | {file: <utf8 or base64: bytes>}}` for every entry under `root`. */
export function snapshot(root: string): Snapshot {
  const out: Snapshot = {};
  if (!existsSync(root)) return out;
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const abs = path.join(dir, name);
      const rel = path.relative(root, abs).split(path.sep).join('/');
      if (statSync(abs).isDirectory()) {
        out[rel] = { dir: true };
        walk(abs);
      } else {
        const bytes = readFileSync(abs);
        const text = bytes.toString('utf8');
        out[rel] = { file: Buffer.from(text, 'utf8').equals(bytes) ? text : `base64:${bytes.toString('base64')}` };
      }
    }
  };
  walk(root);
  return out;
}

/** A fresh temp directory (optionally a copy of `from`). */
export function tempDir(prefix: string, from?: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), `${prefix}-`));
  if (from !== undefined && existsSync(from)) cpSync(from, dir, { recursive: true });
  return dir;
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** Runs the built `bin/apply_patch` in `cwd`. */
export function runBin(
  cwd: string,
  args: string[],
  opts: { input?: string; uid?: number; gid?: number } = {},
): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    input: opts.input ?? '',
    encoding: 'utf8',
    uid: opts.uid,
    gid: opts.gid,
  });
  if (r.error) throw r.error;
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A temp dir holding `files` (relative paths, created with their parents), removed by `track`. */
export function workDir(prefix: string, files: Record<string, string | Buffer>, track: string[]): string {
  const dir = tempDir(prefix);
  track.push(dir);
  for (const [rel, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), content);
  }
  return dir;
}

/** Wrap hunk text in the patch markers. */
export const wrapPatch = (body: string): string => `*** Begin Patch\n${body}\n*** End Patch`;

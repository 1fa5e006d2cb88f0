// Writes a resolved plan to disk all-or-nothing: every new content is first staged in a temp
// file beside its target, then temps are renamed over their targets and deleted files are
// renamed aside; any failure rolls back every step already taken, so no file is left changed.
import { chmodSync, mkdirSync, renameSync, rmdirSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ApplyPatchError } from './errors.js';
import { describeIoError, errnoCode } from './internal/io-error.js';

/** The final state of one file after the whole patch. */
export interface PlannedWrite {
  /** Real path of the file on disk. */
  target: string;
  /** The path as written in the patch (for messages). */
  display: string;
  /** New bytes, or null to delete the file. */
  content: Buffer | null;
  /** The bytes on disk before the patch, or null when the file did not exist. */
  original: Buffer | null;
  /** Permission bits to give the written file (kept from the file it replaces or moves). */
  mode: number | undefined;
}

let counter = 0;
function sidePath(target: string, tag: string): string {
  counter = (counter + 1) % 1e9;
  return path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.${counter}.${tag}`);
}

async function missingAncestors(dir: string): Promise<string[]> {
  const missing: string[] = [];
  let cur = dir;
  for (;;) {
    try {
      statSync(cur);
      return missing;
    } catch (err: unknown) {
      if (errnoCode(err) !== 'ENOENT') return missing; // mkdir will report the real problem
      missing.push(cur);
      const parent = path.dirname(cur);
      if (parent === cur) return missing;
      cur = parent;
    }
  }
}

async function writeStaged(tmp: string, w: PlannedWrite): Promise<void> {
  writeFileSync(tmp, w.content!, { flag: 'wx', mode: w.mode ?? 0o666 });
  // The umask applies at creation; a replaced file keeps its exact bits.
  if (w.mode !== undefined) chmodSync(tmp, w.mode);
}

type Done =
  | { kind: 'staged'; tmp: string }
  | { kind: 'replaced'; w: PlannedWrite }
  | { kind: 'trashed'; w: PlannedWrite; trash: string };

/** Applies `writes` atomically as a set. Throws `write_failed` / `delete_failed` after rolling back. */
export async function commitWrites(writes: readonly PlannedWrite[]): Promise<void> {
  const createdDirs: string[] = [];
  const staged = new Map<PlannedWrite, string>();
  const done: Done[] = [];
  let current: PlannedWrite | undefined;
  let step: 'mkdir' | 'write' | 'delete' = 'write';
  try {
    for (const w of writes) {
      if (w.content === null) continue;
      current = w;
      step = 'mkdir';
      const dirs = await missingAncestors(path.dirname(w.target));
      for (const d of dirs.reverse()) {
        mkdirSync(d);
        createdDirs.push(d);
      }
      step = 'write';
      const tmp = sidePath(w.target, 'apply_patch.tmp');
      done.push({ kind: 'staged', tmp });
      await writeStaged(tmp, w);
      staged.set(w, tmp);
    }
    for (const w of writes) {
      if (w.content === null) continue;
      current = w;
      renameSync(staged.get(w)!, w.target);
      done.push({ kind: 'replaced', w });
    }
    step = 'delete';
    for (const w of writes) {
      if (w.content !== null) continue;
      current = w;
      const trash = sidePath(w.target, 'apply_patch.del');
      renameSync(w.target, trash);
      done.push({ kind: 'trashed', w, trash });
    }
  } catch (err: unknown) {
    const rollbackErrors = await rollback(done, createdDirs);
    const display = current?.display ?? '';
    const what =
      step === 'mkdir'
        ? `Failed to create parent directories for ${display}`
        : step === 'delete'
          ? `Failed to delete file ${display}`
          : `Failed to write file ${display}`;
    const suffix = rollbackErrors.length > 0 ? ` (and rolling back failed: ${rollbackErrors.map(describeIoError).join('; ')})` : '';
    throw new ApplyPatchError(step === 'delete' ? 'delete_failed' : 'write_failed', `${what}: ${describeIoError(err)}${suffix}`, {
      cause: rollbackErrors.length > 0 ? new AggregateError([err, ...rollbackErrors]) : err,
      path: display,
    });
  }
  // Everything is in place; the renamed-aside files can go.
  for (const d of done) if (d.kind === 'trashed') unlinkSync(d.trash);
}

async function rollback(done: Done[], createdDirs: string[]): Promise<unknown[]> {
  const errors: unknown[] = [];
  const attempt = async (f: () => Promise<unknown>): Promise<void> => {
    try {
      await f();
    } catch (err: unknown) {
      if (errnoCode(err) !== 'ENOENT') errors.push(err);
    }
  };
  for (const d of [...done].reverse()) {
    if (d.kind === 'staged') await attempt(async () => unlinkSync(d.tmp));
    else if (d.kind === 'trashed') await attempt(async () => renameSync(d.trash, d.w.target));
    else if (d.w.original === null) await attempt(async () => unlinkSync(d.w.target));
    else {
      const w = d.w;
      const tmp = sidePath(w.target, 'apply_patch.restore');
      await attempt(async () => {
        await writeStaged(tmp, { ...w, content: w.original });
        renameSync(tmp, w.target);
      });
    }
  }
  for (const dir of createdDirs.reverse()) await attempt(async () => rmdirSync(dir));
  return errors;
}

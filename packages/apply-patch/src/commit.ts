// Writes a resolved plan to disk all-or-nothing: every new content is first staged in a temp
// file beside its target, then temps are renamed over their targets and deleted files are
// renamed aside; any failure rolls back every step already taken, so no file is left changed.
//
// Durability vs atomicity: nothing is fsynced (Codex does not fsync either). Each file goes
// from its old bytes to its new bytes by one rename, so readers and a crashed or killed process
// never see a half-written file; what a power loss may lose is the filesystem's business (ext4
// flushes data replaced through rename). An fsync per file would cost milliseconds each.
//
// Creating the temp files dominates a many-file patch (a new inode per file, where Codex
// rewrites files in place); that is the price of the per-file rename.
import { closeSync, fchmodSync, fstatSync, mkdirSync, openSync, renameSync, rmdirSync, statSync, unlinkSync, writeSync } from 'node:fs';
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
  const slash = target.lastIndexOf(path.sep);
  return `${target.slice(0, slash + 1)}.${target.slice(slash + 1)}.${process.pid}.${counter}.${tag}`;
}

function missingAncestors(dir: string, known: Set<string>): string[] {
  const missing: string[] = [];
  let cur = dir;
  while (!known.has(cur)) {
    try {
      statSync(cur);
      known.add(cur);
      return missing;
    } catch (err: unknown) {
      if (errnoCode(err) !== 'ENOENT') return missing; // mkdir will report the real problem
      missing.push(cur);
      const parent = path.dirname(cur);
      if (parent === cur) return missing;
      cur = parent;
    }
  }
  return missing;
}

/**
 * Modes known, in this commit, to come out of file creation exactly (the umask strips none of
 * their bits): learnt with one fstat per distinct mode, so most temps need no chmod.
 */
type ModeCache = Map<number, boolean>;

/** Writes `content` to a new temp file with exactly `mode` (when given). */
function stageSync(tmp: string, content: Buffer, mode: number | undefined, modes: ModeCache): void {
  const fd = openSync(tmp, 'wx', mode ?? 0o666);
  try {
    let off = 0;
    while (off < content.length) off += writeSync(fd, content, off);
    if (mode !== undefined) {
      let exact = modes.get(mode);
      if (exact === undefined) {
        exact = (fstatSync(fd).mode & 0o7777) === mode;
        modes.set(mode, exact);
      }
      // The umask applies at creation; a replaced file keeps its exact bits.
      if (!exact) fchmodSync(fd, mode);
    }
  } finally {
    closeSync(fd);
  }
}

/**
 * Runs `op` for every item in order, stopping at the first failure; returns that failure.
 * (Running the steps for all files at once on libuv's thread pool was tried: the filesystem
 * serialises file creation, so it gained nothing measurable and cost CPU.)
 */
function runStep<T>(items: readonly T[], op: (item: T) => void): { index: number; error: unknown } | null {
  for (let i = 0; i < items.length; i++) {
    try {
      op(items[i]!);
    } catch (error: unknown) {
      return { index: i, error };
    }
  }
  return null;
}

type Done =
  | { kind: 'staged'; tmp: string }
  | { kind: 'replaced'; w: PlannedWrite }
  | { kind: 'trashed'; w: PlannedWrite; trash: string };

/** Applies `writes` atomically as a set. Throws `write_failed` / `delete_failed` after rolling back. */
export async function commitWrites(writes: readonly PlannedWrite[]): Promise<void> {
  commitWritesSync(writes);
}

/** `commitWrites`, synchronously. */
export function commitWritesSync(writes: readonly PlannedWrite[]): void {
  const createdDirs: string[] = [];
  const done: Done[] = [];
  const puts = writes.filter((w) => w.content !== null);
  const dels = writes.filter((w) => w.content === null);
  const tmps = new Map<PlannedWrite, string>();
  let failure: { w: PlannedWrite | undefined; step: 'mkdir' | 'write' | 'delete'; error: unknown } | null = null;

  // Parent directories, in order; a failure stops staging at that file.
  const known = new Set<string>();
  let staged = puts.length;
  for (let i = 0; i < puts.length && failure === null; i++) {
    const w = puts[i]!;
    try {
      for (const d of missingAncestors(path.dirname(w.target), known).reverse()) {
        mkdirSync(d);
        createdDirs.push(d);
        known.add(d);
      }
    } catch (error: unknown) {
      failure = { w, step: 'mkdir', error };
      staged = i;
    }
    tmps.set(w, sidePath(w.target, 'apply_patch.tmp'));
  }
  const toStage = puts.slice(0, staged);
  // Every temp is rolled back on failure, including one that failed half-way (ENOENT is ignored).
  for (const w of toStage) done.push({ kind: 'staged', tmp: tmps.get(w)! });
  const modes: ModeCache = new Map();
  const stageFail = runStep(toStage, (w) => stageSync(tmps.get(w)!, w.content!, w.mode, modes));
  if (stageFail !== null) failure = { w: toStage[stageFail.index], step: 'write', error: stageFail.error };
  if (failure === null) {
    const renameFail = runStep(puts, (w) => {
      renameSync(tmps.get(w)!, w.target);
      done.push({ kind: 'replaced', w });
    });
    if (renameFail !== null) failure = { w: puts[renameFail.index], step: 'write', error: renameFail.error };
  }
  if (failure === null) {
    const trash = new Map(dels.map((w) => [w, sidePath(w.target, 'apply_patch.del')]));
    const delFail = runStep(dels, (w) => {
      renameSync(w.target, trash.get(w)!);
      done.push({ kind: 'trashed', w, trash: trash.get(w)! });
    });
    if (delFail !== null) failure = { w: dels[delFail.index], step: 'delete', error: delFail.error };
  }
  if (failure !== null) throw failed(failure.w, failure.step, failure.error, rollback(done, createdDirs));
  // Everything is in place; the renamed-aside files can go.
  for (const d of done) if (d.kind === 'trashed') unlinkSync(d.trash);
}

function failed(w: PlannedWrite | undefined, step: 'mkdir' | 'write' | 'delete', err: unknown, rollbackErrors: unknown[]): ApplyPatchError {
  const display = w?.display ?? '';
  const what =
    step === 'mkdir'
      ? `Failed to create parent directories for ${display}`
      : step === 'delete'
        ? `Failed to delete file ${display}`
        : `Failed to write file ${display}`;
  const suffix = rollbackErrors.length > 0 ? ` (and rolling back failed: ${rollbackErrors.map(describeIoError).join('; ')})` : '';
  return new ApplyPatchError(step === 'delete' ? 'delete_failed' : 'write_failed', `${what}: ${describeIoError(err)}${suffix}`, {
    cause: rollbackErrors.length > 0 ? new AggregateError([err, ...rollbackErrors]) : err,
    path: display,
  });
}

function rollback(done: Done[], createdDirs: string[]): unknown[] {
  const errors: unknown[] = [];
  const attempt = (f: () => void): void => {
    try {
      f();
    } catch (err: unknown) {
      if (errnoCode(err) !== 'ENOENT') errors.push(err);
    }
  };
  for (const d of [...done].reverse()) {
    if (d.kind === 'staged') attempt(() => unlinkSync(d.tmp));
    else if (d.kind === 'trashed') attempt(() => renameSync(d.trash, d.w.target));
    else if (d.w.original === null) attempt(() => unlinkSync(d.w.target));
    else {
      const w = d.w;
      const tmp = sidePath(w.target, 'apply_patch.restore');
      attempt(() => {
        stageSync(tmp, w.original!, w.mode, new Map());
        renameSync(tmp, w.target);
      });
    }
  }
  for (const dir of createdDirs.reverse()) attempt(() => rmdirSync(dir));
  return errors;
}

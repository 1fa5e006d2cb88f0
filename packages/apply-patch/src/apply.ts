// Plans a whole patch against the current files before anything is written (every hunk of
// every file resolved through an in-memory overlay, so later hunks see earlier ones), then
// commits the plan atomically. Messages follow Codex's wording; paths are shown as written.
// Sync calls on purpose: a patch touches a handful of files, and the per-call latency of the
// promise API dominated the binary's run time.
import { accessSync, constants, lstatSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { commitWrites, type PlannedWrite } from './commit.js';
import { deriveNewFile, renderBytes } from './derive.js';
import { ApplyPatchError } from './errors.js';
import { describeIoError, errnoCode, ioError } from './internal/io-error.js';
import { resolvePatchPath, resolveRoots, type RealpathCache, type ResolvedPath } from './internal/paths.js';
import { parsePatch, type Hunk, type ParsedPatch } from './parser.js';
import { decodeText } from './text-file.js';
import { unifiedDiffFromReplacements } from './unified-diff.js';

/** Options for planning and applying a patch. */
export interface ApplyPatchOptions {
  /** Directory relative patch paths are resolved against. */
  cwd: string;
  /** Directories the patch may write under (default: `[cwd]`). Relative roots are taken from `cwd`. */
  writableRoots?: readonly string[];
  /** Cancels planning; once writing has begun the commit runs to completion or rolls back. */
  signal?: AbortSignal;
  /** Compute `unified_diff` for updates (default true; the binary turns it off). */
  diffs?: boolean;
}

/** What a patch does to one file, in Codex's wire names (keyed by absolute path in a plan). */
export type FileChange =
  | { type: 'add'; content: string }
  | { type: 'delete'; content: string }
  | { type: 'update'; unified_diff: string; move_path: string | null; new_content: string };

/** Paths as written in the patch, grouped as Codex's success summary lists them. */
export interface AffectedPaths {
  added: string[];
  modified: string[];
  deleted: string[];
}

/** A fully resolved patch: nothing has been written yet. */
export interface PatchPlan {
  /** The working directory the paths were resolved against. */
  cwd: string;
  /** The patch text without a heredoc wrapper. */
  patch: string;
  hunks: Hunk[];
  /** Per-file changes keyed by absolute path (the source path for moves). */
  changes: Record<string, FileChange>;
  affected: AffectedPaths;
  /** The final state of every file the patch touches. */
  writes: PlannedWrite[];
}

/** The outcome of a successful `applyPatch`. */
export interface ApplyPatchResult extends PatchPlan {
  /** Codex's success text: `Success. Updated the following files:` then `A`/`M`/`D` lines. */
  stdout: string;
}

const DIR = Symbol('directory');

interface Entry {
  display: string;
  /** Bytes on disk before the patch (null: missing; DIR: a directory). */
  disk: Buffer | null | typeof DIR;
  diskMode: number | undefined;
  readError: unknown;
  /** State after the hunks planned so far. */
  current: Buffer | null | typeof DIR;
  mode: number | undefined;
}

/** Codex's success text for `affected`. */
export function formatSummary(affected: AffectedPaths): string {
  let out = 'Success. Updated the following files:\n';
  for (const p of affected.added) out += `A ${p}\n`;
  for (const p of affected.modified) out += `M ${p}\n`;
  for (const p of affected.deleted) out += `D ${p}\n`;
  return out;
}

/**
 * Parses (if given text) and resolves a patch against the filesystem without writing anything.
 * Throws `ApplyPatchError` for the first problem, in hunk order, as Codex would report it.
 */
export async function planPatch(patch: string | ParsedPatch, options: ApplyPatchOptions): Promise<PatchPlan> {
  const parsed = typeof patch === 'string' ? parsePatch(patch) : patch;
  if (parsed.hunks.length === 0) throw new ApplyPatchError('empty_patch', 'No files were modified.');
  const planner = new Planner(options, resolveRoots(options.cwd, options.writableRoots ?? [options.cwd]));
  for (const hunk of parsed.hunks) {
    checkAborted(options.signal);
    planner.hunk(hunk);
  }
  return { cwd: options.cwd, patch: parsed.patch, hunks: parsed.hunks, changes: planner.changes, affected: planner.affected, writes: planner.writes() };
}

/** Writes a plan made by `planPatch` (all files or none). */
export async function commitPlan(plan: PatchPlan, options: { signal?: AbortSignal } = {}): Promise<void> {
  checkAborted(options.signal);
  await commitWrites(plan.writes);
}

/** Plans and commits a patch; on any error no file has been changed. */
export async function applyPatch(patch: string | ParsedPatch, options: ApplyPatchOptions): Promise<ApplyPatchResult> {
  const plan = await planPatch(patch, options);
  await commitPlan(plan, options);
  return { ...plan, stdout: formatSummary(plan.affected) };
}

function checkAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new ApplyPatchError('aborted', 'apply_patch was cancelled; no files were changed.', { cause: signal.reason });
}

function lossy(b: Buffer | null | typeof DIR): string {
  return b instanceof Buffer ? b.toString('utf8') : '';
}

class Planner {
  readonly changes: Record<string, FileChange> = {};
  readonly affected: AffectedPaths = { added: [], modified: [], deleted: [] };
  private readonly entries = new Map<string, Entry>();
  private readonly updated = new Set<string>();
  private readonly deleted = new Set<string>();
  private readonly realpaths: RealpathCache = new Map();

  constructor(
    private readonly options: ApplyPatchOptions,
    private readonly roots: string[],
  ) {}

  hunk(h: Hunk): void {
    if (h.type === 'add') return this.add(h.path, h.contents);
    if (h.type === 'delete') return this.delete(h.path);
    return this.update(h);
  }

  writes(): PlannedWrite[] {
    const out: PlannedWrite[] = [];
    for (const [target, e] of this.entries) {
      if (e.current === DIR || e.disk === DIR) continue;
      if (e.current === e.disk || (e.current !== null && e.disk !== null && e.current.equals(e.disk) && e.mode === e.diskMode)) continue;
      out.push({ target, display: e.display, content: e.current, original: e.disk, mode: e.mode });
    }
    return out;
  }

  private resolve(p: string, follow: boolean): ResolvedPath {
    return resolvePatchPath(p, this.options.cwd, this.roots, follow, this.realpaths);
  }

  private entry(r: ResolvedPath, follow: boolean): Entry {
    const known = this.entries.get(r.target);
    if (known) return known;
    const e: Entry = { display: r.display, disk: null, diskMode: undefined, readError: undefined, current: null, mode: undefined };
    try {
      const st = follow ? (r.stats ?? statSync(r.target)) : lstatSync(r.target);
      e.diskMode = st.mode & 0o7777;
      if (st.isDirectory()) e.disk = DIR;
      else {
        try {
          e.disk = readFileSync(r.target);
        } catch (err: unknown) {
          e.readError = err;
          e.disk = Buffer.alloc(0);
        }
      }
    } catch (err: unknown) {
      const code = errnoCode(err);
      if (code !== 'ENOENT' && code !== 'ENOTDIR') e.readError = err;
    }
    e.current = e.disk;
    e.mode = e.diskMode;
    this.entries.set(r.target, e);
    return e;
  }

  /** The nearest existing ancestor must be a directory we may write in. */
  private checkWritableParent(target: string, display: string): void {
    let dir = path.dirname(target);
    for (;;) {
      const e = this.entries.get(dir);
      if (e && e.current === null && e.disk !== DIR) {
        dir = path.dirname(dir);
        continue;
      }
      try {
        const st = statSync(dir);
        if (!st.isDirectory()) throw ioError('ENOTDIR');
        accessSync(dir, constants.W_OK | constants.X_OK);
        return;
      } catch (err: unknown) {
        const code = errnoCode(err);
        if (code === 'ENOENT' && path.dirname(dir) !== dir) {
          dir = path.dirname(dir);
          continue;
        }
        const what = code === 'ENOTDIR' ? 'Failed to create parent directories for' : 'Failed to write file';
        throw new ApplyPatchError('write_failed', `${what} ${display}: ${describeIoError(err)}`, { cause: err, path: display });
      }
    }
  }

  private checkWritableFile(e: Entry, target: string, display: string, code: 'write_failed' | 'delete_failed'): void {
    if (e.disk === null || e.disk === DIR) return;
    const verb = code === 'write_failed' ? 'Failed to write file' : 'Failed to delete file';
    try {
      if (code === 'write_failed') accessSync(target, constants.W_OK);
      else accessSync(path.dirname(target), constants.W_OK | constants.X_OK);
    } catch (err: unknown) {
      throw new ApplyPatchError(code, `${verb} ${display}: ${describeIoError(err)}`, { cause: err, path: display });
    }
  }

  private add(p: string, contents: string): void {
    const r = this.resolve(p, true);
    const e = this.entry(r, true);
    if (e.current === DIR) throw new ApplyPatchError('write_failed', `Failed to write file ${p}: ${describeIoError(ioError('EISDIR'))}`, { path: p });
    if (e.readError !== undefined && e.current === e.disk) {
      throw new ApplyPatchError('write_failed', `Failed to write file ${p}: ${describeIoError(e.readError)}`, { cause: e.readError, path: p });
    }
    this.checkWritableParent(r.target, p);
    this.checkWritableFile(e, r.target, p, 'write_failed');
    e.current = Buffer.from(contents, 'utf8');
    this.changes[r.absolute] = { type: 'add', content: contents };
    this.affected.added.push(p);
  }

  private delete(p: string): void {
    const r = this.resolve(p, false);
    if (this.updated.has(r.target)) throw conflict(p);
    const e = this.entry(r, false);
    if (e.current === null || e.current === DIR) {
      throw new ApplyPatchError('delete_failed', `Failed to delete file ${p}`, { path: p, cause: e.readError });
    }
    this.checkWritableFile(e, r.target, p, 'delete_failed');
    this.changes[r.absolute] = { type: 'delete', content: lossy(e.current) };
    e.current = null;
    this.deleted.add(r.target);
    this.affected.deleted.push(p);
  }

  private update(h: Extract<Hunk, { type: 'update' }>): void {
    const p = h.path;
    const r = this.resolve(p, true);
    if (this.deleted.has(r.target)) throw conflict(p);
    const e = this.entry(r, true);
    const readFail = (err: unknown): ApplyPatchError =>
      new ApplyPatchError('read_failed', `Failed to read file to update ${p}: ${describeIoError(err)}`, { cause: err, path: p });
    if (e.current === DIR) throw readFail(ioError('EISDIR'));
    if (e.readError !== undefined && e.current === e.disk) throw readFail(e.readError);
    if (e.current === null) throw readFail(ioError('ENOENT'));
    const text = decodeText(e.current);
    if (text === null) {
      throw new ApplyPatchError(
        'binary_file',
        `Failed to read file to update ${p}: stream did not contain valid UTF-8 (it looks like a binary file; apply_patch only edits UTF-8 text files)`,
        { path: p },
      );
    }
    const derived = deriveNewFile(text, h.chunks, p);
    const bytes = renderBytes(text, derived.segments, e.current);
    const diff = this.options.diffs === false ? '' : unifiedDiffFromReplacements(text, derived.replacements);
    this.updated.add(r.target);
    if (h.movePath === null) {
      this.checkWritableFile(e, r.target, p, 'write_failed');
      e.current = bytes;
      this.changes[r.absolute] = updateChange(diff, bytes, null);
      this.affected.modified.push(p);
      return;
    }
    const d = this.resolve(h.movePath, true);
    const de = this.entry(d, true);
    if (de.current === DIR) {
      throw new ApplyPatchError('write_failed', `Failed to write file ${h.movePath}: ${describeIoError(ioError('EISDIR'))}`, { path: h.movePath });
    }
    this.checkWritableParent(d.target, h.movePath);
    this.checkWritableFile(de, d.target, h.movePath, 'write_failed');
    this.checkWritableFile(e, r.target, p, 'delete_failed');
    if (d.target !== r.target) {
      de.mode = de.current === null ? e.mode : de.mode;
      e.current = null;
    }
    de.current = bytes;
    this.updated.add(d.target);
    this.changes[r.absolute] = updateChange(diff, bytes, d.absolute);
    this.affected.modified.push(h.movePath);
  }
}

/** An update's change; `new_content` is decoded from the new bytes on first read (the binary never reads it). */
function updateChange(diff: string, bytes: Buffer, movePath: string | null): FileChange {
  let text: string | undefined;
  return {
    type: 'update',
    unified_diff: diff,
    get new_content(): string {
      text ??= bytes.toString('utf8');
      return text;
    },
    move_path: movePath,
  };
}

function conflict(p: string): ApplyPatchError {
  return new ApplyPatchError(
    'conflicting_hunks',
    `Invalid patch: ${p} is both updated and deleted in this patch. Keep only one of the two hunks for it.`,
    { path: p },
  );
}

// Crash checkpoints of a running task in the bucket, so that a worker on another machine
// (no shared filesystem) can resume it. After tool calls and turns, and every six intervals
// while a long command runs (debounced: at most one upload per `checkpoint_interval_ms`, one
// at a time, nothing sent when nothing changed) the writer uploads the rollout bytes
// added since the last checkpoint as a new segment, then a diff of the checkout taken after
// those bytes were read (so the workspace is never older than the conversation), and records
// the checkpoint in the job only while this worker still owns the task. Each upload costs the
// new rollout bytes plus one diff. A resuming worker rebuilds the rollout from the segments
// and applies the diff to a fresh checkout of the base commit.
import { randomBytes } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readFileSync, readSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import type { Logger } from 'pino';
import { FleetError } from './errors.js';
import type { S3Store } from './storage/s3.js';
import { sha256Hex } from './storage/sigv4.js';
import { findRollout } from './task-home.js';
import { git, snapshotDiff } from './workspace.js';

/** One uploaded piece of the rollout. */
export interface CheckpointSegment {
  key: string;
  bytes: number;
}

/** What the job records about the latest checkpoint. */
export interface Checkpoint {
  /** The rollout's path relative to the task's CODEX_HOME (`sessions/…/rollout-….jsonl`). */
  rollout_rel: string;
  /** The rollout is these segments, in order. */
  segments: CheckpointSegment[];
  /** Their total size. */
  bytes: number;
  /** Diff of the checkout against the base commit, taken after the rollout bytes were read. */
  diff_key: string;
  diff_sha256: string;
  at: string;
}

/** Object keys of one task: `<prefix><queue>/<task id>/`. */
export function taskKeyBase(prefix: string, queue: string, id: string): string {
  return `${prefix}${queue}/${id}/`;
}

/** Options of a {@link CheckpointWriter}. */
export interface CheckpointWriterOptions {
  store: S3Store;
  /** {@link taskKeyBase}. */
  base: string;
  /** This run's number (1 = first), part of its object keys so runs never overwrite each other. */
  run: number;
  home: string;
  work: string;
  baseCommit: string;
  intervalMs: number;
  sessionId: () => string | undefined;
  /** Store the checkpoint with the job; false when this worker no longer owns the task. */
  record: (c: Checkpoint) => Promise<boolean>;
  log: Logger;
  /** The checkpoint this run was resumed from (its segments are kept and extended). */
  initial?: Checkpoint;
}

/** Uploads checkpoints of one running task. */
export class CheckpointWriter {
  private segments: CheckpointSegment[];
  private bytes: number;
  private diffSha: string | undefined;
  private diffKey: string | undefined;
  private seq = 0;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private closed = false;
  private lastAt = 0;
  private readonly beat: NodeJS.Timeout;
  /** Uploads done and bytes sent (the bench reports them). */
  readonly stats = { checkpoints: 0, puts: 0, bytes: 0, ms: 0 };

  constructor(private readonly o: CheckpointWriterOptions) {
    this.segments = [...(o.initial?.segments ?? [])];
    this.bytes = o.initial?.bytes ?? 0;
    this.diffSha = o.initial?.diff_sha256;
    // A long command changes files without any event: look again every six intervals.
    this.beat = setInterval(() => this.poke(), Math.max(o.intervalMs * 6, 1000));
    this.beat.unref();
  }

  /** Something happened (a tool call, a turn): upload soon. */
  poke(): void {
    if (this.closed) return;
    if (this.running) {
      this.again = true;
      return;
    }
    if (this.timer) return;
    const delay = Math.max(250, this.lastAt + this.o.intervalMs - Date.now());
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.running = this.upload()
        .catch((err: unknown) => this.o.log.warn({ err }, 'checkpoint upload failed; the previous checkpoint stays'))
        .finally(() => {
          this.running = undefined;
          this.lastAt = Date.now();
          if (this.again) {
            this.again = false;
            this.poke();
          }
        });
    }, delay);
    this.timer.unref();
  }

  /** Stop uploading (the run ended); waits for an upload in flight. */
  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.beat);
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** Every checkpoint object this writer knows of (removed once the task has its final artifacts). */
  keys(): string[] {
    return [...this.segments.map((s) => s.key), ...(this.diffKey ? [this.diffKey] : []), ...(this.o.initial?.diff_key ? [this.o.initial.diff_key] : [])];
  }

  private async upload(): Promise<void> {
    const sid = this.o.sessionId();
    const path = sid !== undefined ? findRollout(this.o.home, sid) : undefined;
    if (path === undefined) return;
    const started = Date.now();
    const size = statSync(path).size;
    if (size < this.bytes) throw new FleetError('storage', `rollout ${path} is shorter (${size}) than its last checkpoint (${this.bytes})`);
    // Only whole lines: the child may be writing the last one right now.
    const fresh = Buffer.alloc(size - this.bytes);
    const fd = openSync(path, 'r');
    try {
      for (let got = 0; got < fresh.length; ) {
        const n = readSync(fd, fresh, got, fresh.length - got, this.bytes + got);
        if (n === 0) break;
        got += n;
      }
    } finally {
      closeSync(fd);
    }
    const chunk = fresh.subarray(0, fresh.lastIndexOf(0x0a) + 1);
    const diffFile = join(tmpdir(), `codex-fleet-ckpt-${process.pid}-${randomBytes(6).toString('hex')}.diff`);
    let diff: Buffer;
    try {
      await snapshotDiff(this.o.work, this.o.baseCommit, diffFile);
      diff = readFileSync(diffFile);
    } finally {
      rmSync(diffFile, { force: true });
    }
    const diffSha = sha256Hex(diff);
    if (chunk.length === 0 && diffSha === this.diffSha) return;
    const segments = [...this.segments];
    const n = this.seq++;
    if (chunk.length > 0) {
      const key = `${this.o.base}checkpoint/r${this.o.run}-${n}.jsonl`;
      await this.o.store.put(key, chunk, 'application/x-ndjson');
      segments.push({ key, bytes: chunk.length });
      this.count(chunk.length);
    }
    let diffKey = this.diffKey ?? this.o.initial?.diff_key;
    if (diffSha !== this.diffSha || diffKey === undefined) {
      diffKey = `${this.o.base}checkpoint/r${this.o.run}-${n}.diff`;
      await this.o.store.put(diffKey, diff, 'text/x-diff');
      this.count(diff.length);
    }
    const c: Checkpoint = { rollout_rel: relative(this.o.home, path).split(sep).join('/'), segments, bytes: this.bytes + chunk.length, diff_key: diffKey, diff_sha256: diffSha, at: new Date().toISOString() };
    if (!(await this.o.record(c))) {
      this.closed = true; // another worker owns the task now
      return;
    }
    const oldDiff = this.diffKey;
    this.segments = segments;
    this.bytes = c.bytes;
    this.diffSha = diffSha;
    this.diffKey = diffKey;
    this.stats.checkpoints += 1;
    this.stats.ms += Date.now() - started;
    if (oldDiff !== undefined && oldDiff !== diffKey) await this.o.store.delete(oldDiff).catch(() => undefined);
  }

  private count(bytes: number): void {
    this.stats.puts += 1;
    this.stats.bytes += bytes;
  }
}

/** Checks a checkpoint read back from Redis (input like any other) against the task's key space. */
export function checkCheckpoint(c: unknown, base: string): Checkpoint {
  const bad = (why: string): never => {
    throw new FleetError('storage', `the task's checkpoint record is not usable: ${why}`);
  };
  if (c === null || typeof c !== 'object') return bad('not an object');
  const r = c as Record<string, unknown>;
  const inBase = (k: unknown): k is string => typeof k === 'string' && k.startsWith(`${base}checkpoint/`) && !k.slice(base.length).split('/').some((p) => p === '..' || p === '.' || p === '');
  if (typeof r.rollout_rel !== 'string' || !/^sessions\/[A-Za-z0-9._/-]+\.jsonl$/.test(r.rollout_rel) || r.rollout_rel.split('/').some((p) => p === '..' || p === '.')) return bad('rollout path');
  if (!Array.isArray(r.segments) || !r.segments.every((s: unknown) => s !== null && typeof s === 'object' && inBase((s as CheckpointSegment).key) && Number.isSafeInteger((s as CheckpointSegment).bytes) && (s as CheckpointSegment).bytes > 0)) return bad('segments');
  if (!Number.isSafeInteger(r.bytes) || (r.segments as CheckpointSegment[]).reduce((n, s) => n + s.bytes, 0) !== r.bytes) return bad('size');
  if (!inBase(r.diff_key) || typeof r.diff_sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(r.diff_sha256)) return bad('diff');
  return r as unknown as Checkpoint;
}

/**
 * Rebuild a checkpoint on this worker: the rollout under `home` from its segments (written
 * whole, then renamed), then the diff applied to `work`, a fresh checkout of the base commit.
 * Returns the rollout's path.
 */
export async function restoreCheckpoint(store: S3Store, c: Checkpoint, home: string, work: string): Promise<string> {
  const target = join(home, ...c.rollout_rel.split('/'));
  mkdirSync(dirname(target), { recursive: true, mode: 0o700 });
  const tmp = `${target}.restore-${process.pid}`;
  const fd = openSync(tmp, 'w', 0o600);
  try {
    for (const s of c.segments) {
      const data = await store.get(s.key);
      if (data === undefined) throw new FleetError('storage', `checkpoint segment ${s.key} is missing from the bucket`);
      if (data.length !== s.bytes) throw new FleetError('storage', `checkpoint segment ${s.key} has ${data.length} bytes, not ${s.bytes}`);
      writeFileSync(fd, data);
    }
  } catch (err: unknown) {
    closeSync(fd);
    rmSync(tmp, { force: true });
    throw err;
  }
  closeSync(fd);
  const diff = await store.get(c.diff_key);
  if (diff === undefined || sha256Hex(diff) !== c.diff_sha256) {
    rmSync(tmp, { force: true });
    throw new FleetError('storage', `checkpoint diff ${c.diff_key} is missing or changed`);
  }
  if (diff.length > 0) {
    const patch = `${tmp}.diff`;
    writeFileSync(patch, diff);
    try {
      await git(['-C', work, 'apply', '--binary', '--whitespace=nowarn', patch]);
    } finally {
      rmSync(patch, { force: true });
    }
  }
  renameSync(tmp, target);
  return target;
}

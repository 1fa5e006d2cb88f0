// Runs one task on this worker: prepares (or, when taking over a lost run, reuses) its
// checkout, runs `codex exec --json` (or `codex exec resume` from the rollout in shared
// storage), appends every JSONL line to the task's Redis stream and builds the result.
import { existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { uploadArtifacts } from './artifacts.js';
import { checkCheckpoint, CheckpointWriter, restoreCheckpoint, taskKeyBase, type Checkpoint } from './checkpoint.js';
import { runChild } from './child.js';
import type { Gateway } from './gateway/index.js';
import type { FleetKeys } from './keys.js';
import { emptyUsage, type RunMode, type TaskResult, type TaskRun, type TaskUsage } from './result.js';
import type { FleetSettings } from './settings.js';
import type { TaskJobData } from './task.js';
import { classifyRunFailure, classifyWorkspaceFailure } from './retry.js';
import type { S3Store } from './storage/s3.js';
import { findRollout, linkTaskHome, rolloutUsage } from './task-home.js';
import { prepareWorkspace, removeWorkspace, snapshotDiff, taskPaths } from './workspace.js';

/** What a task's job remembers between runs (BullMQ job progress). */
export interface TaskProgress {
  session_id?: string;
  base_commit?: string;
  usage?: TaskUsage;
  worker?: string;
  /** The try these belong to; a new try starts afresh. */
  attempt?: number;
  /** The latest crash checkpoint in the bucket. */
  checkpoint?: Checkpoint;
}

/** The user message a resumed run starts with. */
export const RESUME_PROMPT =
  'This task was interrupted because the machine running it stopped, and it has now been resumed on another machine. ' +
  'Tool calls that were cut off did not complete. Check the current state of the workspace, then continue the original task.';

/** Everything {@link runTask} needs. */
export interface TaskRunContext {
  id: string;
  data: TaskJobData;
  settings: FleetSettings;
  redis: Redis;
  keys: FleetKeys;
  /** argv prefix of the `codex` binary, e.g. [process.execPath, cli entry]. */
  codexCommand: string[];
  /** The worker's CODEX_HOME (its config and auth are linked into the task's). */
  workerHome: string;
  /** The worker's own `-c` overrides, passed on to every task. */
  configOverrides: string[];
  env: NodeJS.ProcessEnv;
  gateway?: Gateway;
  /** The bucket (`[fleet.storage]`), when configured. */
  store?: S3Store;
  /** Whether this worker still owns the task (checked before a checkpoint is recorded). */
  ownsLock?: () => Promise<boolean>;
  /** This try's number (1 = the first). */
  attempt?: number;
  /** Told about each checkpoint writer's totals when the run ends (the bench reads them). */
  onCheckpointStats?: (s: CheckpointWriter['stats']) => void;
  progress: TaskProgress;
  setProgress(p: TaskProgress): Promise<void>;
  log: Logger;
  /** Aborted on cancel. */
  signal: AbortSignal;
}

const EVENTS_MAXLEN = 100_000;
/** Diffs up to this size are stored in the result itself; larger ones only in the bucket. */
const MAX_INLINE_DIFF = 10 * 1024 * 1024;

function addUsage(a: TaskUsage, u: Record<string, unknown>): TaskUsage {
  const n = (k: string): number => (typeof u[k] === 'number' ? (u[k] as number) : 0);
  const input = n('input_tokens');
  const output = n('output_tokens');
  return {
    input_tokens: a.input_tokens + input,
    cached_input_tokens: a.cached_input_tokens + n('cached_input_tokens'),
    output_tokens: a.output_tokens + output,
    reasoning_output_tokens: a.reasoning_output_tokens + n('reasoning_output_tokens'),
    total_tokens: a.total_tokens + (typeof u['total_tokens'] === 'number' ? (u['total_tokens'] as number) : input + output),
  };
}

/** `codex exec` argv for this run (the prompt goes to stdin as `-`). */
export function execArgv(ctx: Pick<TaskRunContext, 'codexCommand' | 'data' | 'configOverrides' | 'gateway' | 'id'>, paths: ReturnType<typeof taskPaths>, resumeSession?: string): string[] {
  const t = ctx.data.task;
  const argv = [...ctx.codexCommand, 'exec', '--json', '--color', 'never', '-C', paths.work, '-o', paths.lastMessage];
  for (const o of ctx.configOverrides) argv.push('-c', o);
  // The gateway's overrides are whole argv pieces (`-c`, `key=value`, ...), as it returns them.
  argv.push(...(ctx.gateway?.execOverrides(ctx.id) ?? []));
  if (t.model !== undefined) argv.push('-m', t.model);
  if (t.profile !== undefined) argv.push('-p', t.profile);
  if (t.sandbox !== undefined) argv.push('-s', t.sandbox);
  if (t.approval !== undefined) argv.push('-c', `approval_policy=${JSON.stringify(t.approval)}`);
  if (t.output_schema !== undefined) argv.push('--output-schema', paths.schema);
  if (resumeSession !== undefined) argv.push('resume', resumeSession, '-');
  else argv.push('-');
  return argv;
}

/** How this run starts: the mode, the checkout's base commit, and the checkpoint it continues. */
interface Start {
  mode: RunMode;
  baseCommit: string;
  resumedFrom?: 'shared_dir' | 'bucket';
  checkpoint?: Checkpoint;
  note?: string;
}

/**
 * Decide how to start and get the checkout ready: resume from the shared directory when the
 * lost run's rollout and checkout are here (and not older than its last checkpoint), else from
 * the bucket's checkpoint (a fresh checkout of the base commit, the diff applied, the rollout
 * rebuilt), else start over.
 */
async function prepare(ctx: TaskRunContext, paths: ReturnType<typeof taskPaths>, earlierRuns: TaskRun[]): Promise<Start> {
  const { settings, log, id } = ctx;
  const task = ctx.data.task;
  const prev = ctx.progress;
  const retry = (ctx.attempt ?? 1) > 1 && !earlierRuns.some((r) => (r.attempt ?? 1) === ctx.attempt);
  let note: string | undefined;
  if (prev.session_id !== undefined && prev.base_commit !== undefined) {
    const local = findRollout(paths.home, prev.session_id);
    if (local !== undefined && existsSync(paths.work) && (prev.checkpoint === undefined || statSync(local).size >= prev.checkpoint.bytes)) {
      // The bucket's chain goes on from here (its segments are a prefix of this rollout), so none is orphaned.
      let checkpoint: Checkpoint | undefined;
      if (ctx.store !== undefined && prev.checkpoint !== undefined && settings.storage !== undefined) {
        try {
          checkpoint = checkCheckpoint(prev.checkpoint, taskKeyBase(settings.storage.prefix, settings.queue, id));
        } catch (err: unknown) {
          log.warn({ err, task: id }, 'checkpoint record ignored');
        }
      }
      return { mode: 'resume', baseCommit: prev.base_commit, resumedFrom: 'shared_dir', ...(checkpoint ? { checkpoint } : {}) };
    }
    if (ctx.store !== undefined && prev.checkpoint !== undefined && settings.storage !== undefined) {
      try {
        const c = checkCheckpoint(prev.checkpoint, taskKeyBase(settings.storage.prefix, settings.queue, id));
        rmSync(paths.dir, { recursive: true, force: true });
        await prepareWorkspace(task, paths.work, settings.cacheDir, ctx.signal, prev.base_commit);
        linkTaskHome(paths.home, ctx.workerHome);
        await restoreCheckpoint(ctx.store, c, paths.home, paths.work);
        return { mode: 'resume', baseCommit: prev.base_commit, resumedFrom: 'bucket', checkpoint: c };
      } catch (err: unknown) {
        if (ctx.signal.aborted) throw err;
        log.warn({ err, task: id }, 'resume from the bucket failed; starting over');
        note = `resume from the bucket failed: ${(err as Error).message}`;
      }
    } else note = 'the lost run left no rollout here and no checkpoint in a bucket';
  }
  rmSync(paths.dir, { recursive: true, force: true });
  const baseCommit = (await prepareWorkspace(task, paths.work, settings.cacheDir, ctx.signal)).baseCommit;
  const mode: RunMode = retry ? 'retry' : earlierRuns.some((r) => (r.attempt ?? 1) === (ctx.attempt ?? 1)) ? 'restart' : 'new';
  return { mode, baseCommit, ...(mode === 'restart' && note !== undefined ? { note } : {}) };
}

/** Run the task once on this worker; never throws for a failing task (the result says so). */
export async function runTask(ctx: TaskRunContext): Promise<TaskResult> {
  const { id, data, settings, redis, keys, log } = ctx;
  const task = data.task;
  const attempt = ctx.attempt ?? 1;
  const paths = taskPaths(settings.sharedDir, settings.queue, id);
  const startedAt = new Date();
  const earlierRuns = (await redis.lrange(keys.runs(id), 0, -1)).map((s) => JSON.parse(s) as TaskRun);
  let start: Start | undefined;
  let prepError: Error | undefined;
  try {
    start = await prepare(ctx, paths, earlierRuns);
    linkTaskHome(paths.home, ctx.workerHome);
    if (task.output_schema !== undefined) writeFileSync(paths.schema, JSON.stringify(task.output_schema));
    rmSync(paths.lastMessage, { force: true });
  } catch (err: unknown) {
    prepError = err as Error;
  }
  const mode: RunMode = start?.mode ?? (earlierRuns.length > 0 ? (attempt > 1 ? 'retry' : 'restart') : 'new');
  const prev = ctx.progress;
  const run: TaskRun = {
    worker: settings.workerName,
    mode,
    started_at: startedAt.toISOString(),
    attempt,
    ...(mode === 'resume' ? { session_id: prev.session_id!, resumed_from: start!.resumedFrom! } : {}),
    ...(start?.note !== undefined ? { note: start.note } : {}),
  };
  await redis.rpush(keys.runs(id), JSON.stringify(run));
  const runs = [...earlierRuns, run];
  log.info({ task: id, mode, runs: runs.length, attempt, from: run.resumed_from }, 'task started');
  const base = (): Omit<TaskResult, 'status' | 'finished_at'> => ({
    id,
    source: data.source,
    ...(task.labels !== undefined ? { labels: task.labels } : {}),
    repo: task.repo,
    ...(task.ref !== undefined ? { ref: task.ref } : {}),
    resumed: runs.filter((r) => r.mode === 'resume' && (r.attempt ?? 1) === attempt).length,
    runs,
    attempt,
    worker: settings.workerName,
    started_at: runs.find((r) => (r.attempt ?? 1) === attempt)?.started_at ?? startedAt.toISOString(),
  });
  const finish = (r: Omit<TaskResult, keyof ReturnType<typeof base> | 'finished_at'> & Partial<TaskResult>): TaskResult => {
    const finished = new Date();
    return { ...base(), ...r, finished_at: finished.toISOString(), duration_ms: finished.getTime() - Date.parse(base().started_at!) } as TaskResult;
  };
  if (start === undefined) {
    if (ctx.signal.aborted) return finish({ status: 'cancelled', error: 'cancelled before it started' });
    log.error({ err: prepError, task: id }, 'workspace preparation failed');
    const f = classifyWorkspaceFailure(prepError?.message ?? '');
    return finish({ status: 'failed', error: prepError?.message ?? 'workspace preparation failed', retryable: f.retryable, failure_reason: f.reason });
  }
  const { baseCommit } = start;

  let usage = mode === 'resume' ? (prev.usage ?? emptyUsage()) : emptyUsage();
  let sessionId = mode === 'resume' ? prev.session_id : undefined;
  const progress: TaskProgress = { base_commit: baseCommit, usage, worker: settings.workerName, attempt, ...(sessionId ? { session_id: sessionId } : {}), ...(start.checkpoint ? { checkpoint: start.checkpoint } : {}) };
  const saveProgress = (): Promise<void> => ctx.setProgress({ ...progress });
  await saveProgress();
  const storage = settings.storage;
  const keyBase = storage !== undefined ? taskKeyBase(storage.prefix, settings.queue, id) : undefined;
  const writer =
    ctx.store !== undefined && storage !== undefined
      ? new CheckpointWriter({
          store: ctx.store,
          base: keyBase!,
          run: runs.length,
          home: paths.home,
          work: paths.work,
          baseCommit,
          intervalMs: storage.checkpointIntervalMs,
          sessionId: () => sessionId,
          record: async (c) => {
            if (ctx.ownsLock !== undefined && !(await ctx.ownsLock())) return false;
            progress.checkpoint = c;
            await saveProgress();
            return true;
          },
          log: log.child({ task: id }),
          ...(start.checkpoint ? { initial: start.checkpoint } : {}),
        })
      : undefined;

  let lastWrite: Promise<unknown> = Promise.resolve();
  const append = (line: string): void => {
    lastWrite = redis.xadd(keys.events(id), 'MAXLEN', '~', String(EVENTS_MAXLEN), '*', 'line', line).catch((err: unknown) => log.warn({ err, task: id }, 'event not stored'));
  };
  append(JSON.stringify({ type: 'fleet.run_started', mode, attempt, worker: settings.workerName, ...(sessionId ? { session_id: sessionId } : {}), ...(run.resumed_from ? { resumed_from: run.resumed_from } : {}) }));
  let lastError: string | undefined;
  const progressWrites: Promise<unknown>[] = [];
  const onLine = (line: string): void => {
    append(line);
    let ev: Record<string, unknown>;
    try {
      ev = JSON.parse(line) as Record<string, unknown>;
    } catch {
      return; // not an event line; stored as is
    }
    if (ev.type === 'thread.started' && typeof ev.thread_id === 'string') {
      sessionId = ev.thread_id;
      progress.session_id = sessionId;
      progressWrites.push(saveProgress());
    } else if (ev.type === 'turn.completed' && ev.usage !== null && typeof ev.usage === 'object') {
      usage = addUsage(usage, ev.usage as Record<string, unknown>);
      progress.usage = usage;
      progressWrites.push(saveProgress());
    } else if (ev.type === 'turn.failed' || ev.type === 'error') {
      const e = ev.type === 'error' ? ev : (ev.error as Record<string, unknown> | undefined);
      if (e && typeof e.message === 'string') lastError = e.message;
    }
    // A tool call began or ended, or a turn did: the rollout has something worth keeping.
    if (ev.type === 'item.started' || ev.type === 'item.completed' || ev.type === 'turn.completed') writer?.poke();
  };
  const env: NodeJS.ProcessEnv = { ...ctx.env, CODEX_HOME: paths.home };
  let exit;
  const execStart = Date.now();
  try {
    exit = await runChild({
      argv: execArgv(ctx, paths, mode === 'resume' ? sessionId : undefined),
      cwd: paths.work,
      env,
      input: mode === 'resume' ? RESUME_PROMPT : task.prompt,
      onLine,
      signal: ctx.signal,
    });
  } catch (err: unknown) {
    await writer?.close();
    return finish({ status: 'failed', base_commit: baseCommit, error: (err as Error).message, retryable: false, failure_reason: 'spawn' });
  }
  const execMs = Date.now() - execStart;
  await writer?.close();
  if (writer) ctx.onCheckpointStats?.(writer.stats);
  await Promise.allSettled([...progressWrites, lastWrite]);
  const cancelled = ctx.signal.aborted;
  const finalMessage = existsSync(paths.lastMessage) ? readFileSync(paths.lastMessage, 'utf8') : null;
  const diffFile = join(paths.dir, 'diff.patch');
  let diff: string | undefined;
  let diffBytes: number | undefined;
  try {
    diffBytes = await snapshotDiff(paths.work, baseCommit, diffFile);
    diff = diffBytes <= MAX_INLINE_DIFF ? readFileSync(diffFile, 'utf8') : `[diff of ${diffBytes} bytes, larger than ${MAX_INLINE_DIFF}; ${storage ? 'the whole diff is in the bucket (artifacts.diff)' : 'see the worktree (fleet.keep_worktrees)'}]\n`;
  } catch (err: unknown) {
    log.warn({ err, task: id }, 'diff failed');
  }
  let structured: unknown;
  if (task.output_schema !== undefined && finalMessage !== null) {
    try {
      structured = JSON.parse(finalMessage);
    } catch {
      structured = undefined; // the schema was not honoured: the raw message is still in final_message
    }
  }
  const rolloutPath = sessionId !== undefined ? findRollout(paths.home, sessionId) : undefined;
  const ok = !cancelled && exit.exitCode === 0;
  const gatewayUsage = ctx.gateway ? await ctx.gateway.usage(id).catch(() => undefined) : undefined;
  const error = cancelled ? 'cancelled' : ok ? undefined : (lastError ?? (exit.stderrTail.trim().split('\n').slice(-3).join('\n') || `codex exec exited with ${exit.signal ?? exit.exitCode}`));
  const failure = !ok && !cancelled ? classifyRunFailure({ ...(lastError !== undefined ? { error: lastError } : {}), exitCode: exit.exitCode, signal: exit.signal }) : undefined;
  let uploaded: Awaited<ReturnType<typeof uploadArtifacts>> | undefined;
  if (ctx.store !== undefined && keyBase !== undefined) {
    uploaded = await uploadArtifacts({
      store: ctx.store,
      base: keyBase,
      run: runs.length,
      ...(rolloutPath !== undefined ? { rolloutPath } : {}),
      ...(diffBytes !== undefined ? { diffFile } : {}),
      // A run that lost the task leaves the checkpoints alone: the new owner's chain may hold them.
      checkpointKeys: writer !== undefined && (ctx.ownsLock === undefined || (await ctx.ownsLock())) ? writer.keys() : [],
      log: log.child({ task: id }),
    });
  }
  const result = finish({
    status: cancelled ? 'cancelled' : ok ? 'completed' : 'failed',
    base_commit: baseCommit,
    exit_code: exit.exitCode,
    exec_ms: execMs,
    signal: exit.signal,
    final_message: finalMessage,
    ...(structured !== undefined ? { structured_output: structured } : {}),
    ...(diff !== undefined ? { diff } : {}),
    usage: gatewayUsage ?? (rolloutPath !== undefined ? rolloutUsage(rolloutPath) : undefined) ?? usage,
    ...(sessionId !== undefined ? { session_id: sessionId } : {}),
    ...(rolloutPath !== undefined ? { rollout_path: rolloutPath } : {}),
    ...(error !== undefined ? { error } : {}),
    ...(failure ? { retryable: failure.retryable, failure_reason: failure.reason } : {}),
    ...(uploaded ? { artifacts: uploaded.artifacts } : {}),
    ...(uploaded?.error !== undefined ? { storage_error: uploaded.error } : {}),
  });
  if (!settings.keepWorktrees) await removeWorkspace(task, paths.work).catch((err: unknown) => log.warn({ err, task: id }, 'worktree not removed'));
  return result;
}

// Runs one task on this worker: prepares (or, when taking over a lost run, reuses) its
// checkout, runs `codex exec --json` (or `codex exec resume` from the rollout in shared
// storage), appends every JSONL line to the task's Redis stream and builds the result.
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { runChild } from './child.js';
import type { Gateway } from './gateway/index.js';
import type { FleetKeys } from './keys.js';
import { emptyUsage, type RunMode, type TaskResult, type TaskRun, type TaskUsage } from './result.js';
import type { FleetSettings } from './settings.js';
import type { TaskJobData } from './task.js';
import { findRollout, linkTaskHome, rolloutUsage } from './task-home.js';
import { prepareWorkspace, removeWorkspace, taskPaths, workspaceDiff } from './workspace.js';

/** What a task's job remembers between runs (BullMQ job progress). */
export interface TaskProgress {
  session_id?: string;
  base_commit?: string;
  usage?: TaskUsage;
  worker?: string;
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
  progress: TaskProgress;
  setProgress(p: TaskProgress): Promise<void>;
  log: Logger;
  /** Aborted on cancel. */
  signal: AbortSignal;
}

const EVENTS_MAXLEN = 100_000;

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

/** Run the task once on this worker; never throws for a failing task (the result says so). */
export async function runTask(ctx: TaskRunContext): Promise<TaskResult> {
  const { id, data, settings, redis, keys, log } = ctx;
  const task = data.task;
  const paths = taskPaths(settings.sharedDir, settings.queue, id);
  const startedAt = new Date();
  const earlierRuns = (await redis.lrange(keys.runs(id), 0, -1)).map((s) => JSON.parse(s) as TaskRun);
  const prev = ctx.progress;
  const rollout = prev.session_id !== undefined ? findRollout(paths.home, prev.session_id) : undefined;
  const mode: RunMode = rollout !== undefined && prev.base_commit !== undefined && existsSync(paths.work) ? 'resume' : earlierRuns.length > 0 ? 'restart' : 'new';
  const run: TaskRun = { worker: settings.workerName, mode, started_at: startedAt.toISOString(), ...(mode === 'resume' ? { session_id: prev.session_id! } : {}) };
  await redis.rpush(keys.runs(id), JSON.stringify(run));
  const runs = [...earlierRuns, run];
  log.info({ task: id, mode, runs: runs.length }, 'task started');
  const base = (): Omit<TaskResult, 'status' | 'finished_at'> => ({
    id,
    source: data.source,
    ...(task.labels !== undefined ? { labels: task.labels } : {}),
    repo: task.repo,
    ...(task.ref !== undefined ? { ref: task.ref } : {}),
    resumed: runs.filter((r) => r.mode === 'resume').length,
    runs,
    worker: settings.workerName,
    started_at: (runs[0]?.started_at ?? startedAt.toISOString()),
  });
  const finish = (r: Omit<TaskResult, keyof ReturnType<typeof base> | 'finished_at'> & Partial<TaskResult>): TaskResult => {
    const finished = new Date();
    return { ...base(), ...r, finished_at: finished.toISOString(), duration_ms: finished.getTime() - Date.parse(base().started_at!) } as TaskResult;
  };

  let baseCommit: string;
  let usage = mode === 'resume' ? (prev.usage ?? emptyUsage()) : emptyUsage();
  let sessionId = mode === 'resume' ? prev.session_id : undefined;
  try {
    if (mode === 'resume') baseCommit = prev.base_commit!;
    else {
      rmSync(paths.dir, { recursive: true, force: true });
      baseCommit = (await prepareWorkspace(task, paths.work, settings.cacheDir, ctx.signal)).baseCommit;
    }
    linkTaskHome(paths.home, ctx.workerHome);
    if (task.output_schema !== undefined) writeFileSync(paths.schema, JSON.stringify(task.output_schema));
    rmSync(paths.lastMessage, { force: true });
  } catch (err: unknown) {
    if (ctx.signal.aborted) return finish({ status: 'cancelled', error: 'cancelled before it started' });
    log.error({ err, task: id }, 'workspace preparation failed');
    return finish({ status: 'failed', error: (err as Error).message });
  }
  await ctx.setProgress({ base_commit: baseCommit, usage, worker: settings.workerName, ...(sessionId ? { session_id: sessionId } : {}) });

  let lastWrite: Promise<unknown> = Promise.resolve();
  const append = (line: string): void => {
    lastWrite = redis.xadd(keys.events(id), 'MAXLEN', '~', String(EVENTS_MAXLEN), '*', 'line', line).catch((err: unknown) => log.warn({ err, task: id }, 'event not stored'));
  };
  append(JSON.stringify({ type: 'fleet.run_started', mode, worker: settings.workerName, ...(sessionId ? { session_id: sessionId } : {}) }));
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
      progressWrites.push(ctx.setProgress({ base_commit: baseCommit, usage, worker: settings.workerName, session_id: sessionId }));
    } else if (ev.type === 'turn.completed' && ev.usage !== null && typeof ev.usage === 'object') {
      usage = addUsage(usage, ev.usage as Record<string, unknown>);
      progressWrites.push(ctx.setProgress({ base_commit: baseCommit, usage, worker: settings.workerName, ...(sessionId ? { session_id: sessionId } : {}) }));
    } else if (ev.type === 'turn.failed' || ev.type === 'error') {
      const e = ev.type === 'error' ? ev : (ev.error as Record<string, unknown> | undefined);
      if (e && typeof e.message === 'string') lastError = e.message;
    }
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
    return finish({ status: 'failed', base_commit: baseCommit, error: (err as Error).message });
  }
  const execMs = Date.now() - execStart;
  await Promise.allSettled([...progressWrites, lastWrite]);
  const cancelled = ctx.signal.aborted;
  const finalMessage = existsSync(paths.lastMessage) ? readFileSync(paths.lastMessage, 'utf8') : null;
  let diff: string | undefined;
  try {
    diff = (await workspaceDiff(paths.work, baseCommit)).diff;
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
    ...(cancelled ? { error: 'cancelled' } : ok ? {} : { error: lastError ?? (exit.stderrTail.trim().split('\n').slice(-3).join('\n') || `codex exec exited with ${exit.signal ?? exit.exitCode}`) }),
  });
  if (!settings.keepWorktrees) await removeWorkspace(task, paths.work).catch((err: unknown) => log.warn({ err, task: id }, 'worktree not removed'));
  return result;
}

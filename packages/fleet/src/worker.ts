// `codex fleet worker`: a BullMQ worker that runs up to `concurrency` tasks at once. A task
// whose worker was lost (its lock expired) is taken over by BullMQ's stalled-job check and
// resumed from its rollout here. Cancels arrive on a pub/sub channel and abort the task's
// child. A result is stored only while this worker still holds the task's lock.
import { UnrecoverableError, Worker, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { killAllChildren } from './child.js';
import { FleetError } from './errors.js';
import { startGateway as defaultStartGateway, type Gateway } from './gateway/index.js';
import { fleetKeys, type FleetKeys } from './keys.js';
import type { TaskAttempt, TaskResult } from './result.js';
import { openStore } from './storage/config.js';
import type { FleetSettings } from './settings.js';
import { FleetTaskSchema, type TaskJobData } from './task.js';
import { runTask, type TaskProgress } from './task-runner.js';

/** Options for {@link startWorker}. */
export interface WorkerOptions {
  settings: FleetSettings;
  /** argv prefix that runs `codex` (e.g. [process.execPath, <cli entry>]). */
  codexCommand: string[];
  /** The worker's CODEX_HOME. */
  workerHome: string;
  /** `-c` overrides given to the worker, passed on to each task. */
  configOverrides?: string[];
  env?: NodeJS.ProcessEnv;
  log: Logger;
  /** The gateway to start when providers are configured (tests pass their own). */
  startGateway?: typeof defaultStartGateway;
  /** Told about every task this worker finished (the CLI prints a line). */
  onTaskDone?: (r: TaskResult) => void;
}

/** A running worker. */
export interface FleetWorker {
  readonly name: string;
  /** Stop taking tasks; `force` also kills running tasks (another worker resumes them after their locks expire). */
  close(opts?: { force?: boolean }): Promise<void>;
}

/** Stores `result` unless another worker took the task over; returns whether it was stored. */
async function storeResult(redis: Redis, keys: FleetKeys, job: Job, token: string | undefined, lockMs: number, result: TaskResult): Promise<boolean> {
  if (token !== undefined && (await job.extendLock(token, lockMs)) !== 1) return false;
  await redis
    .multi()
    .set(keys.result(result.id), JSON.stringify(result))
    .zadd(keys.finished, Date.parse(result.finished_at), result.id)
    .del(keys.cancelFlag(result.id))
    .exec();
  return true;
}

/** Start a worker on the settings' queue. */
export async function startWorker(opts: WorkerOptions): Promise<FleetWorker> {
  const { settings, log } = opts;
  const keys = fleetKeys(settings.prefix, settings.queue);
  // A probe with bounded retries first: the worker's own connections retry forever (a worker
  // rides out Redis restarts), which would make a wrong URL hang instead of failing.
  const probe = new Redis(settings.redisUrl, { maxRetriesPerRequest: 1, connectTimeout: 5000, lazyConnect: true, retryStrategy: (n) => (n > 3 ? null : 200 * n) });
  let lastError: Error | undefined;
  probe.on('error', (err: Error) => (lastError = err));
  try {
    await probe.connect();
    await probe.ping();
  } catch (err: unknown) {
    throw new FleetError('redis', `cannot reach Redis at ${settings.redisUrl}: ${(lastError ?? (err as Error)).message}`, { cause: err });
  } finally {
    probe.disconnect();
  }
  const redisOpts = { maxRetriesPerRequest: null } as const;
  const redis = new Redis(settings.redisUrl, redisOpts);
  const sub = new Redis(settings.redisUrl, redisOpts);
  for (const c of [redis, sub]) c.on('error', (err: unknown) => log.warn({ err }, 'redis connection error'));
  let gateway: Gateway | undefined;
  if (settings.providers.length > 0) {
    gateway = await (opts.startGateway ?? defaultStartGateway)({ redisUrl: settings.redisUrl, providers: settings.providers, keyPrefix: settings.prefix, logger: log.child({ part: 'gateway' }) });
  }
  const cancelRequested = new Set<string>();
  const env = { ...(opts.env ?? process.env) };
  for (const k of Object.keys(env)) if (k.startsWith('CODEX_FLEET_')) delete env[k];
  // The bucket's credentials are the fleet's, not the tasks': no agent command sees them.
  for (const k of settings.storage?.credentialEnv ?? []) delete env[k];
  const store = settings.storage ? openStore(settings.storage) : undefined;

  const processor = async (job: Job<TaskJobData, TaskResult>, token: string | undefined, signal: AbortSignal | undefined): Promise<TaskResult> => {
    const id = job.id!;
    const attempt = job.attemptsMade + 1;
    const own = new AbortController();
    const onAbort = (): void => own.abort();
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      if ((await redis.exists(keys.cancelFlag(id))) === 1) cancelRequested.add(id);
      let result: TaskResult;
      const checked = FleetTaskSchema.safeParse(job.data?.task);
      if (!checked.success) {
        result = { id, status: 'failed', resumed: 0, runs: [], finished_at: new Date().toISOString(), error: `invalid task data in the queue: ${checked.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}` };
      } else if (cancelRequested.has(id)) {
        result = { id, status: 'cancelled', source: job.data.source, resumed: 0, runs: [], finished_at: new Date().toISOString(), error: 'cancelled before it started' };
      } else if (job.data.task.sandbox === 'danger-full-access' && !settings.allowDangerFullAccess) {
        result = { id, status: 'failed', source: job.data.source, resumed: 0, runs: [], finished_at: new Date().toISOString(), error: 'sandbox "danger-full-access" is refused by this worker (fleet.allow_danger_full_access)' };
      } else {
        // A new try starts afresh; a resumed one (same try, lost worker) continues.
        const stored = job.progress !== null && typeof job.progress === 'object' ? (job.progress as TaskProgress) : {};
        const progress = (stored.attempt ?? 1) === attempt ? stored : {};
        result = await runTask({
          attempt,
          ...(store ? { store } : {}),
          ...(token !== undefined ? { ownsLock: async () => (await job.extendLock(token, settings.lockDurationMs)) === 1 } : {}),
          id,
          data: job.data,
          settings,
          redis,
          keys,
          codexCommand: opts.codexCommand,
          workerHome: opts.workerHome,
          configOverrides: opts.configOverrides ?? [],
          env,
          ...(gateway ? { gateway } : {}),
          progress,
          setProgress: (p) => job.updateProgress(p),
          log,
          signal: own.signal,
        });
      }
      if (abandoned) {
        // Stopped by force: leave the job as a crash would (active, lock expiring) so that
        // another worker resumes it; settling it here would record a failure.
        log.info({ task: id }, 'worker stopped by force; the task will be resumed elsewhere');
        await new Promise<never>(() => undefined);
      }
      if (own.signal.aborted && !cancelRequested.has(id)) {
        // BullMQ aborted the run because the lock was lost: another worker owns the task now.
        log.warn({ task: id }, 'lost the task to another worker; result discarded');
        throw new Error('lost the lock on this task; another worker took it over');
      }
      if (result.status === 'failed' && result.retryable === true && attempt < (job.opts.attempts ?? 1)) {
        // Worth another try: recorded in the task's history, and BullMQ queues it again after its back-off.
        if (token !== undefined && (await job.extendLock(token, settings.lockDurationMs)) !== 1) throw new Error('lost the lock on this task; another worker took it over');
        const a: TaskAttempt = {
          attempt,
          status: 'failed',
          reason: result.failure_reason ?? 'unknown',
          finished_at: result.finished_at,
          worker: settings.workerName,
          ...(result.error !== undefined ? { error: result.error } : {}),
          ...(result.exit_code !== undefined ? { exit_code: result.exit_code } : {}),
          ...(result.signal !== undefined ? { signal: result.signal } : {}),
          ...(result.started_at !== undefined ? { started_at: result.started_at } : {}),
          ...(result.artifacts !== undefined ? { artifacts: result.artifacts } : {}),
        };
        await redis.rpush(keys.attempts(id), JSON.stringify(a));
        log.info({ task: id, attempt, reason: a.reason, error: a.error }, 'task failed; it will be tried again');
        throw new Error(`try ${attempt} failed (${a.reason}): ${result.error ?? 'failed'}`);
      }
      const history = (await redis.lrange(keys.attempts(id), 0, -1)).map((s) => JSON.parse(s) as TaskAttempt);
      if (history.length > 0) result.attempts = history;
      if (!(await storeResult(redis, keys, job, token, settings.lockDurationMs, result))) {
        log.warn({ task: id }, 'lost the task to another worker; result discarded');
        throw new Error('lost the lock on this task; another worker took it over');
      }
      log.info({ task: id, status: result.status, ms: result.duration_ms }, 'task finished');
      opts.onTaskDone?.(result);
      if (result.status !== 'completed') throw new UnrecoverableError(result.error ?? result.status);
      return result;
    } finally {
      signal?.removeEventListener('abort', onAbort);
      cancelRequested.delete(id);
    }
  };

  const conn = new Redis(settings.redisUrl, redisOpts);
  conn.on('error', (err: unknown) => log.warn({ err }, 'redis connection error'));
  const worker = new Worker<TaskJobData, TaskResult>(settings.queue, processor, {
    connection: conn,
    prefix: keys.bullPrefix,
    concurrency: settings.concurrency,
    lockDuration: settings.lockDurationMs,
    stalledInterval: Math.max(500, Math.floor(settings.lockDurationMs / 2)),
    maxStalledCount: settings.maxResumes,
    name: settings.workerName,
  });
  worker.on('error', (err) => log.warn({ err }, 'worker error'));
  await sub.subscribe(keys.cancelChannel);
  sub.on('message', (channel: string, id: string) => {
    if (channel !== keys.cancelChannel) return;
    cancelRequested.add(id);
    if (worker.cancelJob(id, 'cancelled')) log.info({ task: id }, 'cancelling task');
  });
  await worker.waitUntilReady();
  log.info({ worker: settings.workerName, queue: settings.queue, concurrency: settings.concurrency }, 'worker started');

  let abandoned = false;
  let graceful: Promise<void> | undefined;
  let shut: Promise<void> | undefined;
  const shutdown = (): Promise<void> =>
    (shut ??= (async () => {
      await gateway?.close();
      sub.disconnect();
      redis.disconnect();
      conn.disconnect();
    })());
  return {
    name: settings.workerName,
    async close(o = {}) {
      if (o.force) {
        // As if the machine went away: children killed, nothing recorded; the tasks' locks
        // expire and other workers resume them.
        abandoned = true;
        killAllChildren();
        await worker.close(true).catch((err: unknown) => log.warn({ err }, 'worker close failed'));
        await shutdown();
        return;
      }
      graceful ??= worker.close(false).then(shutdown);
      await graceful;
    },
  };
}

// The submitting side of a fleet: queue tasks (job ids make re-submits no-ops), read
// progress, cancel, list results and read a task's events. One Redis connection per client.
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { FleetError } from './errors.js';
import { fleetKeys, type FleetKeys } from './keys.js';
import type { TaskResult } from './result.js';
import type { FleetSettings } from './settings.js';
import type { ParsedTask, TaskJobData } from './task.js';

/** What `submit` did. */
export interface SubmitReport {
  /** Newly queued task ids. */
  added: string[];
  /** Ids that were already in the queue (any state): not queued again. */
  existing: string[];
}

/** Progress of the queue. */
export interface FleetStatus {
  /** Workers connected to the queue now. */
  workers: number;
  queued: number;
  running: number;
  done: number;
  failed: number;
  cancelled: number;
  total: number;
  /** Tasks finished per minute over the last few minutes (null before the first finishes). */
  rate_per_min: number | null;
  /** Seconds until queued + running are done at that rate (null when unknown). */
  eta_s: number | null;
}

/** What `cancel` did. */
export interface CancelReport {
  /** Removed from the queue before they ran. */
  removed: string[];
  /** Running: their workers were told to kill them. */
  signalled: string[];
  /** Already finished, or unknown. */
  untouched: string[];
}

const QUEUED_STATES = ['waiting', 'delayed', 'prioritized', 'paused', 'waiting-children'] as const;
const RATE_WINDOW_MS = 5 * 60_000;

/** A connection to one fleet queue. */
export class FleetClient {
  readonly keys: FleetKeys;
  private readonly redis: Redis;
  private readonly queue: Queue<TaskJobData, TaskResult>;
  private blocking: Redis | undefined;
  private lastError: Error | undefined;

  constructor(readonly settings: FleetSettings) {
    this.keys = fleetKeys(settings.prefix, settings.queue);
    this.redis = new Redis(settings.redisUrl, { maxRetriesPerRequest: 2, connectTimeout: 5000, retryStrategy: (n) => (n > 3 ? null : 200 * n) });
    this.redis.on('error', (err: Error) => (this.lastError = err)); // surfaced by the command that failed
    this.queue = new Queue(settings.queue, { connection: this.redis, prefix: this.keys.bullPrefix });
    this.queue.on('error', () => undefined);
  }

  /** Fails with FleetError('redis') when Redis cannot be reached. */
  async ping(): Promise<void> {
    try {
      await this.redis.ping();
    } catch (err: unknown) {
      throw new FleetError('redis', `cannot reach Redis at ${this.settings.redisUrl}: ${(this.lastError ?? (err as Error)).message}`, { cause: err });
    }
  }

  /** Queue every task; a task whose id is already known (any state) is left alone. */
  async submit(tasks: ParsedTask[], source: string): Promise<SubmitReport> {
    await this.ping();
    const exists = await Promise.all(tasks.map(async (t) => (await this.queue.getJobState(t.jobId)) !== 'unknown'));
    const fresh = tasks.filter((_, i) => !exists[i]);
    const now = new Date().toISOString();
    for (let i = 0; i < fresh.length; i += 500) {
      await this.queue.addBulk(
        fresh.slice(i, i + 500).map((t) => ({
          name: 'task',
          data: { task: t.task, source: { file: source, line: t.line }, submitted_at: now },
          opts: { jobId: t.jobId, attempts: t.attempts ?? this.settings.attempts, backoff: { type: 'exponential', delay: this.settings.backoffMs }, removeOnComplete: false, removeOnFail: false },
        })),
      );
    }
    if (fresh.length > 0) await this.redis.hdel(this.keys.cancelled, ...fresh.map((t) => t.jobId));
    return { added: fresh.map((t) => t.jobId), existing: tasks.filter((_, i) => exists[i]).map((t) => t.jobId) };
  }

  /** Workers connected to this queue. */
  async workerCount(): Promise<number> {
    return this.queue.getWorkersCount();
  }

  /** Counts, rate and ETA. */
  async status(): Promise<FleetStatus> {
    const c = await this.queue.getJobCounts('active', 'completed', 'failed', ...QUEUED_STATES);
    const cancelledQueued = await this.redis.hlen(this.keys.cancelled);
    const cancelledRunning = await this.countCancelledFailures();
    const queued = QUEUED_STATES.reduce((n, s) => n + (c[s] ?? 0), 0);
    const running = c.active ?? 0;
    const done = c.completed ?? 0;
    const failed = (c.failed ?? 0) - cancelledRunning;
    const now = Date.now();
    const recent = await this.redis.zrangebyscore(this.keys.finished, now - RATE_WINDOW_MS, '+inf', 'WITHSCORES');
    let rate: number | null = null;
    if (recent.length >= 2) {
      const first = Number(recent[1]);
      const span = Math.max(now - first, 1000);
      rate = ((recent.length / 2) * 60_000) / span;
    }
    const left = queued + running;
    return {
      workers: await this.queue.getWorkersCount(),
      queued,
      running,
      done,
      failed,
      cancelled: cancelledQueued + cancelledRunning,
      total: queued + running + done + failed + cancelledQueued + cancelledRunning,
      rate_per_min: rate === null ? null : Math.round(rate * 10) / 10,
      eta_s: rate === null || rate === 0 ? (left === 0 ? 0 : null) : Math.round((left / rate) * 60),
    };
  }

  private async countCancelledFailures(): Promise<number> {
    const ids = await this.queue.getRanges(['failed'], 0, -1);
    if (ids.length === 0) return 0;
    const results = await this.redis.mget(...ids.map((id) => this.keys.result(id)));
    return results.filter((r) => r !== null && (JSON.parse(r) as TaskResult).status === 'cancelled').length;
  }

  /** Cancel the given tasks, or every unfinished one with `all`. */
  async cancel(ids: string[], opts: { all?: boolean } = {}): Promise<CancelReport> {
    await this.ping();
    const targets = opts.all ? await this.queue.getRanges(['active', ...QUEUED_STATES], 0, -1) : ids;
    const report: CancelReport = { removed: [], signalled: [], untouched: [] };
    for (const id of new Set(targets)) {
      const state = await this.queue.getJobState(id);
      if (state === 'unknown' || state === 'completed' || state === 'failed') {
        report.untouched.push(id);
        continue;
      }
      // The flag first: a worker that picks the task up from now on sees it before starting.
      await this.redis.set(this.keys.cancelFlag(id), '1', 'EX', 7 * 24 * 3600);
      if (state !== 'active') {
        const job = await this.queue.getJob(id);
        const removed = await this.queue.remove(id);
        if (removed === 1) {
          const result: TaskResult = { id, status: 'cancelled', ...(job ? { source: job.data.source } : {}), resumed: 0, runs: [], finished_at: new Date().toISOString(), error: 'cancelled before it started' };
          await this.redis.multi().hset(this.keys.cancelled, id, JSON.stringify(result)).set(this.keys.result(id), JSON.stringify(result)).del(this.keys.cancelFlag(id)).exec();
          report.removed.push(id);
          continue;
        }
      }
      await this.redis.publish(this.keys.cancelChannel, id);
      report.signalled.push(id);
    }
    return report;
  }

  /** Every finished task's result (completed, failed, cancelled), oldest first. */
  async *results(): AsyncGenerator<TaskResult> {
    await this.ping();
    const ids = [...(await this.queue.getRanges(['completed', 'failed'], 0, -1, true)), ...(await this.redis.hkeys(this.keys.cancelled))];
    const seen = new Set<string>();
    for (let i = 0; i < ids.length; i += 200) {
      const batch = ids.slice(i, i + 200).filter((id) => !seen.has(id));
      batch.forEach((id) => seen.add(id));
      if (batch.length === 0) continue;
      const raw = await this.redis.mget(...batch.map((id) => this.keys.result(id)));
      for (let j = 0; j < batch.length; j++) {
        const r = raw[j];
        if (r !== null && r !== undefined) {
          yield JSON.parse(r) as TaskResult;
          continue;
        }
        // Failed without a stored result: BullMQ gave up on it (e.g. lost more often than fleet.max_resumes).
        const job = await this.queue.getJob(batch[j]!);
        if (!job) continue;
        yield { id: batch[j]!, status: 'failed', source: job.data.source, resumed: 0, runs: [], finished_at: new Date(job.finishedOn ?? Date.now()).toISOString(), error: job.failedReason || 'failed' };
      }
    }
  }

  /** A task's event lines from `after` (a stream id; '0' = the start). */
  async events(id: string, opts: { after?: string; blockMs?: number } = {}): Promise<{ lines: string[]; last: string }> {
    const after = opts.after ?? '0';
    let res;
    if (opts.blockMs !== undefined) {
      // A blocking read gets its own connection so the client's other commands are not held up.
      this.blocking ??= this.redis.duplicate();
      res = await this.blocking.xread('COUNT', 1000, 'BLOCK', opts.blockMs, 'STREAMS', this.keys.events(id), after);
    } else res = await this.redis.xread('COUNT', 1000, 'STREAMS', this.keys.events(id), after);
    const entries = res?.[0]?.[1] ?? [];
    const lines = entries.map(([, fields]) => fields[fields.indexOf('line') + 1] ?? '');
    return { lines, last: entries.length > 0 ? entries[entries.length - 1]![0] : after };
  }

  /** The state of one task ('unknown' when there is none). */
  async state(id: string): Promise<string> {
    if ((await this.redis.hexists(this.keys.cancelled, id)) === 1) return 'cancelled';
    return this.queue.getJobState(id);
  }

  async close(): Promise<void> {
    // Let the connection finish its start-up commands first: closing mid-handshake makes
    // ioredis reject them after BullMQ stopped listening (an unhandled 'error').
    await this.queue.waitUntilReady().catch(() => undefined);
    await this.queue.close().catch(() => undefined);
    this.blocking?.disconnect();
    await this.redis.quit().catch(() => undefined);
  }
}

// Everything the gateways of one fleet share, in Redis:
//   <prefix>:gateway:limit:<provider>    set while a provider is benched; its PTTL is the time
//                                        left (no wall clocks compared across machines); only
//                                        ever extended, never shortened, by a later answer
//   <prefix>:gateway:limits              pub/sub channel: "<ms> <provider>" on every extension
//   <prefix>:gateway:strikes:<provider>  consecutive failures without a hint (back-off exponent)
//   <prefix>:usage:task:<taskId>         token usage of one task (hash, kept 7 days)
//   <prefix>:usage:total                 token usage of every task
//   <prefix>:usage:provider:<provider>   token usage per provider
// Usage increments are coalesced for a few milliseconds and written in one round trip.
import type { Redis } from 'ioredis';
import { USAGE_FIELDS, type TokenUsage } from './types.js';

/** How long a task's usage hash is kept after its last request. */
export const TASK_USAGE_TTL_S = 7 * 24 * 3600;
const STRIKES_TTL_MS = 5 * 60_000;
/** Usage increments wait this long to share a write (usage() flushes at once). */
const USAGE_FLUSH_MS = 20;

// Extend-only: set the limit when none is set or the one set ends sooner, and tell every
// gateway. Returns the ms left.
const EXTEND_LIMIT = `
local cur = redis.call('PTTL', KEYS[1])
local want = tonumber(ARGV[1])
if cur < want then
  redis.call('SET', KEYS[1], ARGV[2], 'PX', want)
  redis.call('PUBLISH', KEYS[2], want .. ' ' .. ARGV[3])
  return want
end
return cur`;

type WithLimitCommand = Redis & { fleetGatewayLimit(key: string, channel: string, ms: number, info: string, id: string): Promise<number> };

/** An all-zero usage record. */
export function zeroUsage(): TokenUsage {
  return { input_tokens: 0, cached_input_tokens: 0, output_tokens: 0, reasoning_output_tokens: 0, total_tokens: 0 };
}

/** Typed access to the gateway's Redis keys. */
export class GatewayStore {
  private readonly redis: WithLimitCommand;
  private readonly increments = new Map<string, Map<string, number>>();
  private readonly succeeded = new Set<string>();
  private readonly touchedTasks = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    redis: Redis,
    private readonly prefix: string,
    private readonly onFlushError: (err: unknown) => void,
  ) {
    redis.defineCommand('fleetGatewayLimit', { numberOfKeys: 2, lua: EXTEND_LIMIT });
    this.redis = redis as WithLimitCommand;
  }

  /** The pub/sub channel limit extensions are announced on. */
  get limitsChannel(): string {
    return `${this.prefix}:gateway:limits`;
  }

  private limitKey(id: string): string {
    return `${this.prefix}:gateway:limit:${id}`;
  }

  private strikesKey(id: string): string {
    return `${this.prefix}:gateway:strikes:${id}`;
  }

  private usageKey(scope: { taskId: string } | { providerId: string } | 'total'): string {
    if (scope === 'total') return `${this.prefix}:usage:total`;
    return 'taskId' in scope ? `${this.prefix}:usage:task:${scope.taskId}` : `${this.prefix}:usage:provider:${scope.providerId}`;
  }

  /** Milliseconds each provider is still benched for (0 = free), one round trip. */
  async remaining(ids: readonly string[]): Promise<Map<string, number>> {
    const pipe = this.redis.pipeline();
    for (const id of ids) pipe.pttl(this.limitKey(id));
    const out = (await pipe.exec()) ?? [];
    const map = new Map<string, number>();
    ids.forEach((id, i) => {
      const [err, v] = out[i] ?? [null, -2];
      if (err) throw err;
      map.set(id, typeof v === 'number' && v > 0 ? v : 0);
    });
    return map;
  }

  /** Benches `id` for at least `ms` and announces it; returns how long it is now benched for. */
  async markLimited(id: string, ms: number, info: Record<string, unknown>): Promise<number> {
    return this.redis.fleetGatewayLimit(this.limitKey(id), this.limitsChannel, Math.max(1, Math.ceil(ms)), JSON.stringify(info), id);
  }

  /** Counts one more failure without a hint; returns the count. */
  async strike(id: string): Promise<number> {
    const out = await this.redis.multi().incr(this.strikesKey(id)).pexpire(this.strikesKey(id), STRIKES_TTL_MS).exec();
    const n = out?.[0]?.[1];
    return typeof n === 'number' ? n : 1;
  }

  /** A provider answered well: its strikes are cleared and the usage added (coalesced). */
  recordSuccess(providerId: string, taskId: string, usage: TokenUsage | undefined): void {
    this.succeeded.add(providerId);
    if (usage) {
      for (const key of [this.usageKey({ taskId }), this.usageKey({ providerId }), this.usageKey('total')]) {
        const m = this.increments.get(key) ?? new Map<string, number>();
        for (const f of USAGE_FIELDS) if (usage[f] > 0) m.set(f, (m.get(f) ?? 0) + usage[f]);
        m.set('requests', (m.get('requests') ?? 0) + 1);
        this.increments.set(key, m);
      }
      this.touchedTasks.add(this.usageKey({ taskId }));
    }
    this.timer ??= setTimeout(() => void this.flush().catch(this.onFlushError), USAGE_FLUSH_MS);
  }

  /** Writes every coalesced increment now (one round trip), after any write in flight. */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.increments.size === 0 && this.succeeded.size === 0) return this.flushing;
    const pipe = this.redis.pipeline();
    for (const id of this.succeeded) pipe.del(this.strikesKey(id));
    for (const [key, m] of this.increments) for (const [f, n] of m) pipe.hincrby(key, f, n);
    for (const key of this.touchedTasks) pipe.expire(key, TASK_USAGE_TTL_S);
    this.succeeded.clear();
    this.increments.clear();
    this.touchedTasks.clear();
    const write = this.flushing.then(async () => {
      const out = (await pipe.exec()) ?? [];
      for (const [err] of out) if (err) throw err;
    });
    this.flushing = write.catch(() => undefined);
    return write;
  }

  /** Usage of one task, or the total. */
  async usage(taskId?: string): Promise<TokenUsage> {
    const raw = await this.redis.hgetall(this.usageKey(taskId === undefined ? 'total' : { taskId }));
    const u = zeroUsage();
    for (const f of USAGE_FIELDS) u[f] = Number(raw[f] ?? 0) || 0;
    return u;
  }
}

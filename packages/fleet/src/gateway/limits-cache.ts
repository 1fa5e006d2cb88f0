// Each gateway's view of which providers are benched, kept current by the Redis pub/sub
// channel every limit extension is announced on, so the hot path asks Redis nothing. Until
// the subscription is up (and after it drops, until it is back and re-read), answers come
// from Redis directly. Local deadlines use this machine's clock only: a message says "for
// N ms", never "until T".
import type { Redis } from 'ioredis';
import type { GatewayStore } from './store.js';
import type { GatewayLogger } from './types.js';

/** Benched providers: local, pushed by Redis. */
export class LimitsCache {
  private readonly until = new Map<string, number>();
  private live = false;

  private constructor(
    private readonly store: GatewayStore,
    private readonly ids: readonly string[],
    private readonly sub: Redis,
    private readonly log: GatewayLogger,
  ) {}

  /** Subscribes, then reads the limits already set (a message arriving meanwhile wins if longer). */
  static async start(store: GatewayStore, ids: readonly string[], sub: Redis, log: GatewayLogger): Promise<LimitsCache> {
    const cache = new LimitsCache(store, ids, sub, log);
    sub.on('message', (channel: string, message: string) => {
      if (channel === store.limitsChannel) cache.onMessage(message);
    });
    sub.on('ready', () => void cache.resync()); // ioredis re-subscribes on reconnect
    sub.on('close', () => (cache.live = false));
    await sub.subscribe(store.limitsChannel);
    await cache.resync();
    return cache;
  }

  private onMessage(message: string): void {
    const sp = message.indexOf(' ');
    const ms = Number(message.slice(0, sp));
    const id = message.slice(sp + 1);
    if (sp > 0 && Number.isFinite(ms)) this.note(id, ms);
  }

  /** Records that `id` is benched for `ms` from now (never shortens a longer one). */
  note(id: string, ms: number): void {
    const t = Date.now() + ms;
    if ((this.until.get(id) ?? 0) < t) this.until.set(id, t);
  }

  private async resync(): Promise<void> {
    try {
      const left = await this.store.remaining(this.ids);
      for (const [id, ms] of left) if (ms > 0) this.note(id, ms);
      this.live = this.sub.status === 'ready';
    } catch (err: unknown) {
      this.log.warn({ err }, 'fleet gateway: cannot read rate limits from Redis');
    }
  }

  /** Ms each of `ids` is still benched for (0 = free). */
  async remaining(ids: readonly string[]): Promise<Map<string, number>> {
    if (!this.live) {
      const left = await this.store.remaining(ids);
      for (const [id, ms] of left) if (ms > 0) this.note(id, ms);
    }
    const now = Date.now();
    return new Map(ids.map((id) => [id, Math.max(0, (this.until.get(id) ?? 0) - now)]));
  }
}

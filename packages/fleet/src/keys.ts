// Redis key names. BullMQ owns `<prefix>:q:<queue>:*`; the fleet's own keys live under
// `<prefix>:t:<queue>:*`, so no task id (BullMQ's job keys) can collide with them.

/** Key names of one queue. */
export interface FleetKeys {
  /** BullMQ's `prefix` option. */
  bullPrefix: string;
  /** Stream of a task's `codex exec --json` lines (field `line`). */
  events(id: string): string;
  /** The task's result JSON (string). */
  result(id: string): string;
  /** List of the task's runs (JSON each): one per worker that started it. */
  runs(id: string): string;
  /** List of the task's failed tries that were tried again (JSON each). */
  attempts(id: string): string;
  /** Set while a cancel of a running task is pending. */
  cancelFlag(id: string): string;
  /** Pub/sub channel workers listen on for cancels (message = task id). */
  cancelChannel: string;
  /** Hash id -> JSON of tasks removed from the queue by cancel before they ran. */
  cancelled: string;
  /** Sorted set of finished task ids scored by finish time (rate and ETA). */
  finished: string;
}

/** The keys of `queue` under `prefix`. */
export function fleetKeys(prefix: string, queue: string): FleetKeys {
  const t = `${prefix}:t:${queue}`;
  return {
    bullPrefix: `${prefix}:q`,
    events: (id) => `${t}:events:${id}`,
    result: (id) => `${t}:result:${id}`,
    runs: (id) => `${t}:runs:${id}`,
    attempts: (id) => `${t}:attempts:${id}`,
    cancelFlag: (id) => `${t}:cancel:${id}`,
    cancelChannel: `${t}:cancel`,
    cancelled: `${t}:cancelled`,
    finished: `${t}:finished`,
  };
}

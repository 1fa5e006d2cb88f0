/** Deterministic id generation for builders: `<prefix>_<n>`, one counter per prefix. */

const counters = new Map<string, number>();

/** Returns the next id for a prefix, e.g. `msg_1`, `msg_2`, `fc_1`. */
export function nextId(prefix: string): string {
  const n = (counters.get(prefix) ?? 0) + 1;
  counters.set(prefix, n);
  return `${prefix}_${n}`;
}

/** Restarts every id counter (tests that assert generated ids call this first). */
export function resetIds(): void {
  counters.clear();
}

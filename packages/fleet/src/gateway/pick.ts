// Weighted choice among the providers that are free right now: smooth weighted round-robin
// (as nginx does), so shares are exact over every window of sum(weights) picks and a
// heavy provider's turns are spread out instead of bunched. State is per gateway; across
// many gateways the shares still add up.

/** Picks provider ids in proportion to their weights. */
export class WeightedPicker {
  private readonly current = new Map<string, number>();

  constructor(private readonly weights: ReadonlyMap<string, number>) {
    for (const id of weights.keys()) this.current.set(id, 0);
  }

  /** The next id among `available` (ids not in the table are ignored); undefined when none. */
  pick(available: readonly string[]): string | undefined {
    let best: string | undefined;
    let bestScore = -Infinity;
    let total = 0;
    for (const id of available) {
      const w = this.weights.get(id);
      if (w === undefined) continue;
      const score = (this.current.get(id) ?? 0) + w;
      this.current.set(id, score);
      total += w;
      if (score > bestScore) {
        bestScore = score;
        best = id;
      }
    }
    if (best !== undefined) this.current.set(best, bestScore - total);
    return best;
  }
}

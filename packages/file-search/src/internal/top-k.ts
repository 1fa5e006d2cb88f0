// Bounded best-K collection: a binary min-heap whose root is the worst kept entry. Order is
// total (score descending, then path ascending), so results never depend on walk order.

/** One scored path. */
export interface Scored {
  score: number;
  path: string;
}

/** True when `a` ranks strictly before `b`. */
export function ranksBefore(aScore: number, aPath: string, bScore: number, bPath: string): boolean {
  return aScore > bScore || (aScore === bScore && aPath < bPath);
}

/** Keeps the `limit` best entries offered to it. */
export class TopK {
  private readonly heap: Scored[] = [];
  constructor(readonly limit: number) {}

  /** Lowest score currently kept, or -Infinity while not full. */
  get threshold(): number {
    return this.heap.length < this.limit ? -Infinity : this.heap[0]!.score;
  }

  offer(score: number, path: string): void {
    const h = this.heap;
    if (h.length < this.limit) {
      h.push({ score, path });
      this.up(h.length - 1);
    } else if (this.limit > 0 && ranksBefore(score, path, h[0]!.score, h[0]!.path)) {
      h[0] = { score, path };
      this.down(0);
    }
  }

  /** The kept entries, best first. */
  sorted(): Scored[] {
    return [...this.heap].sort((a, b) => (a.score !== b.score ? b.score - a.score : a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  }

  // "worse" is the heap order: the root is the entry every other entry ranks before.
  private worse(i: number, j: number): boolean {
    const a = this.heap[i]!;
    const b = this.heap[j]!;
    return ranksBefore(b.score, b.path, a.score, a.path);
  }

  private up(i: number): void {
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.worse(i, p)) break;
      this.swap(i, p);
      i = p;
    }
  }

  private down(i: number): void {
    const n = this.heap.length;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < n && this.worse(l, m)) m = l;
      if (r < n && this.worse(r, m)) m = r;
      if (m === i) return;
      this.swap(i, m);
      i = m;
    }
  }

  private swap(i: number, j: number): void {
    const t = this.heap[i]!;
    this.heap[i] = this.heap[j]!;
    this.heap[j] = t;
  }
}

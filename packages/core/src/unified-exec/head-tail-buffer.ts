// Bounded output memory for a long-lived process: the first half of the budget is kept
// from the start, the second half is a rolling tail; bytes in between are counted, not
// kept. A process printing forever holds at most `maxBytes`.

/** Default budget: Codex's 1 MiB per process. */
export const UNIFIED_EXEC_OUTPUT_MAX_BYTES = 1024 * 1024;

/** Head + rolling tail of a byte stream. */
export class HeadTailBuffer {
  private head: Buffer[] = [];
  private headBytes = 0;
  private tail: Buffer[] = [];
  private tailBytes = 0;
  private omitted = 0;
  private readonly headCap: number;
  private readonly tailCap: number;

  constructor(readonly maxBytes = UNIFIED_EXEC_OUTPUT_MAX_BYTES) {
    this.headCap = Math.floor(maxBytes / 2);
    this.tailCap = maxBytes - this.headCap;
  }

  /** Bytes currently held. */
  get retainedBytes(): number {
    return this.headBytes + this.tailBytes;
  }

  /** Bytes dropped from the middle so far. */
  get omittedBytes(): number {
    return this.omitted;
  }

  push(chunk: Buffer): void {
    if (chunk.length === 0) return;
    let rest = chunk;
    if (this.headBytes < this.headCap) {
      const take = Math.min(this.headCap - this.headBytes, rest.length);
      this.head.push(Buffer.from(rest.subarray(0, take)));
      this.headBytes += take;
      rest = rest.subarray(take);
    }
    if (rest.length === 0) return;
    this.tail.push(Buffer.from(rest));
    this.tailBytes += rest.length;
    while (this.tailBytes > this.tailCap) {
      const first = this.tail[0]!;
      const excess = this.tailBytes - this.tailCap;
      if (first.length <= excess) {
        this.tail.shift();
        this.tailBytes -= first.length;
        this.omitted += first.length;
      } else {
        this.tail[0] = first.subarray(excess);
        this.tailBytes -= excess;
        this.omitted += excess;
      }
    }
  }

  /** Everything held, in order (head then tail). */
  contents(): Buffer {
    return Buffer.concat([...this.head, ...this.tail]);
  }

  /** Take everything held and start empty. */
  drain(): Buffer {
    const out = this.contents();
    this.head = [];
    this.tail = [];
    this.headBytes = 0;
    this.tailBytes = 0;
    this.omitted = 0;
    return out;
  }
}

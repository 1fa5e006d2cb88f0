// Collects a command's output with bounded memory: the first HEAD_CAP bytes and a rolling
// tail of TAIL_CAP bytes, with exact totals, so a command printing gigabytes cannot exhaust
// memory while the model still sees Codex's head+tail view.

/** Bytes kept from the start and from the end of each stream. */
export const OUTPUT_HEAD_CAP = 1 << 20;
export const OUTPUT_TAIL_CAP = 1 << 20;

/** A bounded byte collector. */
export class BoundedOutput {
  private head: Buffer[] = [];
  private headLen = 0;
  private tail: Buffer[] = [];
  private tailLen = 0;
  totalBytes = 0;
  newlines = 0;
  private lastByte = -1;

  constructor(
    private readonly headCap = OUTPUT_HEAD_CAP,
    private readonly tailCap = OUTPUT_TAIL_CAP,
  ) {}

  push(chunk: Buffer): void {
    this.totalBytes += chunk.length;
    for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) this.newlines++;
    if (chunk.length > 0) this.lastByte = chunk[chunk.length - 1]!;
    let rest = chunk;
    if (this.headLen < this.headCap) {
      const take = Math.min(this.headCap - this.headLen, rest.length);
      this.head.push(rest.subarray(0, take));
      this.headLen += take;
      rest = rest.subarray(take);
    }
    if (rest.length === 0) return;
    // No copy: each pipe read is its own buffer, so a view retains at most one chunk more
    // than tailCap, while copying doubled the bytes allocated per chunk (stdout + aggregated).
    this.tail.push(rest);
    this.tailLen += rest.length;
    while (this.tailLen > this.tailCap && this.tail.length > 0) {
      const first = this.tail[0]!;
      const excess = this.tailLen - this.tailCap;
      if (first.length <= excess) {
        this.tail.shift();
        this.tailLen -= first.length;
      } else {
        this.tail[0] = first.subarray(excess);
        this.tailLen -= excess;
      }
    }
  }

  /** Whether bytes were dropped from the middle. */
  get truncated(): boolean {
    return this.totalBytes > this.headLen + this.tailLen;
  }

  /** Line count as `str.lines()` would see the whole output. */
  get totalLines(): number {
    if (this.totalBytes === 0) return 0;
    return this.newlines + (this.lastByte === 10 ? 0 : 1);
  }

  /** The kept text; a marker line stands where bytes were dropped. */
  text(): string {
    const head = Buffer.concat(this.head).toString('utf8');
    if (!this.truncated) return head + Buffer.concat(this.tail).toString('utf8');
    const dropped = this.totalBytes - this.headLen - this.tailLen;
    return `${head}\n[... ${dropped} bytes of output not kept ...]\n${Buffer.concat(this.tail).toString('utf8')}`;
  }
}

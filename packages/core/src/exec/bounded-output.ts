// Collects a command's output with bounded memory: the first HEAD_CAP bytes and a rolling
// tail of TAIL_CAP bytes, with exact totals, so a command printing gigabytes cannot exhaust
// memory while the model still sees Codex's head+tail view.

/** Bytes kept from the start and from the end of each stream. */
export const OUTPUT_HEAD_CAP = 1 << 20;
export const OUTPUT_TAIL_CAP = 1 << 20;

/**
 * Number of `\n` bytes in `buf`. memchr (`indexOf`) while lines are long; once they are short
 * (`yes` prints 2-byte lines: 32,768 calls per 64 KiB chunk) a word-at-a-time count takes over.
 */
export function countNewlines(buf: Uint8Array): number {
  let n = 0;
  for (let i = buf.indexOf(10); i !== -1; i = buf.indexOf(10, i + 1)) {
    if (++n === 64 && i < 64 * 32) return n + countNewlinesSwar(buf, i + 1);
  }
  return n;
}

/** Counts `\n` bytes from `start`, four at a time through a Uint32Array over the aligned middle. */
function countNewlinesSwar(buf: Uint8Array, start: number): number {
  let n = 0;
  let i = start;
  const end = buf.length;
  for (; i < end && ((buf.byteOffset + i) & 3) !== 0; i++) if (buf[i] === 10) n++;
  const words = (end - i) >>> 2;
  if (words > 0) {
    const w32 = new Uint32Array(buf.buffer, buf.byteOffset + i, words);
    for (let k = 0; k < words; k++) {
      const x = w32[k]! ^ 0x0a0a0a0a; // a 0x0a byte becomes 0x00
      const zero = ~(((x & 0x7f7f7f7f) + 0x7f7f7f7f) | x | 0x7f7f7f7f); // 0x80 in each zero byte
      n += Math.imul((zero >>> 7) & 0x01010101, 0x01010101) >>> 24;
    }
    i += words * 4;
  }
  for (; i < end; i++) if (buf[i] === 10) n++;
  return n;
}

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

  /** Adds a chunk; `newlines` lets a caller that pushes one chunk to several collectors count once. */
  push(chunk: Buffer, newlines: number = countNewlines(chunk)): void {
    this.totalBytes += chunk.length;
    this.newlines += newlines;
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

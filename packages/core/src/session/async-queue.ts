// An unbounded single-consumer async queue: producers push, one `for await` consumes.
// Closing ends the iteration after the buffered values are drained.

/** A push-based AsyncIterable with one consumer. */
export class AsyncQueue<T> implements AsyncIterable<T> {
  private buf: T[] = [];
  private waiters: ((r: IteratorResult<T>) => void)[] = [];
  private closed = false;
  private consumed = false;

  push(value: T): void {
    if (this.closed) return;
    const w = this.waiters.shift();
    if (w) w({ value, done: false });
    else this.buf.push(value);
  }

  close(): void {
    this.closed = true;
    for (const w of this.waiters.splice(0)) w({ value: undefined, done: true });
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** Wait for the next value; `done` once closed and drained. */
  next(): Promise<IteratorResult<T>> {
    const v = this.buf.shift();
    if (v !== undefined) return Promise.resolve({ value: v, done: false });
    if (this.closed) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  [Symbol.asyncIterator](): AsyncIterator<T> {
    if (this.consumed) throw new Error('AsyncQueue has a single consumer');
    this.consumed = true;
    return { next: () => this.next(), return: async () => ({ value: undefined, done: true }) };
  }
}

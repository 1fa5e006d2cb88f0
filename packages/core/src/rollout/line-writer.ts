// Appends whole lines to a JSONL file: one write(2) per line on an O_APPEND fd, so lines from
// one writer never interleave and a crash leaves at worst one cut last line. A short write
// (disk full mid-line) is truncated back to where the line began. The first failure is
// reported once; the writer then stops (a record with a hole in the middle would resume
// wrongly) after trying to leave a marker line saying the file is incomplete.
import { closeSync, fstatSync, fsyncSync, ftruncateSync, openSync, writeSync } from 'node:fs';
import { describeFsError } from './fs-safe.js';

/** Why a writer stopped. */
export interface LineWriterFailure {
  error: Error;
  /** When the first write failed. */
  at: Date;
  /** Lines not written since (the failed one included). */
  dropped: number;
}

/** Options for {@link LineWriter.open}. */
export interface LineWriterOptions {
  /** File mode when the file is created (default 0600). */
  mode?: number;
  /** Called once, on the first failed write. */
  onFailure?: (failure: LineWriterFailure) => void;
  /** The line to try to append right after the first failure (no newline). */
  incompleteMarker?: (failure: LineWriterFailure) => string;
  /** The write(2) to use (fault injection in tests); default `fs.writeSync`. */
  writeSync?: (fd: number, buf: Buffer, offset: number, length: number) => number;
}

/** Thrown (and reported) for a short write. */
function shortWriteError(path: string, wrote: number, wanted: number): NodeJS.ErrnoException {
  const err = new Error(`ENOSPC: short write to ${path} (${wrote} of ${wanted} bytes); no space left on device`) as NodeJS.ErrnoException;
  err.code = 'ENOSPC';
  err.path = path;
  return err;
}

/** An append-only JSONL file. */
export class LineWriter {
  private fd: number | null;
  private failureState: LineWriterFailure | null = null;

  private constructor(
    readonly path: string,
    fd: number | null,
    private readonly opts: LineWriterOptions,
  ) {
    this.fd = fd;
  }

  /** Open `path` for appending (created with `mode` when missing). Throws the open error. */
  static open(path: string, opts: LineWriterOptions = {}): LineWriter {
    return new LineWriter(path, openSync(path, 'a', opts.mode ?? 0o600), opts);
  }

  /** A writer that keeps nothing (`--ephemeral` sessions): every write is a no-op. */
  static discard(path: string): LineWriter {
    return new LineWriter(path, null, {});
  }

  /** The first failure, or null while every line was written. */
  get failure(): LineWriterFailure | null {
    return this.failureState;
  }

  /** Append `line` (no newline inside) as one write. False when it was not written. */
  write(line: string): boolean {
    if (this.fd === null) return false;
    if (this.failureState) {
      this.failureState.dropped += 1;
      return false;
    }
    const err = this.writeWhole(line);
    if (err === null) return true;
    this.failureState = { error: err, at: new Date(), dropped: 1 };
    const marker = this.opts.incompleteMarker?.(this.failureState);
    if (marker !== undefined) this.writeWhole(marker);
    this.opts.onFailure?.(this.failureState);
    return false;
  }

  /** fsync; a failure here is reported like a write failure. */
  sync(): void {
    if (this.fd === null) return;
    try {
      fsyncSync(this.fd);
    } catch (err: unknown) {
      if (!this.failureState) {
        this.failureState = { error: err as Error, at: new Date(), dropped: 0 };
        this.opts.onFailure?.(this.failureState);
      }
    }
  }

  close(): void {
    if (this.fd === null) return;
    this.sync();
    try {
      closeSync(this.fd);
    } catch {
      // Closing can only report a deferred write error, already covered by sync().
    }
    this.fd = null;
  }

  /** One write(2); on a short write the partial bytes are cut off again. */
  private writeWhole(line: string): Error | null {
    const fd = this.fd as number;
    const buf = Buffer.from(`${line}\n`, 'utf8');
    let wrote: number;
    try {
      wrote = (this.opts.writeSync ?? writeSync)(fd, buf, 0, buf.length);
    } catch (err: unknown) {
      return err as Error;
    }
    if (wrote === buf.length) return null;
    try {
      // O_APPEND put our bytes at the end: the line began `wrote` bytes before it.
      const end = fstatSync(fd).size;
      ftruncateSync(fd, Math.max(0, end - wrote));
    } catch (err: unknown) {
      return new Error(`short write to ${this.path} and could not cut it back: ${describeFsError(err)}`, { cause: err });
    }
    return shortWriteError(this.path, wrote, buf.length);
  }
}

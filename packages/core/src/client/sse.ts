// Reads a text/event-stream body into `data` payloads with an idle timeout: when no
// bytes arrive for `idleTimeoutMs`, the body is cancelled and `stream_idle_timeout` is
// thrown. One refreshed timer per stream (not one per chunk) keeps 50 MB streams cheap.
import { createParser } from 'eventsource-parser';
import { ModelClientError, streamDisconnectedMessage } from './errors.js';

/** One SSE message: the `event:` name (if any) and its `data`. */
export interface SseMessage {
  event?: string;
  data: string;
}

/** Options for `readSse`. */
export interface ReadSseOptions {
  idleTimeoutMs: number;
  signal?: AbortSignal;
}

/**
 * Yields the SSE messages of `body` in batches (one per network chunk: one async hop per
 * chunk, not per event, which is what makes 50 MB of small deltas cheap). Throws `stream_idle_timeout` on
 * silence, `aborted` when `signal` fires, and `stream_disconnected` when the transport
 * fails mid-stream. A clean EOF just ends the iteration (the wire decides if that is an
 * error). Leaving the loop early cancels the body.
 */
export async function* readSse(body: ReadableStream<Uint8Array>, opts: ReadSseOptions): AsyncGenerator<SseMessage[]> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let queue: SseMessage[] = [];
  const parser = createParser({
    onEvent: (ev) => {
      queue.push(ev.event !== undefined ? { event: ev.event, data: ev.data } : { data: ev.data });
    },
  });
  let timedOut = false;
  // Only time the wait for bytes, not the consumer's work between our yields.
  let reading = false;
  const timer = setTimeout(() => {
    if (!reading) return;
    timedOut = true;
    reader.cancel().catch(() => undefined);
  }, opts.idleTimeoutMs);
  const onAbort = (): void => {
    reader.cancel().catch(() => undefined);
  };
  opts.signal?.addEventListener('abort', onAbort, { once: true });
  let finished = false;
  try {
    for (;;) {
      let chunk: Awaited<ReturnType<typeof reader.read>>;
      reading = true;
      timer.refresh();
      try {
        chunk = await reader.read();
      } catch (err: unknown) {
        throw failure(err, timedOut, opts);
      } finally {
        reading = false;
      }
      if (timedOut || opts.signal?.aborted) throw failure(undefined, timedOut, opts);
      if (chunk.done) {
        parser.feed(decoder.decode());
        // Deliver a last event that lacks its closing blank line.
        parser.reset({ consume: true });
        if (queue.length > 0) yield queue;
        finished = true;
        return;
      }
      parser.feed(decoder.decode(chunk.value, { stream: true }));
      if (queue.length > 0) {
        const batch = queue;
        queue = [];
        yield batch;
      }
    }
  } finally {
    clearTimeout(timer);
    opts.signal?.removeEventListener('abort', onAbort);
    if (!finished) await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
}

function failure(err: unknown, timedOut: boolean, opts: ReadSseOptions): ModelClientError {
  if (opts.signal?.aborted) return new ModelClientError('aborted', 'request aborted', { cause: err });
  if (timedOut) {
    return new ModelClientError('stream_idle_timeout', streamDisconnectedMessage('idle timeout waiting for SSE'), {
      cause: err,
    });
  }
  const detail = err instanceof Error ? describeTransportError(err) : String(err);
  return new ModelClientError('stream_disconnected', streamDisconnectedMessage(detail), { cause: err });
}

/** undici says `terminated` with the real reason in `cause`; show both. */
export function describeTransportError(err: Error): string {
  const cause = err.cause instanceof Error ? err.cause : undefined;
  if (cause && cause.message && cause.message !== err.message) return `${err.message}: ${cause.message}`;
  return err.message;
}

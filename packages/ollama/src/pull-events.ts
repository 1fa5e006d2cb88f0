// Turns the NDJSON objects of Ollama's `POST /api/pull` into PullEvents (codex-rs
// `pull_model_stream`): a status line, per-digest byte progress, success; an
// `{"error": ...}` line becomes an OllamaError.
import { OllamaError } from './errors.js';

/** One step of a model pull, as reported to `onProgress`. */
export type PullEvent =
  /** A status line, e.g. `pulling manifest`, `pulling 1a2b3c4d5e6f`, `verifying sha256 digest`. */
  | { type: 'status'; status: string }
  /** Byte progress of one layer (`total` and/or `completed` in bytes). */
  | { type: 'progress'; digest: string; total?: number; completed?: number }
  /** The pull finished (`status: "success"`). */
  | { type: 'success' };

/**
 * The events of one NDJSON pull line, in order. Throws `pull_failed` for an error line.
 * A status line that also carries byte counts yields the status, then the progress.
 */
export function pullEventsFromLine(line: Record<string, unknown>, model: string): PullEvent[] {
  if (line['error'] !== undefined) {
    const err = typeof line['error'] === 'string' ? line['error'] : JSON.stringify(line['error']);
    throw new OllamaError('pull_failed', `Pulling ${model} failed: ${err}`);
  }
  const events: PullEvent[] = [];
  const status = typeof line['status'] === 'string' ? line['status'] : '';
  if (status === 'success') return [{ type: 'success' }];
  if (status !== '') events.push({ type: 'status', status });
  const total = typeof line['total'] === 'number' ? line['total'] : undefined;
  const completed = typeof line['completed'] === 'number' ? line['completed'] : undefined;
  if (total !== undefined || completed !== undefined) {
    events.push({
      type: 'progress',
      digest: typeof line['digest'] === 'string' ? line['digest'] : '',
      ...(total !== undefined ? { total } : {}),
      ...(completed !== undefined ? { completed } : {}),
    });
  }
  return events;
}

/** Splits a byte stream into NDJSON objects; a line that is not a JSON object is `bad_response`. */
export async function* readNdjson(body: AsyncIterable<Uint8Array>, url: string): AsyncGenerator<Record<string, unknown>> {
  const decoder = new TextDecoder();
  let buffered = '';
  const parse = (raw: string): Record<string, unknown> | undefined => {
    const text = raw.trim();
    if (text === '') return undefined;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (err: unknown) {
      throw new OllamaError('bad_response', `${url} sent a line that is not JSON: ${text.slice(0, 200)}`, { cause: err });
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw new OllamaError('bad_response', `${url} sent a line that is not a JSON object: ${text.slice(0, 200)}`);
    }
    return value as Record<string, unknown>;
  };
  for await (const chunk of body) {
    buffered += decoder.decode(chunk, { stream: true });
    let nl: number;
    while ((nl = buffered.indexOf('\n')) >= 0) {
      const obj = parse(buffered.slice(0, nl));
      buffered = buffered.slice(nl + 1);
      if (obj) yield obj;
    }
  }
  const last = parse(buffered + decoder.decode());
  if (last) yield last;
}

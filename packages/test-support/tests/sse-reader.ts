/** A small SSE/NDJSON reader for these tests (deliberately not a dependency). */

/** One parsed SSE frame. */
export interface SseFrame {
  event?: string;
  data: string;
}

/** Reads a fetch body to the end (or until it errors) and splits it into SSE frames. */
export async function readSse(res: Response): Promise<{ frames: SseFrame[]; error?: unknown }> {
  const { text, error } = await readText(res);
  return { frames: parseSse(text), error };
}

/** Reads the whole body as text, capturing a mid-stream error instead of throwing. */
export async function readText(res: Response): Promise<{ text: string; error?: unknown }> {
  const reader = (res.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let text = '';
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
    }
    return { text };
  } catch (error: unknown) {
    return { text, error };
  }
}

/** Splits SSE text into frames (blank-line separated; `event:` and `data:` fields). */
export function parseSse(text: string): SseFrame[] {
  return text
    .split('\n\n')
    .filter((block) => block.trim().length > 0)
    .map((block) => {
      const frame: SseFrame = { data: '' };
      for (const line of block.split('\n')) {
        if (line.startsWith('event: ')) frame.event = line.slice(7);
        else if (line.startsWith('data: ')) frame.data += line.slice(6);
      }
      return frame;
    });
}

/** Parses every frame's data as JSON (throws on a malformed one). */
export function jsonFrames(frames: SseFrame[]): Array<Record<string, unknown>> {
  return frames.map((f) => JSON.parse(f.data) as Record<string, unknown>);
}

/** POSTs JSON and returns the response. */
export function postJson(url: string, body: unknown, init: RequestInit = {}): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream', ...(init.headers ?? {}) },
    body: JSON.stringify(body),
    signal: init.signal,
  });
}

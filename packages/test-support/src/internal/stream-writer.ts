/**
 * Writes one scripted stream to an HTTP response, applying the turn's fault: cut
 * (destroy the socket after n frames), stall (pause after n frames), malformed (an
 * extra bad line after n frames), no-headers (never answer). Stops at once when the
 * client goes away or the server closes (`signal`).
 */
import type { ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Fault, StatusFault } from '../types.js';
import { MALFORMED_FRAME } from './frames.js';

/** How to write a stream. */
export interface WriteStreamOptions {
  contentType: string;
  fault?: Fault;
  eventDelayMs?: number;
  headers?: Record<string, string>;
  /** Aborted when the client disconnects or the server closes. */
  signal: AbortSignal;
}

/** Resolves when the signal aborts (never rejects). */
export function untilAborted(signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
}

async function pause(ms: number | undefined, signal: AbortSignal): Promise<void> {
  if (ms === undefined) return untilAborted(signal);
  if (ms <= 0) return;
  try {
    await sleep(ms, undefined, { signal });
  } catch (err: unknown) {
    if (!signal.aborted) throw err;
  }
}

/** Writes `frames` as a 200 streaming response, applying the fault; true when it ended cleanly. */
export async function writeStream(res: ServerResponse, frames: string[], opts: WriteStreamOptions): Promise<boolean> {
  const { fault, signal } = opts;
  if (fault?.fault === 'drop') {
    res.socket?.destroy();
    return false;
  }
  if (fault?.fault === 'no-headers') {
    await untilAborted(signal);
    return false;
  }
  res.socket?.setNoDelay(true);
  res.writeHead(200, {
    'content-type': opts.contentType,
    'cache-control': 'no-cache',
    connection: 'keep-alive',
    ...opts.headers,
  });
  res.flushHeaders();
  const faultAt = fault && fault.fault !== 'status' ? ('after' in fault ? (fault.after ?? 0) : 0) : -1;
  for (let i = 0; i <= frames.length; i++) {
    if (signal.aborted) return false;
    if (i === Math.min(faultAt, frames.length)) {
      if (fault?.fault === 'cut') {
        await cutConnection(res);
        return false;
      }
      if (fault?.fault === 'stall') await pause(fault.ms, signal);
      if (fault?.fault === 'malformed') res.write(fault.line ?? MALFORMED_FRAME);
      if (signal.aborted) return false;
    }
    if (i === frames.length) break;
    await pause(opts.eventDelayMs ?? 0, signal);
    if (signal.aborted) return false;
    res.write(frames[i]);
  }
  res.end();
  return true;
}

/**
 * Ends the TCP connection without finishing the HTTP body. Written frames are flushed
 * first and the socket is half-closed (FIN) rather than reset, so the client reliably
 * receives the frames before it sees the broken body.
 */
async function cutConnection(res: ServerResponse): Promise<void> {
  const socket = res.socket;
  if (!socket) return;
  // An empty write's callback runs once everything queued before it has been flushed.
  await new Promise<void>((resolve) => socket.write('', () => resolve()));
  socket.end(() => socket.destroy());
}

const STATUS_TEXT: Record<number, { type: string; code: string | null; message: string }> = {
  400: { type: 'invalid_request_error', code: 'invalid_request', message: 'Scripted bad request.' },
  401: { type: 'invalid_request_error', code: 'invalid_api_key', message: 'Scripted: incorrect API key provided.' },
  403: { type: 'invalid_request_error', code: 'forbidden', message: 'Scripted: forbidden.' },
  404: { type: 'invalid_request_error', code: 'not_found', message: 'Scripted: not found.' },
  429: { type: 'rate_limit_exceeded', code: 'rate_limit_exceeded', message: 'Scripted: rate limit reached.' },
};

/** The JSON body sent for a status fault without an explicit `body`. */
export function defaultStatusBody(status: number): unknown {
  const known = STATUS_TEXT[status] ?? { type: 'server_error', code: 'server_error', message: `Scripted HTTP ${status}.` };
  return { error: { message: known.message, type: known.type, param: null, code: known.code } };
}

/** Writes a status fault's response (JSON body, optional Retry-After). */
export function writeStatus(res: ServerResponse, fault: StatusFault, extraHeaders: Record<string, string> = {}): void {
  const headers: Record<string, string> = { 'content-type': 'application/json', ...extraHeaders, ...fault.headers };
  if (fault.retryAfter !== undefined) headers['retry-after'] = String(fault.retryAfter);
  res.writeHead(fault.status, headers);
  res.end(JSON.stringify(fault.body ?? defaultStatusBody(fault.status)));
}

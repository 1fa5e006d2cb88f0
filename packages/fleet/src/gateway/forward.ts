// One upstream attempt: the client's request re-sent to one provider, with the provider's
// credential instead of the client's and hop-by-hop headers dropped. Resolves with the
// provider's response (body unread) or the transport error; never rejects.
import http, { type IncomingHttpHeaders, type IncomingMessage, type OutgoingHttpHeaders } from 'node:http';
import https from 'node:https';
import type { FleetProvider } from './types.js';

/** Headers that belong to one connection (RFC 9110 §7.6.1) and never cross a proxy. */
export const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'trailers',
  'transfer-encoding',
  'upgrade',
]);

// Client headers that are never forwarded: the connection's own, and every credential (the
// provider's key replaces them).
const CLIENT_DROP = new Set(['host', 'content-length', 'expect', 'authorization', 'api-key', 'x-api-key', 'cookie', 'chatgpt-account-id']);

function connectionListed(h: IncomingHttpHeaders): Set<string> {
  const v = h.connection;
  const s = Array.isArray(v) ? v.join(',') : (v ?? '');
  return new Set(s.split(',').map((x) => x.trim().toLowerCase()).filter((x) => x !== ''));
}

/** Response headers to pass back to the client. */
export function passResponseHeaders(h: IncomingHttpHeaders): OutgoingHttpHeaders {
  const listed = connectionListed(h);
  const out: OutgoingHttpHeaders = {};
  for (const [k, v] of Object.entries(h)) {
    if (v === undefined || HOP_BY_HOP.has(k) || listed.has(k)) continue;
    out[k] = v;
  }
  return out;
}

/** Request headers for `p`: the client's minus hop-by-hop and credentials, plus the provider's. */
export function upstreamRequestHeaders(h: IncomingHttpHeaders, p: FleetProvider, bodyLength: number, method = 'POST'): OutgoingHttpHeaders {
  const listed = connectionListed(h);
  const out: OutgoingHttpHeaders = {};
  for (const [k, v] of Object.entries(h)) {
    if (v === undefined || HOP_BY_HOP.has(k) || CLIENT_DROP.has(k) || listed.has(k)) continue;
    out[k] = v;
  }
  for (const [k, v] of Object.entries(p.headers ?? {})) out[k.toLowerCase()] = v;
  if (p.apiKey !== undefined) out['authorization'] = `Bearer ${p.apiKey}`;
  if (bodyLength > 0 || (method !== 'GET' && method !== 'HEAD')) out['content-length'] = String(bodyLength);
  return out;
}

/** The provider URL for a path after the gateway's `/v1` (its own query, then the client's). */
export function upstreamUrl(base: URL, path: string, search: string): URL {
  const url = new URL(base.href);
  url.pathname = `${base.pathname.replace(/\/+$/, '')}${path}`;
  for (const [k, v] of new URLSearchParams(search)) url.searchParams.append(k, v);
  return url;
}

/** The outcome of one attempt. */
export type Attempt = { kind: 'response'; res: IncomingMessage } | { kind: 'error'; error: Error };

/** Keep-alive agents shared by all attempts of one gateway. */
export interface Agents {
  http: http.Agent;
  https: https.Agent;
}

/** Sends the request to `url`; the body is fully buffered (it may be re-sent elsewhere). */
export function forward(
  url: URL,
  init: { method: string; headers: OutgoingHttpHeaders; body: Buffer },
  agents: Agents,
  signal: AbortSignal,
): Promise<Attempt> {
  return new Promise((resolve) => {
    const lib = url.protocol === 'https:' ? https : http;
    const req = lib.request(url, { method: init.method, headers: init.headers, agent: url.protocol === 'https:' ? agents.https : agents.http, signal });
    req.setNoDelay(true);
    req.once('response', (res) => resolve({ kind: 'response', res }));
    req.once('error', (error) => resolve({ kind: 'error', error }));
    req.end(init.body.length > 0 ? init.body : undefined);
  });
}

/** Reads at most `limit` bytes of a (failure) body and discards the rest. */
export function collectBody(res: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve) => {
    const parts: Buffer[] = [];
    let size = 0;
    res.on('data', (c: Buffer) => {
      if (size < limit) parts.push(c.subarray(0, limit - size));
      size += c.length;
    });
    res.once('end', () => resolve(Buffer.concat(parts)));
    res.once('error', () => resolve(Buffer.concat(parts)));
    res.once('close', () => resolve(Buffer.concat(parts)));
  });
}

// A small S3-compatible object store client: PUT (from memory or a file range, with its
// sha256 signed), GET, HEAD and DELETE, signed with SigV4 (sigv4.ts) over node:http(s).
// Transient failures (network errors, 5xx, 429/SlowDown) are retried with back-off; a file
// body is re-read for each try. Credentials never appear in errors or logs.
import { createHash } from 'node:crypto';
import { createReadStream, statSync } from 'node:fs';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { setTimeout as sleep } from 'node:timers/promises';
import { FleetError } from '../errors.js';
import { EMPTY_SHA256, sha256Hex, signV4, uriEncode, type SigV4Credentials } from './sigv4.js';

/** Where and how to reach the bucket. */
export interface S3Options {
  /** `https://s3.us-east-1.amazonaws.com`, `http://minio:9000`, … */
  endpoint: string;
  bucket: string;
  region: string;
  /** `endpoint/bucket/key` (true) or `bucket.endpoint/key` (false). */
  pathStyle: boolean;
  credentials: SigV4Credentials;
  /** Per request (default 120 s). */
  timeoutMs?: number;
  /** Tries per request (default 4). */
  tries?: number;
}

/** A stored object. */
export interface StoredObject {
  key: string;
  /** `s3://bucket/key`. */
  uri: string;
  /** The object's HTTP URL (needs credentials to read unless the bucket is public). */
  url: string;
  bytes: number;
  sha256: string;
}

/** A body: bytes, or bytes [start, end) of a file (read once to hash, again to send). */
export type S3Body = Buffer | { path: string; start?: number; end?: number };

interface Response {
  status: number;
  headers: IncomingMessage['headers'];
  body: Buffer;
}

/** Bucket names as S3 allows them (also keeps the host and path safe). */
const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

async function hashRange(path: string, start: number, end: number): Promise<string> {
  if (end <= start) return EMPTY_SHA256;
  const h = createHash('sha256');
  for await (const chunk of createReadStream(path, { start, end: end - 1 })) h.update(chunk as Buffer);
  return h.digest('hex');
}

/** An S3-compatible bucket. */
export class S3Store {
  private readonly base: URL;

  constructor(readonly opts: S3Options) {
    if (!BUCKET.test(opts.bucket)) throw new FleetError('config', `fleet.storage.bucket ${JSON.stringify(opts.bucket)} is not a valid bucket name (3-63 of a-z, 0-9, ".", "-")`);
    let u: URL;
    try {
      u = new URL(opts.endpoint);
    } catch {
      throw new FleetError('config', `fleet.storage.endpoint ${JSON.stringify(opts.endpoint)} is not a URL`);
    }
    if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new FleetError('config', `fleet.storage.endpoint must be http:// or https:// (got ${JSON.stringify(opts.endpoint)})`);
    if (u.username !== '' || u.password !== '') throw new FleetError('config', 'fleet.storage.endpoint must not carry credentials; use the access key environment variables');
    this.base = u;
  }

  private target(key: string): { host: string; path: string; url: URL } {
    const basePath = this.base.pathname.replace(/\/+$/, '');
    const enc = uriEncode(key, true);
    if (this.opts.pathStyle) {
      const path = `${basePath}/${this.opts.bucket}/${enc}`;
      return { host: this.base.host, path, url: new URL(`${this.base.protocol}//${this.base.host}${path}`) };
    }
    const host = `${this.opts.bucket}.${this.base.host}`;
    const path = `${basePath}/${enc}`;
    return { host, path, url: new URL(`${this.base.protocol}//${host}${path}`) };
  }

  /** `s3://bucket/key` and the HTTP URL of `key`. */
  locate(key: string): { uri: string; url: string } {
    return { uri: `s3://${this.opts.bucket}/${key}`, url: this.target(key).url.toString() };
  }

  private once(method: string, key: string, headers: Record<string, string>, payloadHash: string, body: S3Body | undefined): Promise<Response> {
    const t = this.target(key);
    const signed = signV4({ method, host: t.host, path: t.path, headers: { ...headers, 'x-amz-content-sha256': payloadHash }, payloadHash, region: this.opts.region, service: 's3', date: new Date() }, this.opts.credentials);
    const send = t.url.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise<Response>((resolve, reject) => {
      const req = send(t.url, { method, headers: signed.headers, timeout: this.opts.timeoutMs ?? 120_000 }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
        res.on('error', reject);
      });
      req.on('timeout', () => req.destroy(new Error(`no answer within ${this.opts.timeoutMs ?? 120_000} ms`)));
      req.on('error', reject);
      if (body === undefined) req.end();
      else if (Buffer.isBuffer(body)) req.end(body);
      else {
        const end = body.end ?? statSync(body.path).size;
        const start = body.start ?? 0;
        if (end <= start) req.end();
        else {
          const rs = createReadStream(body.path, { start, end: end - 1 });
          rs.on('error', (err) => req.destroy(err));
          rs.pipe(req);
        }
      }
    });
  }

  private async call(method: string, key: string, opts: { headers?: Record<string, string>; body?: S3Body; payloadHash?: string; ok?: number[] } = {}): Promise<Response> {
    const tries = this.opts.tries ?? 4;
    let last = '';
    for (let i = 0; i < tries; i++) {
      if (i > 0) await sleep(Math.min(200 * 2 ** (i - 1), 5000) + Math.floor(Math.random() * 100));
      let res: Response;
      try {
        res = await this.once(method, key, opts.headers ?? {}, opts.payloadHash ?? EMPTY_SHA256, opts.body);
      } catch (err: unknown) {
        last = (err as Error).message;
        continue;
      }
      if ((opts.ok ?? [200]).includes(res.status)) return res;
      const code = /<Code>([^<]*)<\/Code>/.exec(res.body.toString('utf8'))?.[1];
      const message = /<Message>([^<]*)<\/Message>/.exec(res.body.toString('utf8'))?.[1];
      last = `${res.status}${code ? ` ${code}` : ''}${message ? `: ${message}` : ''}`;
      if (res.status < 500 && res.status !== 429 && code !== 'SlowDown' && code !== 'RequestTimeout') break;
    }
    throw new FleetError('storage', `${method} ${this.locate(key).uri} failed: ${last}`);
  }

  /** Store `body` under `key`. */
  async put(key: string, body: S3Body, contentType = 'application/octet-stream'): Promise<StoredObject> {
    let bytes: number;
    let hash: string;
    let b: S3Body = body;
    if (Buffer.isBuffer(body)) {
      bytes = body.length;
      hash = sha256Hex(body);
    } else {
      const start = body.start ?? 0;
      const end = body.end ?? statSync(body.path).size;
      b = { path: body.path, start, end };
      bytes = Math.max(0, end - start);
      hash = await hashRange(body.path, start, end);
    }
    await this.call('PUT', key, { headers: { 'content-type': contentType, 'content-length': String(bytes) }, body: b, payloadHash: hash });
    return { key, ...this.locate(key), bytes, sha256: hash };
  }

  /** The object's bytes; undefined when there is none. */
  async get(key: string): Promise<Buffer | undefined> {
    const res = await this.call('GET', key, { ok: [200, 404] });
    return res.status === 404 ? undefined : res.body;
  }

  /** The object's size; undefined when there is none. */
  async head(key: string): Promise<{ bytes: number } | undefined> {
    const res = await this.call('HEAD', key, { ok: [200, 404] });
    return res.status === 404 ? undefined : { bytes: Number(res.headers['content-length'] ?? 0) };
  }

  /** Remove the object (no error when there is none). */
  async delete(key: string): Promise<void> {
    await this.call('DELETE', key, { ok: [200, 204, 404] });
  }
}

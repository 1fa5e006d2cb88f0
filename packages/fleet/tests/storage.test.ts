// The S3 client against a real S3-compatible server that verifies SigV4 signatures: objects
// from memory and from file ranges round-trip byte for byte (keys with spaces and non-ASCII
// characters too), HEAD/GET/DELETE of missing objects, and a wrong secret or unknown key id
// is refused with the server's code while the secret never shows in the error.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FleetError, resolveStorage, S3Store, sha256Hex } from '../src/index.js';
import { s3MissingReason, startS3Server, type S3TestServer } from './s3-helpers.js';

const missing = s3MissingReason();
if (missing) console.warn(`SKIPPED packages/fleet/tests/storage.test.ts: ${missing}`);

describe.skipIf(missing !== undefined)('S3 storage client', () => {
  let s3: S3TestServer;
  let dir: string;
  const store = (secret?: string, keyId?: string): S3Store =>
    new S3Store({ endpoint: s3.endpoint, bucket: s3.bucket, region: 'us-east-1', pathStyle: true, credentials: { accessKeyId: keyId ?? s3.accessKeyId, secretAccessKey: secret ?? s3.secretAccessKey }, tries: 2 });

  beforeAll(async () => {
    s3 = await startS3Server();
    dir = mkdtempSync(join(tmpdir(), 'codex-fleet-s3-client-'));
  });
  afterAll(async () => {
    await s3.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('puts, heads, gets and deletes objects; bytes and hashes round-trip', async () => {
    const s = store();
    const body = Buffer.from([0, 1, 2, 255, 10, 13, 0x80]);
    const put = await s.put('q/t-1/blob.bin', body);
    expect(put).toEqual({ key: 'q/t-1/blob.bin', uri: `s3://${s3.bucket}/q/t-1/blob.bin`, url: `${s3.endpoint}/${s3.bucket}/q/t-1/blob.bin`, bytes: 7, sha256: sha256Hex(body) });
    expect(await s.head('q/t-1/blob.bin')).toEqual({ bytes: 7 });
    expect(await s.get('q/t-1/blob.bin')).toEqual(body);
    const odd = 'q/t-1/a file+name ü$.txt';
    await s.put(odd, Buffer.from('odd key'));
    expect((await s.get(odd))?.toString()).toBe('odd key');
    await s.delete('q/t-1/blob.bin');
    expect(await s.head('q/t-1/blob.bin')).toBeUndefined();
    expect(await s.get('q/t-1/blob.bin')).toBeUndefined();
    await s.delete('q/t-1/blob.bin'); // no error for a missing object
  });

  it('uploads a file, or a byte range of one, streamed with its sha256 signed', async () => {
    const file = join(dir, 'rollout.jsonl');
    const text = Array.from({ length: 5000 }, (_, i) => `{"n":${i}}`).join('\n') + '\n';
    writeFileSync(file, text);
    const s = store();
    const whole = await s.put('q/t-2/rollout.jsonl', { path: file });
    expect(whole.bytes).toBe(Buffer.byteLength(text));
    expect((await s.get('q/t-2/rollout.jsonl'))?.toString()).toBe(text);
    const part = await s.put('q/t-2/part', { path: file, start: 10, end: 20 });
    expect({ bytes: part.bytes, sha: part.sha256 }).toEqual({ bytes: 10, sha: sha256Hex(Buffer.from(text).subarray(10, 20)) });
    expect((await s.get('q/t-2/part'))?.toString()).toBe(text.slice(10, 20));
    expect((await s.put('q/t-2/empty', { path: file, start: 5, end: 5 })).bytes).toBe(0);
    expect((await s.get('q/t-2/empty'))?.length).toBe(0);
  });

  it('a wrong secret or an unknown key id is refused; the secret is never in the message', async () => {
    const wrong = store('not-the-secret-xyz');
    const err = await wrong.put('q/x', Buffer.from('x')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FleetError);
    expect((err as FleetError).code).toBe('storage');
    expect((err as Error).message).toMatch(new RegExp(`^PUT s3://${s3.bucket}/q/x failed: 403 SignatureDoesNotMatch`));
    expect((err as Error).message).not.toContain('not-the-secret-xyz');
    expect(await store().head('q/x')).toBeUndefined();
    const unknown = await store(undefined, 'NOBODY').get('q/x').catch((e: unknown) => e);
    expect((unknown as Error).message).toMatch(/failed: 403 InvalidAccessKeyId/);
  });

  it('[fleet.storage] resolution: credentials from the named variables, clear errors', () => {
    const env = { FLEET_KEY: 'k', FLEET_SECRET: 's' };
    const s = resolveStorage({ bucket: 'my-bucket', endpoint: 'http://minio:9000', prefix: 'runs', access_key_id_env: 'FLEET_KEY', secret_access_key_env: 'FLEET_SECRET' }, env)!;
    expect({ ...s, secretAccessKey: '…' }).toEqual({ endpoint: 'http://minio:9000', bucket: 'my-bucket', region: 'us-east-1', prefix: 'runs/', pathStyle: true, accessKeyId: 'k', secretAccessKey: '…', checkpointIntervalMs: 5000, credentialEnv: ['FLEET_KEY', 'FLEET_SECRET', 'AWS_SESSION_TOKEN'] });
    expect(resolveStorage({ bucket: 'b-1' }, { AWS_ACCESS_KEY_ID: 'a', AWS_SECRET_ACCESS_KEY: 'b', AWS_REGION: 'eu-west-1' })).toMatchObject({ endpoint: 'https://s3.eu-west-1.amazonaws.com', pathStyle: false, prefix: 'codex-fleet/' });
    expect(() => resolveStorage({ bucket: 'b-1' }, {})).toThrow('fleet.storage: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY in the environment');
    expect(() => resolveStorage({ bucket: 'Bad_Bucket' }, env.FLEET_KEY ? { AWS_ACCESS_KEY_ID: 'a', AWS_SECRET_ACCESS_KEY: 'b' } : {})).toThrow('fleet.storage.bucket "Bad_Bucket" is not a valid bucket name');
    expect(() => resolveStorage({ bucket: 'b-1', endpoint: 'ftp://x' }, { AWS_ACCESS_KEY_ID: 'a', AWS_SECRET_ACCESS_KEY: 'b' })).toThrow('fleet.storage.endpoint must be http:// or https://');
    expect(() => resolveStorage({ bucket: 'b-1', endpoint: 'http://u:p@x' }, { AWS_ACCESS_KEY_ID: 'a', AWS_SECRET_ACCESS_KEY: 'b' })).toThrow('must not carry credentials');
    expect(() => resolveStorage({ bucket: 'b-1', prefix: 'a/../b' }, { AWS_ACCESS_KEY_ID: 'a', AWS_SECRET_ACCESS_KEY: 'b' })).toThrow('must not contain "." or ".." segments');
  });
});

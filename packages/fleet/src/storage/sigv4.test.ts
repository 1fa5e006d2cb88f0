// The signer against AWS's published examples: the S3 "GET object", "PUT object" and
// "GET bucket (list)" header-signing examples, and the Signature V4 test suite's get-vanilla.
import { describe, expect, it } from 'vitest';
import { EMPTY_SHA256, sha256Hex, signV4, uriEncode } from './sigv4.js';

const S3_EXAMPLE = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };
const S3_DATE = new Date('2013-05-24T00:00:00Z');
const base = { host: 'examplebucket.s3.amazonaws.com', region: 'us-east-1', service: 's3', date: S3_DATE };

describe('signV4 (AWS examples)', () => {
  it('GET object with a Range header', () => {
    const s = signV4({ ...base, method: 'GET', path: '/test.txt', headers: { Range: 'bytes=0-9', 'x-amz-content-sha256': EMPTY_SHA256 }, payloadHash: EMPTY_SHA256 }, S3_EXAMPLE);
    expect(s.canonicalRequest).toBe(
      `GET\n/test.txt\n\nhost:examplebucket.s3.amazonaws.com\nrange:bytes=0-9\nx-amz-content-sha256:${EMPTY_SHA256}\nx-amz-date:20130524T000000Z\n\nhost;range;x-amz-content-sha256;x-amz-date\n${EMPTY_SHA256}`,
    );
    expect(s.stringToSign).toBe('AWS4-HMAC-SHA256\n20130524T000000Z\n20130524/us-east-1/s3/aws4_request\n7344ae5b7ee6c3e7e6b0fe0640412a37625d1fbfff95c48bbb2dc43964946972');
    expect(s.signature).toBe('f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41');
    expect(s.headers.authorization).toBe(
      'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41',
    );
  });

  it('PUT object: an encoded key and the body hash', () => {
    const hash = sha256Hex('Welcome to Amazon S3.');
    expect(hash).toBe('44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072');
    const s = signV4(
      { ...base, method: 'PUT', path: `/${uriEncode('test$file.text', true)}`, headers: { Date: 'Fri, 24 May 2013 00:00:00 GMT', 'x-amz-storage-class': 'REDUCED_REDUNDANCY', 'x-amz-content-sha256': hash }, payloadHash: hash },
      S3_EXAMPLE,
    );
    expect(s.canonicalRequest.split('\n').slice(0, 2)).toEqual(['PUT', '/test%24file.text']);
    expect(s.signature).toBe('98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd');
  });

  it('GET bucket with a query string (list objects)', () => {
    const s = signV4({ ...base, method: 'GET', path: '/', query: [['prefix', 'J'], ['max-keys', '2']], headers: { 'x-amz-content-sha256': EMPTY_SHA256 }, payloadHash: EMPTY_SHA256 }, S3_EXAMPLE);
    expect(s.canonicalRequest.split('\n')[2]).toBe('max-keys=2&prefix=J');
    expect(s.signature).toBe('34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7');
  });

  it('the Signature V4 test suite: get-vanilla', () => {
    const s = signV4(
      { method: 'GET', host: 'example.amazonaws.com', path: '/', payloadHash: EMPTY_SHA256, region: 'us-east-1', service: 'service', date: new Date('2015-08-30T12:36:00Z') },
      { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' },
    );
    expect(s.signature).toBe('5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31');
  });

  it('a session token is signed; a different secret gives a different signature', () => {
    const a = signV4({ ...base, method: 'GET', path: '/k', payloadHash: EMPTY_SHA256 }, { ...S3_EXAMPLE, sessionToken: 'tok' });
    expect(a.headers['x-amz-security-token']).toBe('tok');
    expect(a.headers.authorization).toContain('SignedHeaders=host;x-amz-date;x-amz-security-token,');
    const b = signV4({ ...base, method: 'GET', path: '/k', payloadHash: EMPTY_SHA256 }, { ...S3_EXAMPLE, secretAccessKey: 'other' });
    expect(b.signature).not.toBe(signV4({ ...base, method: 'GET', path: '/k', payloadHash: EMPTY_SHA256 }, S3_EXAMPLE).signature);
    expect(b.headers.authorization).not.toContain('other');
  });

  it('encodes keys the S3 way', () => {
    expect(uriEncode("a b+c/d!'()*~é", true)).toBe('a%20b%2Bc/d%21%27%28%29%2A~%C3%A9');
    expect(uriEncode('a/b')).toBe('a%2Fb');
  });
});

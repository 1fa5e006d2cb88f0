// Fixtures for the login suites: JWT minting and a tiny in-process issuer token endpoint
// driven through an injected fetch (the HTTP fake issuer lives in test-support, which this
// leaf may not import; the real-HTTP flows are tested in cli and core).
import type { KeyringBackend } from '../src/index.js';

const b64 = (v: unknown): string => Buffer.from(JSON.stringify(v)).toString('base64url');

/** A compact JWT with `payload` and a fake signature. */
export function jwt(payload: Record<string, unknown>): string {
  return `${b64({ alg: 'RS256' })}.${b64(payload)}.c2ln`;
}

/** An access token expiring `inSec` seconds from now. */
export function accessToken(inSec: number, tag = 'a'): string {
  return jwt({ exp: Math.floor(Date.now() / 1000) + inSec, tag, 'https://api.openai.com/auth': { chatgpt_account_id: 'acct_1' } });
}

/** A keyring held in a Map. */
export function memoryKeyring(): KeyringBackend & { entries: Map<string, string> } {
  const entries = new Map<string, string>();
  return {
    entries,
    get: async (s, a) => entries.get(`${s}/${a}`),
    set: async (s, a, v) => void entries.set(`${s}/${a}`, v),
    delete: async (s, a) => entries.delete(`${s}/${a}`),
  };
}

/** A keyring whose service is not running (like a headless Linux box). */
export function deadKeyring(): KeyringBackend {
  const fail = async (): Promise<never> => {
    const { LoginError } = await import('../src/index.js');
    throw new LoginError('keyring_unavailable', "the OS keyring could not be read: Couldn't access platform storage");
  };
  return { get: fail, set: fail, delete: fail };
}

/** Recorded refresh calls of {@link refreshFetch}. */
export interface RefreshCall {
  url: string;
  body: Record<string, unknown>;
}

/** A fetch answering refresh requests: rotating single-use refresh tokens, or a scripted error. */
export function refreshFetch(opts: { ttlSec?: number; fail?: { status: number; body: unknown } } = {}): { fetch: typeof fetch; calls: RefreshCall[] } {
  const calls: RefreshCall[] = [];
  let n = 0;
  const f = (async (url: string | URL, init?: RequestInit) => {
    const body = JSON.parse(String(init?.body)) as Record<string, unknown>;
    calls.push({ url: String(url), body });
    if (opts.fail) return new Response(JSON.stringify(opts.fail.body), { status: opts.fail.status, headers: { 'content-type': 'application/json' } });
    n++;
    return Response.json({ access_token: accessToken(opts.ttlSec ?? 3600, `fresh${n}`), refresh_token: `rt-${n}`, id_token: jwt({ n }) });
  }) as typeof fetch;
  return { fetch: f, calls };
}

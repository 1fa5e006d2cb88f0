// ChatGPT sign-in in the engine's model client, against the scripted model server and the
// fake issuer over real HTTP: the Codex-format auth.json is used unchanged (bearer access
// token + chatgpt-account-id), refreshed before it expires and once after a 401, a dead
// refresh token says to sign in again, and two processes refreshing at once agree on one
// refresh without corrupting auth.json.
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDirs, startFakeIssuer, startModelServer, turn, type FakeIssuer, type MintedTokens, type ScriptedModelServer } from '@codex-ts/test-support';
import { createProviderAuth, ModelClient, ModelClientError } from '../../src/client/index.js';
import type { ModelProviderInfo } from '../../src/client/index.js';
import { collect, collectError, prompt } from '../client/helpers.js';

const tmp = tempDirs(afterEach);
let home: string;
let issuer: FakeIssuer;
let server: ScriptedModelServer;
beforeEach(async () => {
  home = tmp('codex-chatgpt-auth-');
  issuer = await startFakeIssuer();
  server = await startModelServer();
});
afterEach(async () => {
  await Promise.all([issuer.close(), server.close()]);
});

const authFile = (): string => join(home, 'auth.json');
const env = (): NodeJS.ProcessEnv => ({ CODEX_LOGIN_ISSUER: issuer.url });

/** auth.json exactly as Codex 0.169 writes it after a ChatGPT sign-in. */
function writeCodexAuth(t: MintedTokens, lastRefresh = '2025-08-06T20:41:36.232376Z'): string {
  const text = `{
  "auth_mode": "chatgpt",
  "OPENAI_API_KEY": null,
  "tokens": {
    "id_token": "${t.id_token}",
    "access_token": "${t.access_token}",
    "refresh_token": "${t.refresh_token}",
    "account_id": "acct_test"
  },
  "last_refresh": "${lastRefresh}"
}`;
  writeFileSync(authFile(), text, { mode: 0o600 });
  return text;
}

function openai(): ModelProviderInfo {
  return { name: 'OpenAI', base_url: server.baseUrl, env_key: 'OPENAI_API_KEY', wire_api: 'responses', requires_openai_auth: true };
}

async function client(): Promise<ModelClient> {
  const pa = await createProviderAuth(openai(), { codexHome: home, env: env(), allowCodexApiKeyEnv: false });
  return new ModelClient({
    provider: openai(),
    auth: pa.auth,
    ...(pa.current ? { currentAuth: pa.current } : {}),
    ...(pa.refresh ? { refreshAuth: pa.refresh } : {}),
    env: {},
    backoff: { baseMs: 5, random: () => 0.5 },
    settings: { requestMaxRetries: 1, streamMaxRetries: 1 },
  });
}

const authHeaders = () => server.responsesRequests().map((r) => [r.headers['authorization'], r.headers['chatgpt-account-id']]);
const stored = () => JSON.parse(readFileSync(authFile(), 'utf8')) as { tokens: MintedTokens & { account_id: string }; last_refresh: string };

describe('ChatGPT auth in the model client', () => {
  it('uses a Codex-written auth.json unchanged: bearer access token and chatgpt-account-id', async () => {
    const t = issuer.mintTokens();
    const text = writeCodexAuth(t, new Date().toISOString());
    server.queueResponses(turn.message('hi'));
    await collect((await client()).stream(prompt()));
    expect(authHeaders()).toEqual([[`Bearer ${t.access_token}`, 'acct_test']]);
    expect([issuer.refreshCount(), readFileSync(authFile(), 'utf8')]).toEqual([0, text]);
  });

  it('refreshes an access token that has expired before sending the request', async () => {
    writeCodexAuth(issuer.mintTokens({ ttlSec: -60 }));
    server.queueResponses(turn.message('hi'));
    await collect((await client()).stream(prompt()));
    const now = stored();
    expect(issuer.refreshCount()).toBe(1);
    expect(authHeaders()).toEqual([[`Bearer ${now.tokens.access_token}`, 'acct_test']]);
    expect(now.tokens.account_id).toBe('acct_test');
    expect(Date.parse(now.last_refresh)).toBeGreaterThan(Date.parse('2025-08-06T20:41:36Z'));
    const refresh = issuer.requests.find((r) => r.fields['grant_type'] === 'refresh_token')!;
    expect(refresh.headers['content-type']).toBe('application/json');
    expect(Object.keys(refresh.fields).sort()).toEqual(['client_id', 'grant_type', 'refresh_token']);
  });

  it('on a 401 refreshes once and retries the request with the new token', async () => {
    const t = issuer.mintTokens();
    writeCodexAuth(t, new Date().toISOString());
    server.queueResponses({ fault: 'status', status: 401 }, turn.message('hi'));
    const events = await collect((await client()).stream(prompt()));
    expect(events.at(-1)?.type).toBe('completed');
    const fresh = stored().tokens.access_token;
    expect(fresh).not.toBe(t.access_token);
    expect(authHeaders()).toEqual([
      [`Bearer ${t.access_token}`, 'acct_test'],
      [`Bearer ${fresh}`, 'acct_test'],
    ]);
    expect(issuer.refreshCount()).toBe(1);
  });

  it('a second 401 after the refresh is not refreshed again', async () => {
    writeCodexAuth(issuer.mintTokens(), new Date().toISOString());
    server.queueResponses({ fault: 'status', status: 401 }, { fault: 'status', status: 401 });
    const { error } = await collectError((await client()).stream(prompt()));
    expect([error.code, issuer.refreshCount(), server.responsesRequests().length]).toEqual(['unauthorized', 1, 2]);
  });

  it('an expired refresh token fails the request with "sign in again"', async () => {
    writeCodexAuth(issuer.mintTokens({ ttlSec: -60 }));
    issuer.failNextRefresh('refresh_token_expired', 401);
    const { error } = await collectError((await client()).stream(prompt()));
    expect(error).toBeInstanceOf(ModelClientError);
    expect([error.code, error.message]).toEqual([
      'unauthorized',
      'Your ChatGPT sign-in has expired (the refresh token is no longer valid). Run `codex login` to sign in again.',
    ]);
    expect(server.responsesRequests()).toEqual([]);
  });

  it('two processes refreshing at the same moment: one refresh, both get the new token, auth.json intact', async () => {
    await issuer.close();
    issuer = await startFakeIssuer({ refreshDelayMs: 150 });
    writeCodexAuth(issuer.mintTokens({ ttlSec: -60 }));
    const go = join(home, 'go');
    const child = () =>
      new Promise<{ ok: boolean; token?: string; code?: string }>((resolve, reject) => {
        const p = spawn(process.execPath, [join(import.meta.dirname, 'fixtures', 'refresh-child.mjs'), home, go], {
          env: { ...process.env, CODEX_LOGIN_ISSUER: issuer.url, CODEX_REFRESH_TOKEN_URL_OVERRIDE: '' },
          stdio: ['ignore', 'pipe', 'inherit'],
        });
        let out = '';
        p.stdout.on('data', (d: Buffer) => (out += d.toString()));
        p.on('error', reject);
        p.on('close', () => {
          try {
            resolve(JSON.parse(out) as { ok: boolean; token?: string });
          } catch (err: unknown) {
            reject(new Error(`child printed ${JSON.stringify(out)}`, { cause: err }));
          }
        });
      });
    const both = Promise.all([child(), child()]);
    await new Promise((r) => setTimeout(r, 300));
    writeFileSync(go, '');
    const [a, b] = await both;
    const now = stored();
    expect([a, b]).toEqual([
      { ok: true, token: now.tokens.access_token },
      { ok: true, token: now.tokens.access_token },
    ]);
    expect(issuer.refreshCount()).toBe(1);
    expect(issuer.requests.filter((r) => r.fields['grant_type'] === 'refresh_token').length).toBe(1);
  });
});

import { chmod, readFile, rm } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDirs } from '@codex-ts/test-support';
import { AuthManager, LoginError, authFilePath, needsSignInAgain, writeAuthJson, type AuthDotJson } from '../src/index.js';
import { accessToken, refreshFetch } from './helpers.js';

const tmp = tempDirs(afterEach);
let home: string;
beforeEach(async () => {
  home = tmp('codex-manager-');
});

const env = { CODEX_REFRESH_TOKEN_URL_OVERRIDE: 'http://issuer.test/oauth/token' };

function chatgpt(access: string, extra: Partial<AuthDotJson> = {}): AuthDotJson {
  return {
    auth_mode: 'chatgpt',
    OPENAI_API_KEY: 'sk-exchanged',
    tokens: { id_token: 'id0', access_token: access, refresh_token: 'rt-0', account_id: 'acct_1' },
    last_refresh: new Date().toISOString(),
    ...extra,
  };
}

async function onDisk(): Promise<AuthDotJson> {
  return JSON.parse(await readFile(authFilePath(home), 'utf8')) as AuthDotJson;
}

describe('AuthManager', () => {
  it('uses a token that is not about to expire as is', async () => {
    const access = accessToken(3600);
    await writeAuthJson(home, chatgpt(access));
    const { fetch, calls } = refreshFetch();
    const m = new AuthManager({ codexHome: home, env, fetch });
    expect(await m.current()).toEqual({ mode: 'chatgpt', kind: 'chatgpt', token: access, source: 'chatgpt', accountId: 'acct_1' });
    expect(calls).toEqual([]);
  });

  it('refreshes as Codex does: inside 5 minutes of exp, not before; no exp and no last_refresh means no refresh', async () => {
    const { fetch, calls } = refreshFetch();
    await writeAuthJson(home, chatgpt(accessToken(6 * 60)));
    await new AuthManager({ codexHome: home, env, fetch }).current();
    expect(calls).toHaveLength(0);
    await writeAuthJson(home, chatgpt(accessToken(4 * 60)));
    await new AuthManager({ codexHome: home, env, fetch }).current();
    expect(calls).toHaveLength(1);
    const { last_refresh: _dropped, ...noRefreshTime } = chatgpt('opaque-token-without-exp');
    await writeAuthJson(home, noRefreshTime);
    await new AuthManager({ codexHome: home, env, fetch }).current();
    expect(calls).toHaveLength(1);
  });

  it('refreshes an expired access token before use and saves the rotated tokens', async () => {
    await writeAuthJson(home, chatgpt(accessToken(-10), { last_refresh: '2025-01-01T00:00:00Z' }));
    const { fetch, calls } = refreshFetch();
    const m = new AuthManager({ codexHome: home, env, fetch });
    const auth = await m.current();
    expect(calls).toEqual([{ url: 'http://issuer.test/oauth/token', body: { client_id: 'app_EMoamEEZ73f0CkXaXp7hrann', grant_type: 'refresh_token', refresh_token: 'rt-0' } }]);
    const disk = await onDisk();
    expect(auth?.token).toBe(disk.tokens?.access_token);
    expect(disk).toEqual({
      auth_mode: 'chatgpt',
      OPENAI_API_KEY: 'sk-exchanged',
      tokens: { id_token: expect.any(String), access_token: expect.stringMatching(/\./), refresh_token: 'rt-1', account_id: 'acct_1' },
      last_refresh: expect.any(String),
    });
    expect(Date.parse(disk.last_refresh!)).toBeGreaterThan(Date.parse('2025-01-01T00:00:00Z'));
  });

  it('without a JWT exp, refreshes when last_refresh is older than 8 days', async () => {
    const { fetch, calls } = refreshFetch();
    await writeAuthJson(home, chatgpt('opaque', { last_refresh: new Date(Date.now() - 7 * 86_400_000).toISOString() }));
    await new AuthManager({ codexHome: home, env, fetch }).current();
    expect(calls.length).toBe(0);
    await writeAuthJson(home, chatgpt('opaque', { last_refresh: new Date(Date.now() - 9 * 86_400_000).toISOString() }));
    await new AuthManager({ codexHome: home, env, fetch }).current();
    expect(calls.length).toBe(1);
  });

  it('after a 401 adopts tokens another process saved meanwhile instead of refreshing again', async () => {
    const old = accessToken(3600, 'old');
    await writeAuthJson(home, chatgpt(old));
    const { fetch, calls } = refreshFetch();
    const m = new AuthManager({ codexHome: home, env, fetch });
    await m.current();
    const theirs = accessToken(3600, 'theirs');
    await writeAuthJson(home, chatgpt(theirs, { tokens: { id_token: 'id1', access_token: theirs, refresh_token: 'rt-theirs', account_id: 'acct_1' } }));
    expect((await m.refreshAfterUnauthorized(old))?.token).toBe(theirs);
    expect(calls).toEqual([]);
    // A 401 on the adopted token itself does refresh, with its refresh token.
    await m.refreshAfterUnauthorized(theirs);
    expect(calls.map((c) => c.body['refresh_token'])).toEqual(['rt-theirs']);
  });

  it('an expired refresh token asks to sign in again and is not retried', async () => {
    await writeAuthJson(home, chatgpt(accessToken(-10)));
    const { fetch, calls } = refreshFetch({ fail: { status: 400, body: { error: { code: 'refresh_token_expired', message: 'expired' } } } });
    const m = new AuthManager({ codexHome: home, env, fetch });
    const err = (await m.current().catch((e: unknown) => e)) as LoginError;
    expect([err.code, err.message, needsSignInAgain(err)]).toEqual([
      'refresh_token_expired',
      'Your ChatGPT sign-in has expired (the refresh token is no longer valid). Run `codex login` to sign in again.',
      true,
    ]);
    await expect(m.current()).rejects.toMatchObject({ code: 'refresh_token_expired' });
    expect(calls.length).toBe(1);
  });

  it('a 401 from the refresh endpoint is permanent; a 5xx is transient and the current token is kept', async () => {
    await writeAuthJson(home, chatgpt(accessToken(-10)));
    const rejected = refreshFetch({ fail: { status: 401, body: { error: 'invalid_grant' } } });
    await expect(new AuthManager({ codexHome: home, env, fetch: rejected.fetch }).current()).rejects.toMatchObject({ code: 'refresh_rejected' });
    const flaky = refreshFetch({ fail: { status: 503, body: { error: 'unavailable' } } });
    const stale = (await new AuthManager({ codexHome: home, env, fetch: flaky.fetch }).current())?.token;
    expect(stale).toBe((await onDisk()).tokens?.access_token);
  });

  it('never spends the refresh token when auth.json is read-only', async () => {
    await writeAuthJson(home, chatgpt(accessToken(-10)));
    await chmod(authFilePath(home), 0o400);
    const { fetch, calls } = refreshFetch();
    await expect(new AuthManager({ codexHome: home, env, fetch }).current()).rejects.toMatchObject({ code: 'auth_file_read_only' });
    expect(calls).toEqual([]);
  });

  it('signing out in another process turns a refresh into "sign in again"', async () => {
    const access = accessToken(3600);
    await writeAuthJson(home, chatgpt(access));
    const m = new AuthManager({ codexHome: home, env, fetch: refreshFetch().fetch });
    await m.current();
    await rm(authFilePath(home));
    await expect(m.refreshAfterUnauthorized(access)).rejects.toMatchObject({ code: 'not_signed_in' });
  });

  it('API keys are not refreshable', async () => {
    await writeAuthJson(home, { auth_mode: 'apikey', OPENAI_API_KEY: 'sk-1' });
    expect(await new AuthManager({ codexHome: home, env }).refreshAfterUnauthorized('sk-1')).toBeUndefined();
  });
});

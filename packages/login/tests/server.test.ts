import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDirs } from '@codex-ts/test-support';
import { authFilePath, browserCommand, startLoginServer, type LoginError } from '../src/index.js';
import { jwt } from './helpers.js';

const tmp = tempDirs(afterEach);
let home: string;
beforeEach(async () => {
  home = tmp('codex-server-');
});

/** A token endpoint behind an injected fetch that checks PKCE against the authorize URL's challenge. */
function issuerFetch(challenge: () => string, seen: Record<string, string>[]): typeof fetch {
  return (async (_url: string | URL, init?: RequestInit) => {
    const f = Object.fromEntries(new URLSearchParams(String(init?.body)));
    seen.push(f);
    if (f['grant_type'] === 'authorization_code') {
      const ok = createHash('sha256').update(f['code_verifier'] ?? '').digest('base64url') === challenge();
      if (!ok) return new Response('{"error":"invalid_grant"}', { status: 400 });
      const id = jwt({ email: 'u@x', 'https://api.openai.com/auth': { chatgpt_account_id: 'acct_7' } });
      return Response.json({ id_token: id, access_token: 'at-1', refresh_token: 'rt-1' });
    }
    return new Response('{"error":"unsupported"}', { status: 400 });
  }) as typeof fetch;
}

describe('browser sign-in server', () => {
  it('builds the authorize URL with PKCE S256 and redirects to localhost:<port>/auth/callback', async () => {
    const server = await startLoginServer({ codexHome: home, issuer: 'https://issuer.test', port: 0, forceState: 'st' });
    try {
      const u = new URL(server.authUrl);
      expect(`${u.origin}${u.pathname}`).toBe('https://issuer.test/oauth/authorize');
      const q = Object.fromEntries(u.searchParams);
      expect(q).toEqual({
        response_type: 'code',
        client_id: 'app_EMoamEEZ73f0CkXaXp7hrann',
        redirect_uri: `http://localhost:${server.port}/auth/callback`,
        scope: 'openid profile email offline_access api.connectors.read api.connectors.invoke',
        code_challenge: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
        code_challenge_method: 'S256',
        id_token_add_organizations: 'true',
        codex_cli_simplified_flow: 'true',
        state: 'st',
        originator: 'codex_cli_rs',
      });
      expect(server.authUrl).toContain('scope=openid%20profile%20email');
    } finally {
      server.cancel();
      await server.done.catch(() => undefined);
    }
  });

  it('rejects a wrong state, then completes with the right one and saves Codex-shaped auth.json', async () => {
    const seen: Record<string, string>[] = [];
    let challenge = '';
    const server = await startLoginServer({ codexHome: home, issuer: 'https://issuer.test', port: 0, forceState: 'good', fetch: issuerFetch(() => challenge, seen) });
    challenge = new URL(server.authUrl).searchParams.get('code_challenge')!;
    const base = `http://127.0.0.1:${server.port}`;
    const bad = await fetch(`${base}/auth/callback?code=c1&state=evil`);
    expect([bad.status, await bad.text()]).toEqual([400, 'State mismatch']);
    const cb = await fetch(`${base}/auth/callback?code=c1&state=good`, { redirect: 'manual' });
    expect(cb.status).toBe(302);
    const success = new URL(cb.headers.get('location')!);
    expect(`${success.host}${success.pathname}`).toBe(`localhost:${server.port}/success`);
    const page = await fetch(`${base}${success.pathname}${success.search}`);
    expect([page.status, (await page.text()).includes('You are signed in to Codex')]).toEqual([200, true]);
    await server.done;
    expect(seen[0]).toEqual({
      grant_type: 'authorization_code',
      code: 'c1',
      redirect_uri: `http://localhost:${server.port}/auth/callback`,
      client_id: 'app_EMoamEEZ73f0CkXaXp7hrann',
      code_verifier: expect.any(String),
    });
    const saved = JSON.parse(await readFile(authFilePath(home), 'utf8')) as Record<string, unknown>;
    expect(saved).toEqual({
      auth_mode: 'chatgpt',
      OPENAI_API_KEY: null,
      tokens: { id_token: expect.any(String), access_token: 'at-1', refresh_token: 'rt-1', account_id: 'acct_7' },
      last_refresh: expect.any(String),
    });
  });

  it('forced_chatgpt_workspace_id: the workspace is preselected, a sign-in for another one is refused and nothing is saved', async () => {
    const seen: Record<string, string>[] = [];
    let challenge = '';
    const server = await startLoginServer({
      codexHome: home,
      issuer: 'https://issuer.test',
      port: 0,
      forceState: 'w',
      forcedWorkspaceIds: ['acct_other'],
      fetch: issuerFetch(() => challenge, seen),
    });
    challenge = new URL(server.authUrl).searchParams.get('code_challenge')!;
    expect(new URL(server.authUrl).searchParams.get('allowed_workspace_id')).toBe('acct_other');
    const done = server.done.catch((e: unknown) => e as LoginError);
    const page = await fetch(`http://127.0.0.1:${server.port}/auth/callback?code=c1&state=w`);
    expect((await page.text()).includes('Login is restricted to workspace id(s) acct_other.')).toBe(true);
    expect(await done).toMatchObject({ code: 'login_restricted', message: 'Login is restricted to workspace id(s) acct_other.' });
    // The API-key exchange never ran and auth.json was not written.
    expect(seen.map((f) => f['grant_type'])).toEqual(['authorization_code']);
    await expect(readFile(authFilePath(home), 'utf8')).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('an issuer error ends the sign-in with an error page and the reason', async () => {
    const server = await startLoginServer({ codexHome: home, issuer: 'https://issuer.test', port: 0, forceState: 's' });
    const done = server.done.catch((e: unknown) => e as LoginError);
    const res = await fetch(`http://127.0.0.1:${server.port}/auth/callback?state=s&error=access_denied&error_description=${encodeURIComponent('<b>no</b>')}`);
    const html = await res.text();
    expect(html).toContain('&lt;b&gt;no&lt;/b&gt;');
    expect(await done).toMatchObject({ code: 'login_failed', message: 'Sign-in failed: <b>no</b>' });
  });

  it('a second sign-in on the same port cancels the first and takes the port over', async () => {
    const first = await startLoginServer({ codexHome: home, port: 0 });
    const firstDone = first.done.catch((e: unknown) => e as LoginError);
    const second = await startLoginServer({ codexHome: home, port: first.port });
    try {
      expect(second.port).toBe(first.port);
      expect(await firstDone).toMatchObject({ code: 'login_cancelled', message: 'Login cancelled' });
    } finally {
      second.cancel();
      await second.done.catch(() => undefined);
    }
  });

  it('opens a browser only where there is one', () => {
    expect(browserCommand('u', { PATH: '' }, 'linux')).toBeUndefined();
    expect(browserCommand('u', { BROWSER: 'firefox' }, 'linux')).toEqual(['firefox', 'u']);
    expect(browserCommand('u', {}, 'darwin')).toEqual(['open', 'u']);
  });
});

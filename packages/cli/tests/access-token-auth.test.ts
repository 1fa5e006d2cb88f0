// (Lives in the cli package because login cannot depend on test-support.)
// `--with-access-token` and CODEX_ACCESS_TOKEN as Codex 0.169: personal access tokens (`at-…`)
// described by the auth API's whoami, agent identity JWTs verified against the JWKS, and the
// workspace / login-method restrictions — all against the fake issuer from test-support.
import { readFile, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDirs, fakeJwt, startFakeIssuer, type FakeIssuer } from '@codex-ts/test-support';
import { AuthManager, authFilePath, loginWithAccessToken, writeAuthJson } from '@codex-ts/login';

const tmp = tempDirs(afterEach);
let home: string;
let issuer: FakeIssuer;
let env: NodeJS.ProcessEnv;
beforeEach(async () => {
  home = tmp('codex-access-token-');
  issuer = await startFakeIssuer({ accountId: 'acct_agent' });
  env = { CODEX_AUTHAPI_BASE_URL: issuer.authapiUrl };
});
afterEach(async () => {
  await issuer.close();
});

const fileText = (): Promise<string> => readFile(authFilePath(home), 'utf8');

describe('personal access tokens', () => {
  it('login asks whoami, stores only the token (no auth_mode), and the engine sends it with the account id', async () => {
    issuer.addPersonalAccessToken('at-good', { accountId: 'acct_pat', fedramp: true });
    await loginWithAccessToken(home, 'at-good\n', { env });
    expect(await fileText()).toBe('{\n  "OPENAI_API_KEY": null,\n  "personal_access_token": "at-good"\n}');
    const whoami = issuer.requests.filter((r) => r.path.endsWith('/whoami'));
    expect(whoami.map((r) => r.headers['authorization'])).toEqual(['Bearer at-good']);
    const m = new AuthManager({ codexHome: home, env, fetch });
    expect(await m.current()).toEqual({
      mode: 'chatgpt',
      kind: 'personalAccessToken',
      token: 'at-good',
      source: 'personal_access_token',
      accountId: 'acct_pat',
      fedramp: true,
    });
    // Not refreshable: a 401 gives nothing new.
    expect(await m.refreshAfterUnauthorized('at-good')).toBeUndefined();
    expect(issuer.refreshCount()).toBe(0);
  });

  it('an unknown token is refused with the auth API status and nothing is written', async () => {
    await expect(loginWithAccessToken(home, 'at-unknown', { env })).rejects.toMatchObject({
      code: 'access_token_rejected',
      message: 'personal access token metadata request failed with status 401 Unauthorized',
    });
    expect(existsSync(authFilePath(home))).toBe(false);
  });

  it('a token for another workspace is refused with Codex\'s message', async () => {
    issuer.addPersonalAccessToken('at-good', { accountId: 'acct_pat' });
    await expect(loginWithAccessToken(home, 'at-good', { env, forcedWorkspaceIds: ['ws_a', 'ws_b'] })).rejects.toMatchObject({
      code: 'login_restricted',
      message: 'Login is restricted to workspace id(s) ws_a, ws_b.',
    });
    expect(existsSync(authFilePath(home))).toBe(false);
  });

  it('CODEX_ACCESS_TOKEN wins over auth.json but not over CODEX_API_KEY', async () => {
    issuer.addPersonalAccessToken('at-env', { accountId: 'acct_env' });
    await writeAuthJson(home, { auth_mode: 'apikey', OPENAI_API_KEY: 'sk-file' });
    const withToken = { ...env, CODEX_ACCESS_TOKEN: ' at-env ' };
    expect(await new AuthManager({ codexHome: home, env: withToken }).peek()).toMatchObject({ token: 'at-env', source: 'CODEX_ACCESS_TOKEN', accountId: 'acct_env' });
    expect(await new AuthManager({ codexHome: home, env: { ...withToken, CODEX_API_KEY: 'sk-env' } }).peek()).toMatchObject({ token: 'sk-env', source: 'CODEX_API_KEY' });
    // forced_login_method = "api" skips the access token.
    expect(await new AuthManager({ codexHome: home, env: withToken, restrictions: { forcedLoginMethod: 'api' } }).peek()).toMatchObject({ token: 'sk-file' });
  });
});

describe('agent identity JWTs', () => {
  it('a JWT signed with the JWKS key is stored with auth_mode agentIdentity; the engine registers one task and signs each request', async () => {
    const jwt = issuer.signAgentIdentityJwt();
    await loginWithAccessToken(home, jwt, { env, chatgptBaseUrl: issuer.chatgptBaseUrl });
    expect(JSON.parse(await fileText())).toEqual({ auth_mode: 'agentIdentity', OPENAI_API_KEY: null, agent_identity: jwt });
    const m = new AuthManager({ codexHome: home, env: { ...env, CODEX_AGENT_IDENTITY_AUTHAPI_BASE_URL: issuer.authapiUrl }, chatgptBaseUrl: issuer.chatgptBaseUrl });
    expect(await m.identify()).toMatchObject({ kind: 'agentIdentity', accountId: 'acct_agent' });
    const a = (await m.current())!;
    const b = (await m.current())!;
    expect(a).toMatchObject({ mode: 'chatgpt', kind: 'agentIdentity', source: 'auth.json', accountId: 'acct_agent' });
    expect(a.authorization).toBe(a.token);
    for (const auth of [a, b]) expect(issuer.checkAgentAssertion(auth.authorization!)).toMatchObject({ agent_runtime_id: 'agent-runtime-1', task_id: 'task_1' });
    expect(issuer.agentTasks).toEqual(['task_1']);
    // A tampered assertion does not verify (the check can fail).
    const env2 = JSON.parse(Buffer.from(a.authorization!.slice('AgentAssertion '.length), 'base64url').toString()) as Record<string, string>;
    const forged = `AgentAssertion ${Buffer.from(JSON.stringify({ ...env2, task_id: 'task_9' })).toString('base64url')}`;
    expect(issuer.checkAgentAssertion(forged)).toBeUndefined();
    expect(await m.refreshAfterUnauthorized(a.token)).toBeUndefined();
  });

  it('an unsigned, expired or foreign JWT is refused and nothing is written', async () => {
    const good = issuer.signAgentIdentityJwt();
    const [h, p] = good.split('.');
    const cases: Array<[string, string]> = [
      [`${h}.${p}.${Buffer.from('forged').toString('base64url')}`, 'failed to verify agent identity JWT: InvalidSignature'],
      [issuer.signAgentIdentityJwt({ exp: Math.floor(Date.now() / 1000) - 3600 }), 'failed to verify agent identity JWT: ExpiredSignature'],
      [issuer.signAgentIdentityJwt({ aud: 'someone-else' }), 'failed to verify agent identity JWT: InvalidAudience'],
      [fakeJwt(JSON.parse(Buffer.from(p!, 'base64url').toString()) as Record<string, unknown>), 'agent identity JWT kid fake is not trusted'],
    ];
    for (const [jwt, message] of cases) {
      await expect(loginWithAccessToken(home, jwt, { env, chatgptBaseUrl: issuer.chatgptBaseUrl })).rejects.toMatchObject({ message });
    }
    expect(existsSync(authFilePath(home))).toBe(false);
  });
});

describe('restrictions at start', () => {
  it('a stored API key under forced_login_method = "chatgpt" is logged out with Codex\'s message', async () => {
    await writeAuthJson(home, { auth_mode: 'apikey', OPENAI_API_KEY: 'sk-file' });
    const m = new AuthManager({ codexHome: home, env, restrictions: { forcedLoginMethod: 'chatgpt' } });
    await expect(m.enforceRestrictions()).rejects.toMatchObject({
      code: 'login_restricted',
      message: 'ChatGPT login is required, but an API key is currently being used. Logging out.',
    });
    expect(existsSync(authFilePath(home))).toBe(false);
  });

  it('a ChatGPT sign-in for another workspace is logged out; the allowed one is kept', async () => {
    const t = issuer.mintTokens();
    await writeAuthJson(home, { auth_mode: 'chatgpt', OPENAI_API_KEY: null, tokens: { ...t, account_id: 'acct_agent' }, last_refresh: new Date().toISOString() });
    await new AuthManager({ codexHome: home, env, restrictions: { forcedWorkspaceIds: ['acct_agent'] } }).enforceRestrictions();
    expect(existsSync(authFilePath(home))).toBe(true);
    await expect(new AuthManager({ codexHome: home, env, restrictions: { forcedWorkspaceIds: ['ws_other'] } }).enforceRestrictions()).rejects.toMatchObject({
      message: 'Login is restricted to workspace(s) ws_other, but current credentials belong to acct_agent. Logging out.',
    });
    expect(existsSync(authFilePath(home))).toBe(false);
  });

  it('an OPENAI_API_KEY env fallback is never logged out, and the restriction hides it', async () => {
    await writeFile(join(home, 'keep'), '');
    const m = new AuthManager({ codexHome: home, env: { OPENAI_API_KEY: 'sk-env' }, restrictions: { forcedLoginMethod: 'chatgpt' } });
    await m.enforceRestrictions();
    expect(await m.peek()).toBeUndefined();
  });
});

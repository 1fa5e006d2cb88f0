// `codex login` / `codex logout` as a user runs them: the built binary against the fake
// issuer from test-support, with the test playing the browser (following the issuer's
// redirects to the local callback server), the device flow, API keys and access tokens,
// `login status` texts and exit codes, keyring fallback, and broken auth.json files.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDirs, startFakeIssuer, startModelServer, turn, type FakeIssuer } from '@codex-ts/test-support';

const bin = join(import.meta.dirname, '..', 'bin', 'codex');

const tmp = tempDirs(afterEach);
let home: string;
let issuer: FakeIssuer;
beforeEach(async () => {
  home = tmp('codex-login-cli-');
  issuer = await startFakeIssuer();
});
afterEach(async () => {
  await issuer.close();
});

interface Result {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The binary's environment: our CODEX_HOME and issuer, no display (so no browser), no real credentials. */
function env(extra: Record<string, string> = {}): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (v !== undefined && !/^(OPENAI_|CODEX_)|^(DISPLAY|WAYLAND_DISPLAY|BROWSER)$/.test(k)) out[k] = v;
  }
  return { ...out, CODEX_HOME: home, CODEX_LOGIN_ISSUER: issuer.url, CODEX_LOGIN_PORT: '0', ...extra };
}

function start(args: string[], opts: { input?: string; env?: Record<string, string> } = {}) {
  const child = spawn(process.execPath, [bin, ...args], { env: opts.env ?? env(), stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  const waiters: (() => void)[] = [];
  const poke = (): void => waiters.splice(0).forEach((w) => w());
  child.stdout.on('data', (d: Buffer) => ((stdout += d.toString()), poke()));
  child.stderr.on('data', (d: Buffer) => ((stderr += d.toString()), poke()));
  const done = new Promise<Result>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`codex ${args.join(' ')} timed out\nstdout: ${stdout}\nstderr: ${stderr}`));
    }, 20_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      poke();
      resolve({ code, stdout, stderr });
    });
  });
  child.stdin.end(opts.input ?? '');
  const waitFor = async (re: RegExp, stream: 'stdout' | 'stderr' = 'stderr'): Promise<RegExpMatchArray> => {
    for (;;) {
      const m = (stream === 'stdout' ? stdout : stderr).match(re);
      if (m) return m;
      if (child.exitCode !== null) throw new Error(`exited before ${re}: ${stderr}`);
      await new Promise<void>((r) => waiters.push(r));
    }
  };
  return { done, waitFor };
}

const run = (args: string[], opts: { input?: string; env?: Record<string, string> } = {}): Promise<Result> => start(args, opts).done;
const authJson = (): Record<string, unknown> => JSON.parse(readFileSync(join(home, 'auth.json'), 'utf8')) as Record<string, unknown>;

describe('codex login (ChatGPT)', () => {
  it('browser flow: the local callback server receives the code, saves auth.json and shows the success page', async () => {
    const c = start(['login']);
    const [, url] = await c.waitFor(/navigate to this URL to authenticate:\n\n(\S+)\n/);
    // Play the browser: the issuer signs the user in and redirects to the callback server.
    const authorize = await fetch(url!, { redirect: 'manual' });
    expect(authorize.status).toBe(302);
    const callback = await fetch(authorize.headers.get('location')!, { redirect: 'manual' });
    expect(callback.status).toBe(302);
    const success = await fetch(callback.headers.get('location')!);
    expect([success.status, (await success.text()).includes('You are signed in to Codex')]).toEqual([200, true]);
    const r = await c.done;
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^Starting local login server on http:\/\/localhost:\d+\.\nIf your browser did not open, navigate to this URL to authenticate:\n\n\S+\nSuccessfully logged in\n$/);

    const challenge = new URL(url!).searchParams.get('code_challenge');
    const exchange = issuer.requests.find((q) => q.fields['grant_type'] === 'authorization_code')!;
    expect(createHash('sha256').update(exchange.fields['code_verifier']!).digest('base64url')).toBe(challenge);
    expect(authJson()).toEqual({
      auth_mode: 'chatgpt',
      OPENAI_API_KEY: 'sk-exchanged-test',
      tokens: { id_token: expect.any(String), access_token: expect.any(String), refresh_token: expect.stringMatching(/^rt_/), account_id: 'acct_test' },
      last_refresh: expect.any(String),
    });
    expect(statSync(join(home, 'auth.json')).mode & 0o777).toBe(0o600);
    expect(await run(['login', 'status'])).toEqual({ code: 0, stdout: '', stderr: 'Logged in using ChatGPT\n' });
  });

  it('browser flow: a denied sign-in exits 1 with the reason and saves nothing', async () => {
    issuer.denyNextAuthorize('access_denied', 'user said no');
    const c = start(['login']);
    const [, url] = await c.waitFor(/authenticate:\n\n(\S+)\n/);
    const authorize = await fetch(url!, { redirect: 'manual' });
    await (await fetch(authorize.headers.get('location')!)).text();
    const r = await c.done;
    expect([r.code, r.stderr.split('\n').at(-2)]).toEqual([1, 'Error logging in: Sign-in failed: user said no']);
    expect(existsSync(join(home, 'auth.json'))).toBe(false);
  });

  it('device code flow: shows the code, polls until approved, saves the tokens', async () => {
    const r = await run(['login', '--device-auth']);
    expect([r.code, r.stderr]).toEqual([0, 'Successfully logged in\n']);
    const code = r.stdout.match(/Enter this one-time code \(valid for 15 minutes\):\n {3}(\S+)/)?.[1];
    expect(r.stdout).toContain(`${issuer.url}/codex/device`);
    const paths = issuer.requests.map((q) => `${q.path} ${q.fields['grant_type'] ?? ''}`.trim());
    expect(paths).toEqual([
      '/api/accounts/deviceauth/usercode',
      '/api/accounts/deviceauth/token',
      '/api/accounts/deviceauth/token',
      '/oauth/token authorization_code',
    ]);
    expect(issuer.requests[1]!.fields['user_code']).toBe(code);
    expect(issuer.requests[3]!.fields['redirect_uri']).toBe(`${issuer.url}/deviceauth/callback`);
    expect((authJson()['tokens'] as Record<string, unknown>)['account_id']).toBe('acct_test');
  });

  it('a new sign-in revokes the replaced refresh token; logout revokes the current one', async () => {
    const first = issuer.mintTokens();
    writeFileSync(join(home, 'auth.json'), JSON.stringify({ auth_mode: 'chatgpt', OPENAI_API_KEY: null, tokens: { ...first, account_id: 'acct_test' }, last_refresh: new Date().toISOString() }));
    expect((await run(['login', '--device-auth'])).code).toBe(0);
    const second = (authJson()['tokens'] as Record<string, string>)['refresh_token'];
    expect(issuer.revoked).toEqual([first.refresh_token]);
    expect(await run(['logout'])).toEqual({ code: 0, stdout: '', stderr: 'Successfully logged out\n' });
    expect(issuer.revoked).toEqual([first.refresh_token, second]);
    const revoke = issuer.requests.filter((q) => q.path === '/oauth/revoke').map((q) => q.fields);
    expect(revoke[1]).toEqual({ token: second, token_type_hint: 'refresh_token', client_id: issuer.clientId });
    expect(existsSync(join(home, 'auth.json'))).toBe(false);
  });

  it('device code flow against a server without it says so', async () => {
    await issuer.close();
    issuer = await startFakeIssuer({ deviceAuthDisabled: true });
    const r = await run(['login', '--device-auth']);
    expect(r).toEqual({
      code: 1,
      stdout: '',
      stderr: 'Error logging in with device code: device code login is not enabled for this Codex server. Use the browser login (`codex login`) or check the issuer URL.\n',
    });
  });
});

describe('codex login with a key or token, status and logout', () => {
  it('API key from stdin, masked status, logout, then not logged in (exit 1)', async () => {
    expect(await run(['login', '--with-api-key'], { input: 'sk-proj-1234567890ABCDE\n' })).toEqual({
      code: 0,
      stdout: '',
      stderr: 'Reading API key from stdin...\nAPI key saved. Authentication is checked when you send a request.\n',
    });
    expect(authJson()).toEqual({ auth_mode: 'apikey', OPENAI_API_KEY: 'sk-proj-1234567890ABCDE' });
    expect(await run(['login', 'status'])).toEqual({ code: 0, stdout: '', stderr: 'API key configured - sk-proj-***ABCDE\nAuthentication is checked when you send a request.\n' });
    expect(await run(['logout'])).toEqual({ code: 0, stdout: '', stderr: 'Successfully logged out\n' });
    expect(await run(['logout'])).toEqual({ code: 0, stdout: '', stderr: 'Not logged in\n' });
    expect(await run(['login', 'status'])).toEqual({ code: 1, stdout: '', stderr: 'Not logged in\n' });
  });

  it('empty stdin and the removed --api-key flag are refused', async () => {
    expect(await run(['login', '--with-api-key'], { input: '  \n' })).toEqual({ code: 1, stdout: '', stderr: 'Reading API key from stdin...\nNo API key provided via stdin.\n' });
    expect((await run(['login', '--api-key', 'sk-x'])).code).toBe(1);
    expect(existsSync(join(home, 'auth.json'))).toBe(false);
  });

  it('access tokens from stdin: a personal access token (whoami), an agent identity JWT; 0.169 status texts', async () => {
    issuer.addPersonalAccessToken('at-cli', { accountId: 'acct_pat' });
    const e = env({ CODEX_AUTHAPI_BASE_URL: issuer.authapiUrl });
    expect(await run(['login', '--with-access-token'], { input: 'at-cli\n', env: e })).toEqual({ code: 0, stdout: '', stderr: 'Reading access token from stdin...\nSuccessfully logged in\n' });
    expect(authJson()).toEqual({ OPENAI_API_KEY: null, personal_access_token: 'at-cli' });
    expect(await run(['login', 'status'], { env: e })).toEqual({ code: 0, stdout: '', stderr: 'Logged in using personal access token\n' });
    expect(await run(['login', 'status', '-c', 'forced_chatgpt_workspace_id="other"'], { env: e })).toEqual({
      code: 1,
      stdout: '',
      stderr: 'Error checking login status: Login is restricted to workspace id(s) other.\n',
    });
    const jwt = issuer.signAgentIdentityJwt();
    const agent = await run(['login', '--with-access-token', '-c', `chatgpt_base_url="${issuer.chatgptBaseUrl}"`], { input: jwt, env: e });
    expect([agent.code, agent.stderr]).toEqual([0, 'Reading access token from stdin...\nSuccessfully logged in\n']);
    expect(await run(['login', 'status'], { env: e })).toEqual({ code: 0, stdout: '', stderr: 'Logged in using access token\n' });
    rmSync(join(home, 'auth.json'));
    expect(await run(['login', 'status'], { env: { ...e, CODEX_ACCESS_TOKEN: 'at-cli' } })).toEqual({ code: 0, stdout: '', stderr: 'Logged in using personal access token\n' });
  });

  it('forced_login_method and forced_chatgpt_workspace_id refuse the wrong sign-in with Codex\'s texts', async () => {
    issuer.addPersonalAccessToken('at-cli', { accountId: 'acct_pat' });
    const e = env({ CODEX_AUTHAPI_BASE_URL: issuer.authapiUrl });
    expect(await run(['login', '--with-access-token', '-c', 'forced_login_method="api"'], { input: 'at-cli', env: e })).toEqual({
      code: 1,
      stdout: '',
      stderr: 'Access token login is disabled. Use API key login instead.\n',
    });
    expect(await run(['login', '--with-api-key', '-c', 'forced_login_method="chatgpt"'], { input: 'sk-x', env: e })).toEqual({
      code: 1,
      stdout: '',
      stderr: 'API key login is disabled. Use ChatGPT login instead.\n',
    });
    expect(await run(['login', '--with-access-token', '-c', 'forced_chatgpt_workspace_id=["w1","w2"]'], { input: 'at-cli', env: e })).toEqual({
      code: 1,
      stdout: '',
      stderr: 'Reading access token from stdin...\nError logging in with access token: Login is restricted to workspace id(s) w1, w2.\n',
    });
    expect(existsSync(join(home, 'auth.json'))).toBe(false);
    // A ChatGPT sign-in for another workspace counts as "Not logged in" for status.
    writeFileSync(join(home, 'auth.json'), JSON.stringify({ auth_mode: 'chatgpt', OPENAI_API_KEY: null, tokens: { ...issuer.mintTokens(), account_id: 'acct_test' }, last_refresh: new Date().toISOString() }));
    expect(await run(['login', 'status', '-c', 'forced_chatgpt_workspace_id="acct_test"'], { env: e })).toEqual({ code: 0, stdout: '', stderr: 'Logged in using ChatGPT\n' });
    expect(await run(['login', 'status', '-c', 'forced_chatgpt_workspace_id="other"'], { env: e })).toEqual({ code: 1, stdout: '', stderr: 'Not logged in\n' });
  });

  it('a corrupt auth.json is reported with its path and left untouched', async () => {
    const file = join(home, 'auth.json');
    writeFileSync(file, '{"tokens": ');
    const status = await run(['login', 'status']);
    expect([status.code, status.stderr.startsWith(`Error checking login status: ${file} is not valid JSON`)]).toEqual([1, true]);
    const login = await run(['login', '--with-api-key'], { input: 'sk-new' });
    expect([login.code, login.stderr.split('\n')[1]?.startsWith(`Error logging in: ${file} is not valid JSON`)]).toEqual([1, true]);
    expect(readFileSync(file, 'utf8')).toBe('{"tokens": ');
    expect((await run(['logout'])).stderr).toBe('Successfully logged out\n');
  });

  it('a read-only auth.json is reported clearly and not replaced', async () => {
    const file = join(home, 'auth.json');
    writeFileSync(file, JSON.stringify({ OPENAI_API_KEY: 'sk-old' }));
    chmodSync(file, 0o444);
    const r = await run(['login', '--with-api-key'], { input: 'sk-new' });
    expect(r).toEqual({
      code: 1,
      stdout: '',
      stderr: `Reading API key from stdin...\nError logging in: cannot write ${file}: the file is read-only (mode 444). Make it writable (e.g. \`chmod 600 ${file}\`) or set CODEX_HOME to a writable directory.\n`,
    });
    expect(readFileSync(file, 'utf8')).toBe(JSON.stringify({ OPENAI_API_KEY: 'sk-old' }));
  });
});

describe('cli_auth_credentials_store', () => {
  // Whether the OS keyring accepts writes depends on the machine (no Secret Service here; the
  // kernel keyring may or may not be linkable from this process tree): each test checks the
  // outcome it got is the complete, consistent one, and cleans the keyring up with logout.
  it('auto keeps the key in the OS keyring, or falls back to auth.json and says so', async () => {
    const r = await run(['login', '--with-api-key', '-c', 'cli_auth_credentials_store="auto"'], { input: 'sk-auto' });
    try {
      expect(r.code).toBe(0);
      if (existsSync(join(home, 'auth.json'))) {
        expect(r.stderr).toMatch(/^Reading API key from stdin\.\.\.\nOS keyring unavailable \(the OS keyring could not be (read|written): .+\); using .+\/auth\.json instead\.\nAPI key saved\. Authentication is checked when you send a request\.\n$/);
        expect(authJson()).toEqual({ auth_mode: 'apikey', OPENAI_API_KEY: 'sk-auto' });
      } else {
        expect(r.stderr).toBe('Reading API key from stdin...\nAPI key saved. Authentication is checked when you send a request.\n');
      }
      expect((await run(['login', 'status', '-c', 'cli_auth_credentials_store="auto"'])).stderr).toBe('API key configured - ***\nAuthentication is checked when you send a request.\n');
    } finally {
      expect(await run(['logout'])).toEqual({ code: 0, stdout: '', stderr: 'Successfully logged out\n' });
    }
    expect((await run(['login', 'status', '-c', 'cli_auth_credentials_store="auto"'])).stderr).toBe('Not logged in\n');
  });

  it('keyring mode stores in the OS keyring only, or fails with a clear message and writes nothing', async () => {
    const r = await run(['login', '--with-api-key', '-c', 'cli_auth_credentials_store="keyring"'], { input: 'sk-k' });
    expect(existsSync(join(home, 'auth.json'))).toBe(false);
    if (r.code === 0) {
      try {
        expect((await run(['login', 'status', '-c', 'cli_auth_credentials_store="keyring"'])).stderr).toBe('API key configured - ***\nAuthentication is checked when you send a request.\n');
        expect((await run(['login', 'status'])).stderr).toBe('Not logged in\n');
      } finally {
        expect((await run(['logout'])).stderr).toBe('Successfully logged out\n');
      }
    } else {
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/^Reading API key from stdin\.\.\.\nError logging in: the OS keyring could not be .+ cli_auth_credentials_store = "keyring" needs a running OS keyring service; set it to "auto" or "file" in config\.toml to use auth\.json instead\.\n$/);
    }
  });

  it('an unknown store value is a config error naming the key', async () => {
    const r = await run(['login', 'status', '-c', 'cli_auth_credentials_store="vault"']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^Error loading configuration: .*cli_auth_credentials_store/);
  });
});

describe('codex exec with a ChatGPT sign-in', () => {
  it('refreshes an expired access token, then sends it with chatgpt-account-id; a 401 refreshes once more', async () => {
    const server = await startModelServer();
    try {
      const t = issuer.mintTokens({ ttlSec: -60 });
      writeFileSync(
        join(home, 'auth.json'),
        JSON.stringify({ auth_mode: 'chatgpt', OPENAI_API_KEY: null, tokens: { ...t, account_id: 'acct_test' }, last_refresh: '2025-08-06T20:41:36.232376Z' }, null, 2),
        { mode: 0o600 },
      );
      const ws = join(home, 'ws');
      mkdirSync(ws);
      server.queueResponses({ fault: 'status', status: 401 }, turn.message('Signed in fine.'));
      const r = await run(['exec', '--skip-git-repo-check', '-C', ws, 'hello'], { env: env({ OPENAI_BASE_URL: server.baseUrl }) });
      expect([r.code, r.stdout]).toEqual([0, 'Signed in fine.\n']);
      const tokens = authJson()['tokens'] as Record<string, string>;
      const sent = server.responsesRequests().map((q) => [q.headers['authorization'], q.headers['chatgpt-account-id']]);
      expect(issuer.refreshCount()).toBe(2);
      expect(sent[0]).not.toEqual([`Bearer ${t.access_token}`, 'acct_test']);
      expect(sent[1]).toEqual([`Bearer ${tokens['access_token']}`, 'acct_test']);
      expect(tokens['account_id']).toBe('acct_test');
    } finally {
      await server.close();
    }
  });

  it('an expired refresh token ends the turn with "sign in again" and no model request', async () => {
    const server = await startModelServer();
    try {
      const t = issuer.mintTokens({ ttlSec: -60 });
      writeFileSync(join(home, 'auth.json'), JSON.stringify({ OPENAI_API_KEY: null, tokens: { ...t, account_id: 'acct_test' }, last_refresh: '2025-08-06T20:41:36Z' }));
      issuer.failNextRefresh('refresh_token_expired', 401);
      const ws = join(home, 'ws');
      mkdirSync(ws);
      const r = await run(['exec', '--skip-git-repo-check', '-C', ws, 'hello'], { env: env({ OPENAI_BASE_URL: server.baseUrl }) });
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('Your ChatGPT sign-in has expired (the refresh token is no longer valid). Run `codex login` to sign in again.');
      expect(server.responsesRequests()).toEqual([]);
    } finally {
      await server.close();
    }
  });
});

describe('codex exec with an access token or under login restrictions', () => {
  it('a personal access token goes to the ChatGPT backend as bearer with ChatGPT-Account-ID; a 401 is not refreshed', async () => {
    const server = await startModelServer();
    try {
      issuer.addPersonalAccessToken('at-exec', { accountId: 'acct_pat', fedramp: true });
      const ws = join(home, 'ws');
      mkdirSync(ws);
      server.queueResponses(turn.message('Hello from PAT.'));
      const e = env({ OPENAI_BASE_URL: server.baseUrl, CODEX_AUTHAPI_BASE_URL: issuer.authapiUrl, CODEX_ACCESS_TOKEN: 'at-exec' });
      const r = await run(['exec', '--skip-git-repo-check', '-C', ws, 'hello'], { env: e });
      expect([r.code, r.stdout]).toEqual([0, 'Hello from PAT.\n']);
      const h = server.responsesRequests()[0]!.headers;
      expect([h['authorization'], h['chatgpt-account-id'], h['x-openai-fedramp']]).toEqual(['Bearer at-exec', 'acct_pat', 'true']);
      server.queueResponses({ fault: 'status', status: 401 }, { fault: 'status', status: 401 });
      const denied = await run(['exec', '--skip-git-repo-check', '-C', ws, 'again'], { env: e });
      expect(denied.code).toBe(1);
      expect(issuer.refreshCount()).toBe(0);
    } finally {
      await server.close();
    }
  });

  it('an agent identity JWT in CODEX_ACCESS_TOKEN registers a task and signs each model request with an AgentAssertion', async () => {
    const server = await startModelServer();
    try {
      const ws = join(home, 'ws');
      mkdirSync(ws);
      server.queueResponses(turn.message('Hello, agent.'));
      const e = env({ OPENAI_BASE_URL: server.baseUrl, CODEX_AGENT_IDENTITY_AUTHAPI_BASE_URL: issuer.authapiUrl, CODEX_ACCESS_TOKEN: issuer.signAgentIdentityJwt() });
      const r = await run(['exec', '--skip-git-repo-check', '-C', ws, '-c', `chatgpt_base_url="${issuer.chatgptBaseUrl}"`, 'hello'], { env: e });
      expect([r.code, r.stdout]).toEqual([0, 'Hello, agent.\n']);
      const h = server.responsesRequests()[0]!.headers;
      expect(issuer.checkAgentAssertion(h['authorization']!)).toMatchObject({ agent_runtime_id: 'agent-runtime-1', task_id: 'task_1' });
      expect(h['chatgpt-account-id']).toBe('acct_test');
      expect(issuer.agentTasks).toEqual(['task_1']);
    } finally {
      await server.close();
    }
  });

  it('a stored credential that violates the restrictions is logged out at start, before any request', async () => {
    const server = await startModelServer();
    try {
      const ws = join(home, 'ws');
      mkdirSync(ws);
      writeFileSync(join(home, 'auth.json'), JSON.stringify({ auth_mode: 'apikey', OPENAI_API_KEY: 'sk-stored' }));
      const e = env({ OPENAI_BASE_URL: server.baseUrl });
      const r = await run(['exec', '--skip-git-repo-check', '-C', ws, '-c', 'forced_login_method="chatgpt"', 'hello'], { env: e });
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('ChatGPT login is required, but an API key is currently being used. Logging out.');
      expect(existsSync(join(home, 'auth.json'))).toBe(false);
      writeFileSync(join(home, 'auth.json'), JSON.stringify({ auth_mode: 'chatgpt', OPENAI_API_KEY: null, tokens: { ...issuer.mintTokens(), account_id: 'acct_test' }, last_refresh: new Date().toISOString() }));
      const w = await run(['exec', '--skip-git-repo-check', '-C', ws, '-c', 'forced_chatgpt_workspace_id="other"', 'hello'], { env: e });
      expect(w.code).toBe(1);
      expect(w.stderr).toContain('Login is restricted to workspace(s) other, but current credentials belong to acct_test. Logging out.');
      expect(existsSync(join(home, 'auth.json'))).toBe(false);
      expect(server.responsesRequests()).toEqual([]);
    } finally {
      await server.close();
    }
  });
});

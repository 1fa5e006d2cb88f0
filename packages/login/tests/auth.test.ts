import { chmod, readFile, readdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDirs } from '@codex-ts/test-support';
import {
  LoginError,
  authFilePath,
  loginWithAccessToken,
  loginWithApiKey,
  logout,
  readAuthJson,
  resolveApiKey,
  resolveAuth,
  writeAuthJson,
} from '../src/index.js';
import { jwt } from './helpers.js';

const tmp = tempDirs(afterEach);
let home: string;
beforeEach(async () => {
  home = tmp('codex-login-');
});

const tokens = { id_token: 'id.jwt', access_token: 'access.jwt', refresh_token: 'refresh', account_id: 'acct_1' };
const noKeyring = { keyring: { get: async () => undefined, set: async () => undefined, delete: async () => false } };

describe('auth.json', () => {
  it('reads undefined when absent', async () => {
    expect(await readAuthJson(home)).toBeUndefined();
  });

  it('writes Codex key order as pretty JSON with mode 0600 and no temp files left', async () => {
    await writeAuthJson(home, { last_refresh: '2025-08-06T20:41:36.232376Z', tokens, auth_mode: 'chatgpt' });
    const text = await readFile(authFilePath(home), 'utf8');
    expect(text).toBe(
      JSON.stringify({ auth_mode: 'chatgpt', OPENAI_API_KEY: null, tokens, last_refresh: '2025-08-06T20:41:36.232376Z' }, null, 2),
    );
    expect((await stat(authFilePath(home))).mode & 0o777).toBe(0o600);
    expect(await readdir(home)).toEqual(['auth.json']);
  });

  it('reads a file written by Codex 0.169 unchanged and resolves ChatGPT mode even with an exchanged key', async () => {
    const codexWritten = `{
  "auth_mode": "chatgpt",
  "OPENAI_API_KEY": "sk-proj-exchanged",
  "tokens": {
    "id_token": "${jwt({ email: 'a@b.c' })}",
    "access_token": "at-1",
    "refresh_token": "rt-1",
    "account_id": "acct_9"
  },
  "last_refresh": "2025-08-06T20:41:36.232376Z"
}`;
    await writeFile(authFilePath(home), codexWritten, { mode: 0o600 });
    expect(await resolveAuth({ codexHome: home, env: {} })).toEqual({ mode: 'chatgpt', kind: 'chatgpt', token: 'at-1', source: 'chatgpt', accountId: 'acct_9' });
    expect(await readFile(authFilePath(home), 'utf8')).toBe(codexWritten);
  });

  it('creates CODEX_HOME when missing', async () => {
    const nested = join(home, 'a', 'b');
    await writeAuthJson(nested, { OPENAI_API_KEY: 'sk-x' });
    expect(await readAuthJson(nested)).toEqual({ OPENAI_API_KEY: 'sk-x' });
  });

  it('keeps unknown keys from a newer Codex', async () => {
    await writeFile(authFilePath(home), JSON.stringify({ OPENAI_API_KEY: 'sk-1', auth_mode: 'apikey', personal_access_token: null }));
    expect(await readAuthJson(home)).toEqual({ OPENAI_API_KEY: 'sk-1', auth_mode: 'apikey', personal_access_token: null });
  });

  it('an auth_mode from a newer Codex is read, refused by name, and not treated as corruption', async () => {
    await writeFile(authFilePath(home), JSON.stringify({ auth_mode: 'bedrockApiKey', OPENAI_API_KEY: null, bedrock_api_key: 'b' }));
    expect((await readAuthJson(home))?.auth_mode).toBe('bedrockApiKey');
    await expect(resolveAuth({ codexHome: home, env: {} })).rejects.toMatchObject({
      code: 'unsupported_auth_mode',
      message: `${authFilePath(home)} uses auth_mode "bedrockApiKey", which codex-ts does not know (written by a newer Codex?); run \`codex login\` to sign in again.`,
    });
  });

  it('names the file and field on invalid content', async () => {
    await writeFile(authFilePath(home), '{"tokens": {"id_token": 1}}');
    const err = await readAuthJson(home).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LoginError);
    expect((err as LoginError).code).toBe('auth_file_invalid');
    expect((err as LoginError).message).toContain(authFilePath(home));
    expect((err as LoginError).message).toContain('tokens.id_token');
  });

  it('a corrupt file is reported with its path and never overwritten by a new sign-in', async () => {
    await writeFile(authFilePath(home), '{nope');
    const err = (await loginWithApiKey(home, 'sk-new').catch((e: unknown) => e)) as LoginError;
    expect([err.code, err.message.startsWith(`${authFilePath(home)} is not valid JSON`)]).toEqual(['auth_file_invalid', true]);
    expect(err.message).toContain('codex logout');
    expect(await readFile(authFilePath(home), 'utf8')).toBe('{nope');
    await expect(resolveAuth({ codexHome: home, env: {} })).rejects.toMatchObject({ code: 'auth_file_invalid' });
  });

  it('a read-only auth.json is reported and left as it is (even for root)', async () => {
    await writeAuthJson(home, { OPENAI_API_KEY: 'sk-old' });
    await chmod(authFilePath(home), 0o400);
    const err = (await loginWithApiKey(home, 'sk-new').catch((e: unknown) => e)) as LoginError;
    expect(err.code).toBe('auth_file_read_only');
    expect(err.message).toBe(
      `cannot write ${authFilePath(home)}: the file is read-only (mode 400). Make it writable (e.g. \`chmod 600 ${authFilePath(home)}\`) or set CODEX_HOME to a writable directory.`,
    );
    expect(JSON.parse(await readFile(authFilePath(home), 'utf8'))).toEqual({ OPENAI_API_KEY: 'sk-old' });
  });
});

describe('login and logout', () => {
  it('loginWithApiKey stores only the key in API-key mode, replacing tokens', async () => {
    await writeAuthJson(home, { tokens, last_refresh: 'x' });
    await loginWithApiKey(home, '  sk-new\n');
    expect(JSON.parse(await readFile(authFilePath(home), 'utf8'))).toEqual({ auth_mode: 'apikey', OPENAI_API_KEY: 'sk-new' });
  });

  it('refuses empty or multi-word keys', async () => {
    await expect(loginWithApiKey(home, '  ')).rejects.toMatchObject({ code: 'invalid_api_key' });
    await expect(loginWithApiKey(home, 'sk-a sk-b')).rejects.toMatchObject({ code: 'invalid_api_key' });
    expect(await readAuthJson(home)).toBeUndefined();
  });

  it('loginWithAccessToken refuses a token that is not an agent identity JWT and writes nothing', async () => {
    await expect(loginWithAccessToken(home, 'not-a-jwt')).rejects.toMatchObject({ code: 'invalid_access_token', message: 'failed to decode agent identity JWT: invalid agent identity JWT format' });
    await expect(loginWithAccessToken(home, jwt({ agent_runtime_id: 'r1' }))).rejects.toMatchObject({ message: 'failed to decode agent identity JWT: missing field `iss`' });
    await expect(loginWithAccessToken(home, '  ')).rejects.toMatchObject({ code: 'invalid_access_token' });
    expect(await readAuthJson(home)).toBeUndefined();
  });

  it('logout deletes auth.json (even a corrupt one) and reports whether it existed', async () => {
    await writeFile(authFilePath(home), '{nope');
    expect(await logout(home, noKeyring)).toBe(true);
    expect(await readAuthJson(home)).toBeUndefined();
    expect(await logout(home, noKeyring)).toBe(false);
  });
});

describe('resolveAuth order', () => {
  it('CODEX_API_KEY env wins over everything', async () => {
    await loginWithApiKey(home, 'sk-file');
    const env = { CODEX_API_KEY: 'sk-codex', OPENAI_API_KEY: 'sk-env' };
    expect(await resolveAuth({ codexHome: home, env })).toEqual({ mode: 'api_key', kind: 'apikey', token: 'sk-codex', source: 'CODEX_API_KEY' });
  });

  it('CODEX_API_KEY is ignored when not allowed', async () => {
    const env = { CODEX_API_KEY: 'sk-codex' };
    expect(await resolveAuth({ codexHome: home, env, allowCodexApiKeyEnv: false })).toBeUndefined();
  });

  it('without auth_mode an API key in the file wins over its tokens and over OPENAI_API_KEY env', async () => {
    await writeAuthJson(home, { OPENAI_API_KEY: 'sk-file', tokens });
    expect(await resolveAuth({ codexHome: home, env: { OPENAI_API_KEY: 'sk-env' } })).toEqual({
      mode: 'api_key',
      kind: 'apikey',
      token: 'sk-file',
      source: 'auth.json',
    });
  });

  it('ChatGPT tokens give chatgpt mode with the account id', async () => {
    await writeAuthJson(home, { OPENAI_API_KEY: null, tokens });
    expect(await resolveAuth({ codexHome: home, env: {} })).toEqual({
      mode: 'chatgpt',
      kind: 'chatgpt',
      token: 'access.jwt',
      source: 'chatgpt',
      accountId: 'acct_1',
    });
  });

  it('OPENAI_API_KEY env is the last fallback; blank values are ignored', async () => {
    expect(await resolveApiKey({ codexHome: home, env: { CODEX_API_KEY: ' ', OPENAI_API_KEY: 'sk-env' } })).toBe('sk-env');
    expect(await resolveApiKey({ codexHome: home, env: { OPENAI_API_KEY: '' } })).toBeUndefined();
  });
});

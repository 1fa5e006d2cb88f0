import { mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  LoginError,
  authFilePath,
  loginWithApiKey,
  logout,
  readAuthJson,
  resolveApiKey,
  resolveAuth,
  writeAuthJson,
} from '../src/index.js';

let home: string;
beforeEach(async () => {
  home = await mkdtemp(join(tmpdir(), 'codex-login-'));
});
afterEach(async () => {
  await rm(home, { recursive: true, force: true });
});

const tokens = { id_token: 'id.jwt', access_token: 'access.jwt', refresh_token: 'refresh', account_id: 'acct_1' };

describe('auth.json', () => {
  it('reads undefined when absent', async () => {
    expect(await readAuthJson(home)).toBeUndefined();
  });

  it('writes pretty JSON with mode 0600 and no temp files left', async () => {
    await writeAuthJson(home, { OPENAI_API_KEY: null, tokens, last_refresh: '2025-08-06T20:41:36.232376Z' });
    const text = await readFile(authFilePath(home), 'utf8');
    expect(text).toBe(
      `${JSON.stringify({ OPENAI_API_KEY: null, tokens, last_refresh: '2025-08-06T20:41:36.232376Z' }, null, 2)}\n`,
    );
    expect((await stat(authFilePath(home))).mode & 0o777).toBe(0o600);
    expect(await readdir(home)).toEqual(['auth.json']);
    expect(await readAuthJson(home)).toEqual({ OPENAI_API_KEY: null, tokens, last_refresh: '2025-08-06T20:41:36.232376Z' });
  });

  it('creates CODEX_HOME when missing', async () => {
    const nested = join(home, 'a', 'b');
    await writeAuthJson(nested, { OPENAI_API_KEY: 'sk-x' });
    expect(await readAuthJson(nested)).toEqual({ OPENAI_API_KEY: 'sk-x' });
  });

  it('keeps unknown keys from a newer Codex', async () => {
    await writeFile(authFilePath(home), JSON.stringify({ OPENAI_API_KEY: 'sk-1', auth_mode: 'apikey' }));
    expect(await readAuthJson(home)).toEqual({ OPENAI_API_KEY: 'sk-1', auth_mode: 'apikey' });
  });

  it('names the file and field on invalid content', async () => {
    await writeFile(authFilePath(home), '{"tokens": {"id_token": 1}}');
    const err = await readAuthJson(home).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LoginError);
    expect((err as LoginError).code).toBe('auth_file_invalid');
    expect((err as LoginError).message).toContain(authFilePath(home));
    expect((err as LoginError).message).toContain('tokens.id_token');
  });

  it('reports malformed JSON with the file name', async () => {
    await writeFile(authFilePath(home), '{nope');
    await expect(readAuthJson(home)).rejects.toMatchObject({ code: 'auth_file_invalid' });
  });
});

describe('login and logout', () => {
  it('loginWithApiKey writes only the key, replacing tokens', async () => {
    await writeAuthJson(home, { tokens, last_refresh: 'x' });
    await loginWithApiKey(home, '  sk-new\n');
    expect(JSON.parse(await readFile(authFilePath(home), 'utf8'))).toEqual({ OPENAI_API_KEY: 'sk-new' });
  });

  it('refuses empty or multi-word keys', async () => {
    await expect(loginWithApiKey(home, '  ')).rejects.toMatchObject({ code: 'invalid_api_key' });
    await expect(loginWithApiKey(home, 'sk-a sk-b')).rejects.toMatchObject({ code: 'invalid_api_key' });
    expect(await readAuthJson(home)).toBeUndefined();
  });

  it('logout deletes auth.json and reports whether it existed', async () => {
    await loginWithApiKey(home, 'sk-1');
    expect(await logout(home)).toBe(true);
    expect(await readAuthJson(home)).toBeUndefined();
    expect(await logout(home)).toBe(false);
  });
});

describe('resolveAuth order', () => {
  it('CODEX_API_KEY env wins over everything', async () => {
    await loginWithApiKey(home, 'sk-file');
    const env = { CODEX_API_KEY: 'sk-codex', OPENAI_API_KEY: 'sk-env' };
    expect(await resolveAuth({ codexHome: home, env })).toEqual({ mode: 'api_key', token: 'sk-codex', source: 'CODEX_API_KEY' });
  });

  it('CODEX_API_KEY is ignored when not allowed', async () => {
    const env = { CODEX_API_KEY: 'sk-codex' };
    expect(await resolveAuth({ codexHome: home, env, allowCodexApiKeyEnv: false })).toBeUndefined();
  });

  it('auth.json API key wins over its tokens and over OPENAI_API_KEY env', async () => {
    await writeAuthJson(home, { OPENAI_API_KEY: 'sk-file', tokens });
    expect(await resolveAuth({ codexHome: home, env: { OPENAI_API_KEY: 'sk-env' } })).toEqual({
      mode: 'api_key',
      token: 'sk-file',
      source: 'auth.json',
    });
  });

  it('ChatGPT tokens give chatgpt mode with the account id', async () => {
    await writeAuthJson(home, { OPENAI_API_KEY: null, tokens });
    expect(await resolveAuth({ codexHome: home, env: {} })).toEqual({
      mode: 'chatgpt',
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

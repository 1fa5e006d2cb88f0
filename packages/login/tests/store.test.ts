import { createHash } from 'node:crypto';
import { existsSync, realpathSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDirs } from '@codex-ts/test-support';
import { LoginError, authFilePath, createAuthStore, keyringAccount, loginWithApiKey, logout, osKeyring, resolveAuth } from '../src/index.js';
import { deadKeyring, memoryKeyring } from './helpers.js';

const tmp = tempDirs(afterEach);
let home: string;
beforeEach(async () => {
  home = tmp('codex-store-');
});

describe('keyring store', () => {
  it('uses Codex service and account names and keeps compact JSON there, removing auth.json', async () => {
    const keyring = memoryKeyring();
    await writeFile(authFilePath(home), JSON.stringify({ OPENAI_API_KEY: 'sk-old' }));
    await loginWithApiKey(home, 'sk-k', { mode: 'keyring', keyring });
    const account = `cli|${createHash('sha256').update(realpathSync(home)).digest('hex').slice(0, 16)}`;
    expect(keyringAccount(home)).toBe(account);
    expect([...keyring.entries]).toEqual([[`Codex Auth/${account}`, '{"auth_mode":"apikey","OPENAI_API_KEY":"sk-k"}']]);
    expect(existsSync(authFilePath(home))).toBe(false);
    expect(await resolveAuth({ codexHome: home, env: {}, store: { mode: 'keyring', keyring } })).toEqual({ mode: 'api_key', kind: 'apikey', token: 'sk-k', source: 'auth.json' });
  });

  it('keyring mode without a keyring service fails with what to do and writes nothing', async () => {
    const err = (await loginWithApiKey(home, 'sk-k', { mode: 'keyring', keyring: deadKeyring() }).catch((e: unknown) => e)) as LoginError;
    expect(err.code).toBe('keyring_unavailable');
    expect(err.message).toBe(
      "the OS keyring could not be read: Couldn't access platform storage. cli_auth_credentials_store = \"keyring\" needs a running OS keyring service; set it to \"auto\" or \"file\" in config.toml to use auth.json instead.",
    );
    expect(existsSync(authFilePath(home))).toBe(false);
  });

  it('auto falls back to auth.json when no keyring service runs, and says so once', async () => {
    const notices: string[] = [];
    const store = { mode: 'auto' as const, keyring: deadKeyring(), onNotice: (m: string) => notices.push(m) };
    await loginWithApiKey(home, 'sk-auto', store);
    expect(JSON.parse(await readFile(authFilePath(home), 'utf8'))).toEqual({ auth_mode: 'apikey', OPENAI_API_KEY: 'sk-auto' });
    expect(notices).toEqual([`OS keyring unavailable (the OS keyring could not be read: Couldn't access platform storage); using ${authFilePath(home)} instead.`]);
    expect((await resolveAuth({ codexHome: home, env: {}, store }))?.token).toBe('sk-auto');
  });

  it('auto prefers the keyring when it works and reads auth.json when the keyring is empty', async () => {
    const keyring = memoryKeyring();
    await writeFile(authFilePath(home), JSON.stringify({ OPENAI_API_KEY: 'sk-file' }));
    const store = createAuthStore({ codexHome: home, mode: 'auto', keyring });
    expect((await store.load())?.OPENAI_API_KEY).toBe('sk-file');
    await store.save({ auth_mode: 'apikey', OPENAI_API_KEY: 'sk-ring' });
    expect(keyring.entries.size).toBe(1);
    expect(existsSync(authFilePath(home))).toBe(false);
    expect((await store.load())?.OPENAI_API_KEY).toBe('sk-ring');
  });

  it('logout removes both the keyring entry and auth.json, whatever the mode', async () => {
    const keyring = memoryKeyring();
    await loginWithApiKey(home, 'sk-k', { mode: 'keyring', keyring });
    await writeFile(authFilePath(home), JSON.stringify({ OPENAI_API_KEY: 'sk-file' }));
    expect(await logout(home, { mode: 'file', keyring })).toBe(true);
    expect([keyring.entries.size, existsSync(authFilePath(home))]).toEqual([0, false]);
    expect(await logout(home, { mode: 'file', keyring })).toBe(false);
  });

  it('the real OS keyring binding loads lazily and auto reads auth.json when the keyring has nothing', async () => {
    // Read-only on purpose: a failed write can leave a half-made entry in the kernel keyring.
    await writeFile(authFilePath(home), JSON.stringify({ OPENAI_API_KEY: 'sk-real' }));
    const notices: string[] = [];
    const store = createAuthStore({ codexHome: home, mode: 'auto', keyring: osKeyring(), onNotice: (m) => notices.push(m) });
    expect((await store.load())?.OPENAI_API_KEY).toBe('sk-real');
    expect(notices.every((n) => /^OS keyring unavailable \(.+\); using .+auth\.json instead\.$/.test(n))).toBe(true);
  });
});

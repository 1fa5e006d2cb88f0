import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError } from './errors.js';
import { loadConfig } from './load.js';
import { mergeTables } from './profiles.js';
import { unknownKeyWarnings } from './unknown-keys.js';
import { tempDirs } from '@codex-ts/test-support';

const tmp = tempDirs(afterAll);

function home(files: Record<string, string>): string {
  const dir = tmp('codex-profiles-');
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

describe('profiles', () => {
  it('layers NAME.config.toml over config.toml, tables merged key by key', () => {
    const codexHome = home({
      'config.toml': 'model = "base"\napproval_policy = "never"\n[sandbox_workspace_write]\nnetwork_access = true\nexclude_slash_tmp = true\n',
      'work.config.toml': 'model = "work"\n[sandbox_workspace_write]\nnetwork_access = false\n',
    });
    const c = loadConfig({ codexHome, env: {}, cli: { profile: 'work', sandbox_mode: 'workspace-write', cwd: codexHome } });
    expect({ model: c.model, approval: c.approval_policy, profile: c.profile, policy: c.sandbox_policy }).toEqual({
      model: 'work',
      approval: 'never',
      profile: 'work',
      policy: { mode: 'workspace-write', writable_roots: [], network_access: false, exclude_tmpdir_env_var: false, exclude_slash_tmp: true },
    });
    expect(c.warnings).toEqual([]);
  });

  it('refuses a profile name that could leave CODEX_HOME', () => {
    const codexHome = home({ 'config.toml': '' });
    let err: unknown;
    try {
      loadConfig({ codexHome, env: {}, cli: { profile: '../evil' } });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    expect({ code: (err as ConfigError).code, message: (err as ConfigError).message }).toEqual({
      code: 'unknown_profile',
      message: 'invalid profile name `../evil`: use letters, digits, `-` and `_` only.',
    });
  });

  it('--ignore-user-config skips both config.toml and the profile file', () => {
    const codexHome = home({ 'config.toml': 'model = "base"\n', 'work.config.toml': 'model = "work"\n' });
    expect(loadConfig({ codexHome, env: {}, ignoreUserConfig: true }).model).toBe('gpt-5-codex');
  });

  it('mergeTables replaces arrays and scalars, merges tables, leaves its inputs alone', () => {
    const over = { a: { b: 2 }, list: [3] };
    expect(mergeTables({ a: { b: 1, c: 1 }, list: [1, 2], keep: true }, over)).toEqual({ a: { b: 2, c: 1 }, list: [3], keep: true });
    expect(over).toEqual({ a: { b: 2 }, list: [3] });
  });
});

describe('unknown keys', () => {
  it('names each unknown top-level key with its line; Codex and codex-ts keys pass', () => {
    const text = 'model = "x"\nmodle = "y"\n[mcp_servers.a]\ncommand = "c"\n[sandbox]\nbackend = "auto"\n[wat]\n';
    const doc = { model: 'x', modle: 'y', mcp_servers: { a: { command: 'c' } }, sandbox: { backend: 'auto' }, wat: {} };
    expect(unknownKeyWarnings(doc, { file: '/h/config.toml', text }, false)).toEqual([
      'warning: unknown configuration field `modle` in /h/config.toml:2 (ignored; --strict-config makes this an error)',
      'warning: unknown configuration field `wat` in /h/config.toml:7 (ignored; --strict-config makes this an error)',
    ]);
    expect(() => unknownKeyWarnings(doc, { file: '/h/config.toml', text }, true)).toThrow('unknown configuration field `modle` in /h/config.toml:2');
    expect(unknownKeyWarnings({ bogus: 1 }, { overrides: true }, false)).toEqual([
      'warning: unknown configuration field `bogus` in -c/--config override (ignored; --strict-config makes this an error)',
    ]);
  });
});

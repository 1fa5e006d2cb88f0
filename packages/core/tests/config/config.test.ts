import { mkdirSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDirs } from '@codex-ts/test-support';
import { ConfigError } from '../../src/config/errors.js';
import { findCodexHome } from '../../src/config/codex-home.js';
import { loadConfig } from '../../src/config/load.js';
import { parseConfigOverride } from '../../src/config/overrides.js';

// Temp dirs made here are removed when the file is done.
const tmp = tempDirs(afterAll);

function home(toml?: string): string {
  const dir = tmp('codex-config-');
  if (toml !== undefined) writeFileSync(join(dir, 'config.toml'), toml);
  return dir;
}

function loadError(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (err: unknown) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error('expected a ConfigError');
}

const env = { HOME: '/nonexistent-home' };

// A config.toml as users of the real Codex write it (keys from Codex's docs), plus keys
// codex-ts does not know.
const REAL_CONFIG = `
model = "gpt-5-codex"
model_provider = "openai"
approval_policy = "on-request"
sandbox_mode = "workspace-write"
model_reasoning_effort = "high"
model_reasoning_summary = "detailed"
hide_agent_reasoning = false
file_opener = "cursor"
notify = ["notify-send", "Codex"]
project_doc_max_bytes = 65536
some_future_key = { nested = [1, 2, 3] }

[sandbox_workspace_write]
writable_roots = ["/var/data"]
network_access = true

[shell_environment_policy]
inherit = "core"
exclude = ["AWS_*"]
set = { CI = "1" }

[history]
persistence = "none"

[tui]
notifications = true

[mcp_servers.docs]
command = "npx"
args = ["-y", "@modelcontextprotocol/server-everything"]

[model_providers.azure]
name = "Azure"
base_url = "https://example.openai.azure.com/openai"
env_key = "AZURE_OPENAI_API_KEY"
query_params = { api-version = "2025-04-01-preview" }
wire_api = "responses"
request_max_retries = 2
stream_max_retries = 3
stream_idle_timeout_ms = 10000
http_headers = { "X-Team" = "tools" }
env_http_headers = { "X-Org" = "ORG_ID" }

[model_providers.local]
name = "Local"
base_url = "http://localhost:8000/v1"

[profiles.fast]
model = "o4-mini"
model_provider = "azure"
approval_policy = "never"
model_reasoning_effort = "low"

[projects."/work/trusted"]
trust_level = "trusted"
`;

describe('config loading', () => {
  it('loads an existing Codex config.toml unchanged, keeping unknown keys', () => {
    const c = loadConfig({ codexHome: home(REAL_CONFIG), env, cli: { cwd: '/work' } });
    expect({
      model: c.model,
      provider: c.model_provider_id,
      approval: c.approval_policy,
      sandbox: c.sandbox_policy,
      effort: c.model_reasoning_effort,
      summary: c.model_reasoning_summary,
      notify: c.notify,
      docs: c.project_doc_max_bytes,
      shell: c.shell_environment_policy,
      history: c.history_persistence,
      opener: c.file_opener,
    }).toEqual({
      model: 'gpt-5-codex',
      provider: 'openai',
      approval: 'on-request',
      sandbox: { mode: 'workspace-write', writable_roots: ['/var/data'], network_access: true, exclude_tmpdir_env_var: false, exclude_slash_tmp: false },
      effort: 'high',
      summary: 'detailed',
      notify: ['notify-send', 'Codex'],
      docs: 65536,
      shell: { inherit: 'core', ignore_default_excludes: false, exclude: ['AWS_*'], set: { CI: '1' }, include_only: [] },
      history: 'none',
      opener: 'cursor',
    });
    expect(c.toml.some_future_key).toEqual({ nested: [1, 2, 3] });
    expect(c.model_providers.azure).toEqual({
      name: 'Azure',
      base_url: 'https://example.openai.azure.com/openai',
      env_key: 'AZURE_OPENAI_API_KEY',
      query_params: { 'api-version': '2025-04-01-preview' },
      wire_api: 'responses',
      request_max_retries: 2,
      stream_max_retries: 3,
      stream_idle_timeout_ms: 10000,
      http_headers: { 'X-Team': 'tools' },
      env_http_headers: { 'X-Org': 'ORG_ID' },
      requires_openai_auth: false,
    });
    // wire_api defaults to chat when omitted (Codex 0.47).
    expect(c.model_providers.local!.wire_api).toBe('chat');
  });

  it('applies a profile over the file and CLI flags over the profile', () => {
    const h = home(REAL_CONFIG);
    const p = loadConfig({ codexHome: h, env, cli: { profile: 'fast' } });
    expect([p.model, p.model_provider_id, p.approval_policy, p.model_reasoning_effort]).toEqual(['o4-mini', 'azure', 'never', 'low']);
    const q = loadConfig({ codexHome: h, env, cli: { profile: 'fast', model: 'gpt-5', approval_policy: 'untrusted' } });
    expect([q.model, q.approval_policy]).toEqual(['gpt-5', 'untrusted']);
  });

  it('parses -c overrides as TOML values, with dotted keys', () => {
    const c = loadConfig({
      codexHome: home(REAL_CONFIG),
      env,
      overrides: ['model=o3', 'sandbox_workspace_write.network_access=false', 'model_providers.azure.request_max_retries=7', 'shell_environment_policy.inherit=all'],
    });
    expect([c.model, c.sandbox_policy.mode === 'workspace-write' && c.sandbox_policy.network_access, c.model_providers.azure!.request_max_retries, c.shell_environment_policy.inherit]).toEqual(['o3', false, 7, 'all']);
    expect(parseConfigOverride('a.b="x y"')).toEqual({ path: ['a', 'b'], value: 'x y', source: 'a.b="x y"' });
    expect(parseConfigOverride('k=[1, 2]').value).toEqual([1, 2]);
    expect(parseConfigOverride("k=not toml at all").value).toBe('not toml at all');
    expect(parseConfigOverride('projects."/a.b".trust_level=trusted').path).toEqual(['projects', '/a.b', 'trust_level']);
  });

  it('names the file, key and line of a value with the wrong type', () => {
    const h = home('model = "gpt-5"\n\n[sandbox_workspace_write]\nnetwork_access = "yes"\n');
    const err = loadError(() => loadConfig({ codexHome: h, env }));
    expect(err.code).toBe('invalid_value');
    expect(err.key).toBe('sandbox_workspace_write.network_access');
    expect(err.line).toBe(4);
    expect(err.message).toMatch(new RegExp(`^${join(h, 'config.toml')}:4: invalid value for \`sandbox_workspace_write.network_access\`: .*\\(got "yes"\\)$`));
  });

  it('validates [sandbox]: backend name, whole-number limits in range, unknown limit keys, each naming its key', () => {
    const cases: Array<[string, string, string]> = [
      ['backend = "docker"', 'sandbox.backend', '(got "docker")'],
      ['[sandbox.limits]\ncpu_seconds = 1.9', 'sandbox.limits.cpu_seconds', 'must be a whole number (got 1.9)'],
      ['[sandbox.limits]\nopen_files = nan', 'sandbox.limits.open_files', '(got NaN)'],
      ['[sandbox.limits]\nprocesses = 0', 'sandbox.limits.processes', 'must be at least 1 (got 0)'],
      ['[sandbox.limits]\nmemory_bytes = 1e300', 'sandbox.limits.memory_bytes', '(got 1e+300)'],
      ['[sandbox.limits]\nram = 1', 'sandbox.limits', 'ram'],
    ];
    for (const [body, key, tail] of cases) {
      const err = loadError(() => loadConfig({ codexHome: home(`[sandbox]\n${body}\n`), env }));
      expect({ code: err.code, key: err.key, endsWell: err.message.includes(tail) }).toEqual({ code: 'invalid_value', key, endsWell: true });
    }
    const ok = loadConfig({ codexHome: home('[sandbox]\nbackend = "bwrap"\n[sandbox.limits]\ncpu_seconds = 60\nopen_files = 1024\n'), env });
    expect(ok.toml.sandbox).toEqual({ backend: 'bwrap', limits: { cpu_seconds: 60, open_files: 1024 } });
  });

  it('names the override when a -c value has the wrong type', () => {
    const err = loadError(() => loadConfig({ codexHome: home(''), env, overrides: ['approval_policy=sometimes'] }));
    expect(err.message).toMatch(/^-c approval_policy=sometimes: invalid value for `approval_policy`/);
  });

  it('reports TOML syntax errors with line and column', () => {
    const h = home('model = "gpt-5"\nsandbox_mode = \n');
    const err = loadError(() => loadConfig({ codexHome: h, env }));
    expect(err.code).toBe('toml_syntax');
    expect(err.message).toMatch(new RegExp(`^${join(h, 'config.toml')}:2:\\d+: invalid TOML`));
  });

  it('rejects an unknown profile and an undefined provider with what exists', () => {
    const h = home(REAL_CONFIG);
    expect(loadError(() => loadConfig({ codexHome: h, env, cli: { profile: 'nope' } })).message).toBe(
      `config profile \`nope\` not found: no ${join(h, 'nope.config.toml')} and no [profiles.nope] table in ${join(h, 'config.toml')} (profiles defined there: fast)`,
    );
    expect(loadError(() => loadConfig({ codexHome: h, env, cli: { model_provider: 'ghost' } })).message).toMatch(/^model_provider `ghost` is not defined: add a \[model_providers.ghost\] table/);
  });

  it('has the built-in providers, which user tables cannot replace', () => {
    const c = loadConfig({ codexHome: home('[model_providers.openai]\nname = "evil"\nbase_url = "http://evil"\n'), env: { ...env, OPENAI_BASE_URL: 'http://proxy/v1', CODEX_OSS_PORT: '9999' } });
    expect(c.model_providers.openai).toEqual({ name: 'OpenAI', base_url: 'http://proxy/v1', env_key: 'OPENAI_API_KEY', wire_api: 'responses', requires_openai_auth: true });
    expect(c.model_providers.oss).toEqual({ name: 'gpt-oss', base_url: 'http://localhost:9999/v1', wire_api: 'chat', requires_openai_auth: false });
    expect(loadConfig({ codexHome: home(), env, cli: { oss: true } }).model).toBe('gpt-oss:20b');
  });

  it('defaults: read-only, on-request, gpt-5-codex; trusted projects get workspace-write', () => {
    const c = loadConfig({ codexHome: home(), env, cli: { cwd: '/somewhere' } });
    expect([c.model, c.approval_policy, c.sandbox_policy]).toEqual(['gpt-5-codex', 'on-request', { mode: 'read-only' }]);
    const t = loadConfig({ codexHome: home(REAL_CONFIG.replace('sandbox_mode = "workspace-write"', '')), env, cli: { cwd: '/work/trusted/sub' } });
    expect(t.sandbox_mode).toBe('workspace-write');
  });

  it('trusted projects: the same rule as the exec directory check (real paths, trailing slash, no prefix siblings)', () => {
    const base = realpathSync(tmp('codex-config-trust-'));
    mkdirSync(join(base, 'proj', 'sub'), { recursive: true });
    mkdirSync(join(base, 'project2'));
    symlinkSync(join(base, 'proj'), join(base, 'alias'));
    const h = home(`[projects."${join(base, 'alias')}/"]\ntrust_level = "trusted"\n`);
    const mode = (cwd: string) => loadConfig({ codexHome: h, env, cli: { cwd } }).sandbox_mode;
    expect([mode(join(base, 'proj', 'sub')), mode(join(base, 'alias')), mode(join(base, 'project2'))]).toEqual([
      'workspace-write',
      'workspace-write',
      'read-only',
    ]);
  });

  it('finds CODEX_HOME: the variable (must exist) or ~/.codex', () => {
    const h = home();
    expect(findCodexHome({ CODEX_HOME: h })).toBe(h);
    expect(findCodexHome({ HOME: '/home/u' })).toBe('/home/u/.codex');
    expect(loadError(() => findCodexHome({ CODEX_HOME: '/does/not/exist' })).message).toBe(
      'CODEX_HOME points to /does/not/exist, which does not exist. Create the directory or unset CODEX_HOME.',
    );
  });
});

describe('instructions files and features', () => {
  it('model_instructions_file (or the older experimental_instructions_file) replaces the base prompt', () => {
    const dir = home();
    writeFileSync(join(dir, 'mine.md'), 'Only my rules.\n');
    writeFileSync(join(dir, 'old.md'), 'Older rules.\n');
    writeFileSync(join(dir, 'config.toml'), `model_instructions_file = "${join(dir, 'mine.md')}"\nexperimental_instructions_file = "${join(dir, 'old.md')}"\n`);
    expect(loadConfig({ codexHome: dir, env }).base_instructions).toBe('Only my rules.\n');
    writeFileSync(join(dir, 'config.toml'), `experimental_instructions_file = "${join(dir, 'old.md')}"\n`);
    expect(loadConfig({ codexHome: dir, env }).base_instructions).toBe('Older rules.\n');
    writeFileSync(join(dir, 'config.toml'), `model_instructions_file = "${join(dir, 'missing.md')}"\n`);
    const err = loadError(() => loadConfig({ codexHome: dir, env }));
    expect([err.code, err.key, err.message]).toEqual(['unreadable', 'model_instructions_file', `model_instructions_file ${join(dir, 'missing.md')} does not exist.`]);
  });

  it('reads [features] with the profile and --enable/--disable on top', () => {
    const dir = home('profile = "p"\n[features]\nunified_exec = false\napply_patch_freeform = true\n[profiles.p.features]\nshell_tool = true\n');
    expect(loadConfig({ codexHome: dir, env }).features).toEqual({ unified_exec: false, apply_patch_freeform: true, shell_tool: true });
    expect(loadConfig({ codexHome: dir, env, cli: { enable: ['unified_exec'], disable: ['apply_patch_freeform'] } }).features).toEqual({ unified_exec: true, apply_patch_freeform: false, shell_tool: true });
    expect(loadError(() => loadConfig({ codexHome: dir, env, cli: { enable: ['bogus'] } })).code).toBe('invalid_value');
  });
});

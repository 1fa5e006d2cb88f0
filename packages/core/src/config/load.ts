// Builds the effective Config: config.toml (real TOML parser) + `-c` overrides + profile +
// CLI flags, in Codex's precedence (CLI > profile > config.toml > defaults). Unknown keys are
// kept in `toml` and ignored; a known key with a wrong type names file, key and line.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ConfigError } from './errors.js';
import { findCodexHome } from './codex-home.js';
import { applyOverrides, parseConfigOverride } from './overrides.js';
import { readTomlFile } from './toml-source.js';
import { validateConfigDoc } from './validate.js';
import { loadProfileFile, mergeTables, unknownProfileError } from './profiles.js';
import { unknownKeyWarnings } from './unknown-keys.js';
import { resolveFeatures, type FeatureSettings } from './features.js';
import { builtInModelProviders, type ModelProviderInfo, type WireApi } from './providers.js';
import type { AskForApproval, SandboxMode, SandboxPolicy, ShellEnvironmentPolicy } from './types.js';
import { isTrustedProject } from '../project/trusted-projects.js';

/** Values set by explicit CLI flags; they win over everything else. */
export interface ConfigCliOverrides {
  model?: string;
  model_provider?: string;
  profile?: string;
  approval_policy?: AskForApproval;
  sandbox_mode?: SandboxMode;
  cwd?: string;
  /** `--oss`: use the built-in `oss` provider. */
  oss?: boolean;
  /** `--add-dir`: extra writable roots for workspace-write. */
  additional_writable_roots?: string[];
  base_instructions?: string;
  /** `--enable NAME` / `--disable NAME` feature switches (see config/features.ts). */
  enable?: string[];
  disable?: string[];
}

/** Inputs to {@link loadConfig}. */
export interface LoadConfigOptions {
  /** Defaults to {@link findCodexHome}. */
  codexHome?: string;
  env?: NodeJS.ProcessEnv;
  /** Raw `-c key=value` strings, in order. */
  overrides?: string[];
  cli?: ConfigCliOverrides;
  /** `--ignore-user-config`: do not read `$CODEX_HOME/config.toml` (or a profile file). */
  ignoreUserConfig?: boolean;
  /** `--strict-config`: unknown keys are errors instead of warnings. */
  strict?: boolean;
}

/** The effective configuration a session runs with (config.toml's key names). */
export interface Config {
  codex_home: string;
  config_file: string;
  cwd: string;
  model: string;
  model_provider_id: string;
  model_provider: ModelProviderInfo;
  model_providers: Record<string, ModelProviderInfo>;
  profile?: string;
  approval_policy: AskForApproval;
  sandbox_mode: SandboxMode;
  sandbox_policy: SandboxPolicy;
  model_reasoning_effort?: string;
  model_reasoning_summary: string;
  model_verbosity?: string;
  model_context_window?: number;
  model_max_output_tokens?: number;
  model_auto_compact_token_limit?: number;
  instructions?: string;
  base_instructions?: string;
  project_doc_max_bytes: number;
  project_doc_fallback_filenames: string[];
  shell_environment_policy: ShellEnvironmentPolicy;
  history_persistence: 'save-all' | 'none';
  notify?: string[];
  hide_agent_reasoning: boolean;
  show_raw_agent_reasoning: boolean;
  tools_web_search: boolean;
  /**
   * The hosted `web_search` tool: top-level `web_search = "disabled" | "cached" | "live"`
   * (what the current SDK passes), else the legacy `tools.web_search` /
   * `features.web_search_request` booleans (`live`) and `features.web_search_cached`.
   */
  web_search_mode: WebSearchMode;
  tools_view_image: boolean;
  file_opener: string;
  /** Explicit `[features]` / `--enable` / `--disable` settings (defaults are per model family). */
  features: FeatureSettings;
  /** The merged TOML document, unknown keys included, for readers of extension tables. */
  toml: Record<string, unknown>;
  /** Problems worth telling the user that did not stop loading (unknown keys), one line each. */
  warnings: string[];
}

/** `web_search` in config.toml. */
export type WebSearchMode = 'disabled' | 'cached' | 'live';

/** Default model when none is configured (Codex's default). */
export const DEFAULT_MODEL = 'gpt-5-codex';
/** Default model for the `oss` provider. */
export const DEFAULT_OSS_MODEL = 'gpt-oss:20b';
/** Default budget for AGENTS.md project docs. */
export const DEFAULT_PROJECT_DOC_MAX_BYTES = 32 * 1024;

type Table = Record<string, unknown>;
const isTable = (v: unknown): v is Table => v !== null && typeof v === 'object' && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);
const bool = (v: unknown): boolean | undefined => (typeof v === 'boolean' ? v : undefined);

/** Load the effective configuration. Throws {@link ConfigError} on bad input. */
export function loadConfig(opts: LoadConfigOptions = {}): Config {
  const env = opts.env ?? process.env;
  const codexHome = opts.codexHome ?? findCodexHome(env);
  const configFile = join(codexHome, 'config.toml');
  const strict = opts.strict === true;
  const source = opts.ignoreUserConfig ? undefined : readTomlFile(configFile);
  let fileDoc: Table = source?.doc ?? {};
  if (source) validateConfigDoc(fileDoc, { file: configFile, text: source.text });
  const warnings = source ? unknownKeyWarnings(fileDoc, { file: configFile, text: source.text }, strict) : [];

  const cli = opts.cli ?? {};
  // `--profile NAME` with $CODEX_HOME/NAME.config.toml: that file is layered over config.toml.
  const profileLayer = cli.profile !== undefined && !opts.ignoreUserConfig ? loadProfileFile(codexHome, cli.profile, fileDoc, configFile) : undefined;
  if (profileLayer) {
    warnings.push(...unknownKeyWarnings(profileLayer.doc, { file: profileLayer.file, text: profileLayer.text }, strict));
    fileDoc = mergeTables(structuredClone(fileDoc), profileLayer.doc);
  }

  const overrides = (opts.overrides ?? []).map(parseConfigOverride);
  const doc = applyOverrides(structuredClone(fileDoc), overrides);
  if (overrides.length > 0) {
    validateConfigDoc(doc, { overrides: overrides.map((o) => o.source) });
    const overridden: Table = {};
    for (const o of overrides) overridden[o.path[0]!] = true;
    warnings.push(...unknownKeyWarnings(overridden, { overrides: true }, strict));
  }

  const profileName = profileLayer ? undefined : (cli.profile ?? str(doc.profile));
  let profile: Table = {};
  if (profileName !== undefined) {
    const profiles = isTable(doc.profiles) ? doc.profiles : {};
    const p = profiles[profileName];
    if (!isTable(p)) throw unknownProfileError(profileName, doc, codexHome, configFile);
    profile = p;
  }
  const pick = (key: string): unknown => profile[key] ?? doc[key];

  const providers = resolveProviders(doc, env, configFile);
  const providerId = cli.oss ? 'oss' : (cli.model_provider ?? str(pick('model_provider')) ?? 'openai');
  const provider = providers[providerId];
  if (!provider) {
    throw new ConfigError(
      'unknown_provider',
      `model_provider \`${providerId}\` is not defined: add a [model_providers.${providerId}] table to ${configFile} ` +
        `(known: ${Object.keys(providers).join(', ')})`,
      { file: configFile, key: 'model_provider' },
    );
  }

  const cwd = resolve(cli.cwd ?? process.cwd());
  const sandboxMode = resolveSandboxMode(cli.sandbox_mode, profile, doc, cwd);
  const sww = isTable(doc.sandbox_workspace_write) ? doc.sandbox_workspace_write : {};
  const sandboxPolicy = sandboxPolicyFor(sandboxMode, sww, cli.additional_writable_roots ?? []);
  const tools = isTable(doc.tools) ? doc.tools : {};
  const history = isTable(doc.history) ? doc.history : {};
  const sep = isTable(doc.shell_environment_policy) ? doc.shell_environment_policy : {};
  const webSearchMode = resolveWebSearchMode(pick, tools, isTable(doc.features) ? doc.features : {}, configFile);

  return {
    codex_home: codexHome,
    config_file: configFile,
    cwd,
    model: cli.model ?? str(pick('model')) ?? (providerId === 'oss' ? DEFAULT_OSS_MODEL : DEFAULT_MODEL),
    model_provider_id: providerId,
    model_provider: provider,
    model_providers: providers,
    ...((profileName ?? (profileLayer ? cli.profile : undefined)) !== undefined ? { profile: profileName ?? cli.profile } : {}),
    approval_policy: cli.approval_policy ?? (str(pick('approval_policy')) as AskForApproval | undefined) ?? 'on-request',
    sandbox_mode: sandboxMode,
    sandbox_policy: sandboxPolicy,
    model_reasoning_effort: str(pick('model_reasoning_effort')),
    model_reasoning_summary: str(pick('model_reasoning_summary')) ?? 'auto',
    model_verbosity: str(pick('model_verbosity')),
    model_context_window: num(doc.model_context_window),
    model_max_output_tokens: num(doc.model_max_output_tokens),
    model_auto_compact_token_limit: num(doc.model_auto_compact_token_limit),
    instructions: str(doc.instructions),
    base_instructions: cli.base_instructions ?? instructionsFromFile(pick, cwd),
    project_doc_max_bytes: num(doc.project_doc_max_bytes) ?? DEFAULT_PROJECT_DOC_MAX_BYTES,
    project_doc_fallback_filenames: (doc.project_doc_fallback_filenames as string[] | undefined) ?? [],
    shell_environment_policy: {
      inherit: (str(sep.inherit) as ShellEnvironmentPolicy['inherit'] | undefined) ?? 'all',
      ignore_default_excludes: bool(sep.ignore_default_excludes) ?? false,
      exclude: (sep.exclude as string[] | undefined) ?? [],
      set: (sep.set as Record<string, string> | undefined) ?? {},
      include_only: (sep.include_only as string[] | undefined) ?? [],
    },
    history_persistence: str(history.persistence) === 'none' ? 'none' : 'save-all',
    notify: doc.notify as string[] | undefined,
    hide_agent_reasoning: bool(doc.hide_agent_reasoning) ?? false,
    show_raw_agent_reasoning: bool(doc.show_raw_agent_reasoning) ?? false,
    tools_web_search: webSearchMode !== 'disabled',
    web_search_mode: webSearchMode,
    tools_view_image: bool(tools.view_image) ?? bool(pick('tools_view_image')) ?? true,
    file_opener: str(doc.file_opener) ?? 'vscode',
    features: resolveFeatures({ doc, profile, ...(cli.enable ? { enable: cli.enable } : {}), ...(cli.disable ? { disable: cli.disable } : {}) }),
    toml: doc,
    warnings,
  };
}

/** `model_instructions_file` (0.169's name) or `experimental_instructions_file` replaces the base prompt. */
function instructionsFromFile(pick: (key: string) => unknown, cwd: string): string | undefined {
  const current = str(pick('model_instructions_file'));
  if (current !== undefined) return readInstructionsFile(current, cwd, 'model_instructions_file');
  return readInstructionsFile(str(pick('experimental_instructions_file')), cwd, 'experimental_instructions_file');
}

function resolveProviders(doc: Table, env: NodeJS.ProcessEnv, file: string): Record<string, ModelProviderInfo> {
  const providers = builtInModelProviders(env, str(doc.openai_base_url));
  const user = isTable(doc.model_providers) ? doc.model_providers : {};
  for (const [id, raw] of Object.entries(user)) {
    if (id in providers || !isTable(raw)) continue; // built-in ids cannot be overridden (as in Codex)
    const wire = (str(raw.wire_api) ?? 'chat') as WireApi;
    if (str(raw.name) === undefined && str(raw.base_url) === undefined) {
      throw new ConfigError('invalid_value', `${file}: [model_providers.${id}] needs at least \`base_url\` (and \`name\`).`, {
        file,
        key: `model_providers.${id}`,
      });
    }
    providers[id] = { ...(raw as object), name: str(raw.name) ?? id, wire_api: wire, requires_openai_auth: bool(raw.requires_openai_auth) ?? false } as ModelProviderInfo;
  }
  return providers;
}

const WEB_SEARCH_MODES: readonly WebSearchMode[] = ['disabled', 'cached', 'live'];

function resolveWebSearchMode(pick: (key: string) => unknown, tools: Table, features: Table, file: string): WebSearchMode {
  const explicit = pick('web_search');
  if (explicit !== undefined) {
    if (typeof explicit === 'string' && (WEB_SEARCH_MODES as readonly string[]).includes(explicit)) return explicit as WebSearchMode;
    if (typeof explicit === 'boolean') return explicit ? 'live' : 'disabled';
    throw new ConfigError('invalid_value', `web_search must be one of ${WEB_SEARCH_MODES.map((m) => `"${m}"`).join(', ')} (${file})`, { file, key: 'web_search' });
  }
  const legacy = bool(tools.web_search) ?? bool(pick('tools_web_search')) ?? bool(features.web_search_request);
  if (legacy !== undefined) return legacy ? 'live' : 'disabled';
  return bool(features.web_search_cached) === true ? 'cached' : 'disabled';
}

function resolveSandboxMode(cliMode: SandboxMode | undefined, profile: Table, doc: Table, cwd: string): SandboxMode {
  if (cliMode) return cliMode;
  const fromCfg = str(profile.sandbox_mode) ?? str(doc.sandbox_mode);
  if (fromCfg) return fromCfg as SandboxMode;
  return isTrustedProject(cwd, doc.projects) ? 'workspace-write' : 'read-only';
}

/** The SandboxPolicy a sandbox mode means, with `[sandbox_workspace_write]` applied. */
export function sandboxPolicyFor(mode: SandboxMode, sww: Table = {}, extraRoots: string[] = []): SandboxPolicy {
  switch (mode) {
    case 'read-only':
      return { mode: 'read-only' };
    case 'danger-full-access':
      return { mode: 'danger-full-access' };
    case 'workspace-write':
      return {
        mode: 'workspace-write',
        writable_roots: [...((sww.writable_roots as string[] | undefined) ?? []), ...extraRoots].map((p) => resolve(p)),
        network_access: bool(sww.network_access) ?? false,
        exclude_tmpdir_env_var: bool(sww.exclude_tmpdir_env_var) ?? false,
        exclude_slash_tmp: bool(sww.exclude_slash_tmp) ?? false,
      };
  }
}

function readInstructionsFile(path: string | undefined, cwd: string, key: string): string | undefined {
  if (path === undefined) return undefined;
  const file = resolve(cwd, path);
  if (!existsSync(file)) {
    throw new ConfigError('unreadable', `${key} ${file} does not exist.`, { file, key });
  }
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err: unknown) {
    throw new ConfigError('unreadable', `Cannot read ${file}: ${(err as Error).message}`, { file, cause: err });
  }
  return text.trim() === '' ? undefined : text;
}

// Table shapes used inside config.toml: model providers, MCP servers, shell
// environment policy, sandbox, tui, history, tools, projects, otel.
// Loose objects: unknown keys are kept; known keys with a wrong type fail.
import { z } from 'zod';
import { HistoryPersistenceSchema } from './history.js';

const stringMap = z.record(z.string(), z.string());
const count = z.number().int().nonnegative();

/** `wire_api`: which HTTP API a provider speaks (Codex defaults to `chat` when omitted at 0.47). */
export const WireApiSchema = z.enum(['responses', 'chat']);
/** A provider's wire API. */
export type WireApi = z.infer<typeof WireApiSchema>;

/** `[model_providers.<id>]` (ModelProviderInfo). */
export const ModelProviderInfoSchema = z.looseObject({
  name: z.string().optional(),
  base_url: z.string().optional(),
  env_key: z.string().optional(),
  env_key_instructions: z.string().optional(),
  experimental_bearer_token: z.string().optional(),
  wire_api: WireApiSchema.optional(),
  query_params: stringMap.optional(),
  http_headers: stringMap.optional(),
  env_http_headers: stringMap.optional(),
  request_max_retries: count.optional(),
  stream_max_retries: count.optional(),
  stream_idle_timeout_ms: count.optional(),
  websocket_connect_timeout_ms: count.optional(),
  requires_openai_auth: z.boolean().optional(),
  supports_websockets: z.boolean().optional(),
});
/** A model provider entry. */
export type ModelProviderInfo = z.infer<typeof ModelProviderInfoSchema>;

/** `default_tools_approval_mode` / `tools.<name>.approval_mode`: when an MCP tool call asks first. */
export const McpToolApprovalModeSchema = z.enum(['auto', 'prompt', 'writes', 'approve']);
/** An MCP tool approval mode. */
export type McpToolApprovalMode = z.infer<typeof McpToolApprovalModeSchema>;

const STDIO_ONLY = ['command', 'args', 'env', 'env_vars', 'cwd'] as const;
const HTTP_ONLY = ['url', 'bearer_token_env_var', 'http_headers', 'env_http_headers'] as const;

/**
 * `[mcp_servers.<name>]`: stdio (`command`, `args`, `env`, `env_vars`, `cwd`)
 * or streamable HTTP (`url`, `bearer_token_env_var`, `http_headers`,
 * `env_http_headers`). Exactly one of `command`/`url`; mixing transports and a
 * literal `bearer_token` are rejected as Codex does.
 */
export const McpServerConfigSchema = z
  .looseObject({
    command: z.string().optional(),
    args: z.array(z.string()).optional(),
    env: stringMap.optional(),
    env_vars: z.array(z.string()).optional(),
    cwd: z.string().optional(),
    url: z.string().optional(),
    bearer_token_env_var: z.string().optional(),
    http_headers: stringMap.optional(),
    env_http_headers: stringMap.optional(),
    enabled: z.boolean().optional(),
    required: z.boolean().optional(),
    default_tools_approval_mode: McpToolApprovalModeSchema.optional(),
    tools: z.record(z.string(), z.looseObject({ approval_mode: McpToolApprovalModeSchema.optional() })).optional(),
    startup_timeout_sec: z.number().nonnegative().optional(),
    startup_timeout_ms: count.optional(),
    tool_timeout_sec: z.number().nonnegative().optional(),
    enabled_tools: z.array(z.string()).optional(),
    disabled_tools: z.array(z.string()).optional(),
  })
  .superRefine((server, ctx) => {
    const has = (key: string) => (server as Record<string, unknown>)[key] !== undefined;
    if (has('bearer_token')) {
      ctx.addIssue({
        code: 'custom',
        path: ['bearer_token'],
        message: 'bearer_token is not supported; use bearer_token_env_var',
      });
    }
    if (has('command') === has('url')) {
      ctx.addIssue({ code: 'custom', path: [], message: 'exactly one of `command` (stdio) or `url` (http) is required' });
      return;
    }
    const [transport, foreign] = has('command') ? (['stdio', HTTP_ONLY] as const) : (['streamable_http', STDIO_ONLY] as const);
    for (const key of foreign) {
      if (has(key)) ctx.addIssue({ code: 'custom', path: [key], message: `${key} is not supported for ${transport}` });
    }
  });
/** An MCP server entry. */
export type McpServerConfig = z.infer<typeof McpServerConfigSchema>;

/** `[shell_environment_policy]`. */
export const ShellEnvironmentPolicySchema = z.looseObject({
  inherit: z.enum(['all', 'core', 'none']).optional(),
  ignore_default_excludes: z.boolean().optional(),
  exclude: z.array(z.string()).optional(),
  set: stringMap.optional(),
  include_only: z.array(z.string()).optional(),
  experimental_use_profile: z.boolean().optional(),
});
/** Environment policy for spawned commands. */
export type ShellEnvironmentPolicy = z.infer<typeof ShellEnvironmentPolicySchema>;

/** `[sandbox_workspace_write]`. */
export const SandboxWorkspaceWriteSchema = z.looseObject({
  writable_roots: z.array(z.string()).optional(),
  network_access: z.boolean().optional(),
  exclude_tmpdir_env_var: z.boolean().optional(),
  exclude_slash_tmp: z.boolean().optional(),
});
/** Workspace-write sandbox settings. */
export type SandboxWorkspaceWrite = z.infer<typeof SandboxWorkspaceWriteSchema>;

/** One `[sandbox.limits]` value: a whole number from 1 to 2^53 (setrlimit, soft = hard). */
const sandboxLimit = z.number().int('must be a whole number').min(1, 'must be at least 1').max(2 ** 53, 'must be at most 2^53');

/** `[sandbox.limits]` (codex-ts extension): resource limits of every sandboxed command. Unknown keys are errors. */
export const SandboxLimitsSchema = z.strictObject({
  memory_bytes: sandboxLimit.optional(),
  cpu_seconds: sandboxLimit.optional(),
  processes: sandboxLimit.optional(),
  file_size_bytes: sandboxLimit.optional(),
  open_files: sandboxLimit.optional(),
});
/** Resource limits of sandboxed commands. */
export type SandboxLimits = z.infer<typeof SandboxLimitsSchema>;

/** `[sandbox]` (codex-ts extension): the Linux backend and resource limits. */
export const SandboxTableSchema = z.looseObject({
  backend: z.enum(['auto', 'landlock', 'bwrap', 'none']).optional(),
  limits: SandboxLimitsSchema.optional(),
});
/** `[sandbox]` settings. */
export type SandboxTable = z.infer<typeof SandboxTableSchema>;

/** `[history]`. */
export const HistoryConfigSchema = z.looseObject({
  persistence: HistoryPersistenceSchema.optional(),
  max_bytes: count.optional(),
});
/** History settings. */
export type HistoryConfig = z.infer<typeof HistoryConfigSchema>;

/** `[tui]`: `notifications` is a bool or a list of notification kinds. */
export const TuiConfigSchema = z.looseObject({
  notifications: z.union([z.boolean(), z.array(z.string())]).optional(),
});
/** TUI settings. */
export type TuiConfig = z.infer<typeof TuiConfigSchema>;

/** `[tools]`. */
export const ToolsConfigSchema = z.looseObject({
  web_search: z.boolean().optional(),
  view_image: z.boolean().optional(),
});
/** Tool toggles. */
export type ToolsConfig = z.infer<typeof ToolsConfigSchema>;

/** `[features]`: feature name → enabled. */
export const FeaturesConfigSchema = z.record(z.string(), z.boolean());
/** Feature flags. */
export type FeaturesConfig = z.infer<typeof FeaturesConfigSchema>;

/** `[projects."<abs path>"]`. */
export const ProjectConfigSchema = z.looseObject({ trust_level: z.enum(['trusted', 'untrusted']).optional() });
/** Per-project settings. */
export type ProjectConfig = z.infer<typeof ProjectConfigSchema>;

/** `[otel]`. */
export const OtelConfigSchema = z.looseObject({
  environment: z.string().optional(),
  exporter: z.unknown().optional(),
  log_user_prompt: z.boolean().optional(),
});
/** OpenTelemetry settings. */
export type OtelConfig = z.infer<typeof OtelConfigSchema>;

/** `file_opener`: how file links are rendered. */
export const FileOpenerSchema = z.enum(['vscode', 'vscode-insiders', 'windsurf', 'cursor', 'none']);
/** File opener. */
export type FileOpener = z.infer<typeof FileOpenerSchema>;

// config.toml ($CODEX_HOME/config.toml, `ConfigToml` in core/src/config.rs)
// after TOML parsing. Every key is optional; unknown keys are kept (loose) so
// an existing Codex config loads unchanged; a known key with the wrong type
// fails with its path.
import { z } from 'zod';
import {
  FeaturesConfigSchema,
  FileOpenerSchema,
  HistoryConfigSchema,
  McpServerConfigSchema,
  ModelProviderInfoSchema,
  OtelConfigSchema,
  ProjectConfigSchema,
  SandboxTableSchema,
  SandboxWorkspaceWriteSchema,
  ShellEnvironmentPolicySchema,
  ToolsConfigSchema,
  TuiConfigSchema,
} from './config-tables.js';
import { FleetConfigSchema } from './config-fleet.js';
import {
  AskForApprovalWireSchema,
  ReasoningEffortSchema,
  ReasoningSummaryFormatSchema,
  ReasoningSummarySchema,
  SandboxModeSchema,
  VerbositySchema,
} from './policy.js';

const count = z.number().int().nonnegative();

/** Keys a profile and the top level share. */
const profileFields = {
  model: z.string().optional(),
  model_provider: z.string().optional(),
  approval_policy: AskForApprovalWireSchema.optional(),
  sandbox_mode: SandboxModeSchema.optional(),
  model_reasoning_effort: ReasoningEffortSchema.optional(),
  model_reasoning_summary: ReasoningSummarySchema.optional(),
  model_verbosity: VerbositySchema.optional(),
  chatgpt_base_url: z.string().optional(),
  experimental_instructions_file: z.string().optional(),
  model_instructions_file: z.string().optional(),
  experimental_use_exec_command_tool: z.boolean().optional(),
  experimental_use_unified_exec_tool: z.boolean().optional(),
  experimental_use_rmcp_client: z.boolean().optional(),
  experimental_use_freeform_apply_patch: z.boolean().optional(),
  features: FeaturesConfigSchema.optional(),
};

/** Keys only a profile has (the top level uses `[tools]` and CLI flags instead). */
const profileOnlyFields = {
  include_plan_tool: z.boolean().optional(),
  include_apply_patch_tool: z.boolean().optional(),
  include_view_image_tool: z.boolean().optional(),
  tools_web_search: z.boolean().optional(),
  tools_view_image: z.boolean().optional(),
};

/** `[profiles.<name>]`. (Codex 0.47 ignores `sandbox_mode` here, TODO #3034 upstream; it is still type-checked.) */
export const ConfigProfileSchema = z.looseObject({ ...profileFields, ...profileOnlyFields });
/** A config profile. */
export type ConfigProfile = z.infer<typeof ConfigProfileSchema>;

/** The whole of config.toml. */
export const ConfigTomlSchema = z.looseObject({
  ...profileFields,
  review_model: z.string().optional(),
  model_context_window: count.optional(),
  model_max_output_tokens: count.optional(),
  model_auto_compact_token_limit: z.number().int().optional(),
  sandbox_workspace_write: SandboxWorkspaceWriteSchema.optional(),
  sandbox: SandboxTableSchema.optional(),
  fleet: FleetConfigSchema.optional(),
  shell_environment_policy: ShellEnvironmentPolicySchema.optional(),
  notify: z.array(z.string()).optional(),
  instructions: z.string().optional(),
  mcp_servers: z.record(z.string().regex(/^[a-zA-Z0-9_-]+$/), McpServerConfigSchema).optional(),
  mcp_oauth_credentials_store: z.enum(['auto', 'keyring', 'file']).optional(),
  cli_auth_credentials_store: z.enum(['file', 'keyring', 'auto']).optional(),
  forced_login_method: z.enum(['chatgpt', 'api']).optional(),
  forced_chatgpt_workspace_id: z.union([z.string(), z.array(z.string())]).optional(),
  model_providers: z.record(z.string(), ModelProviderInfoSchema).optional(),
  project_doc_max_bytes: count.optional(),
  project_doc_fallback_filenames: z.array(z.string()).optional(),
  profile: z.string().optional(),
  profiles: z.record(z.string(), ConfigProfileSchema).optional(),
  history: HistoryConfigSchema.optional(),
  file_opener: FileOpenerSchema.optional(),
  tui: TuiConfigSchema.optional(),
  hide_agent_reasoning: z.boolean().optional(),
  show_raw_agent_reasoning: z.boolean().optional(),
  model_supports_reasoning_summaries: z.boolean().optional(),
  model_reasoning_summary_format: ReasoningSummaryFormatSchema.optional(),
  projects: z.record(z.string(), ProjectConfigSchema).optional(),
  tools: ToolsConfigSchema.optional(),
  disable_paste_burst: z.boolean().optional(),
  otel: OtelConfigSchema.optional(),
  windows_wsl_setup_acknowledged: z.boolean().optional(),
  notice: z.looseObject({}).optional(),
  tool_output_token_limit: count.optional(),
});
/** The whole of config.toml. */
export type ConfigToml = z.infer<typeof ConfigTomlSchema>;

/** Every top-level key ConfigTomlSchema knows (others are kept but not interpreted). */
export const CONFIG_TOML_KEYS: readonly string[] = Object.keys(ConfigTomlSchema.shape);

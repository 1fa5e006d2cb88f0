// Unknown top-level config keys, as Codex reports them: a key neither Codex 0.169's
// config.toml nor codex-ts knows is named (with file and line) in a warning, or is an
// error under `--strict-config` ("unknown configuration field `KEY`").
import { CONFIG_TOML_KEYS } from '@codex-ts/protocol';
import { ConfigError } from './errors.js';
import { findKeyLine } from './toml-source.js';

/** Top-level keys of Codex 0.169's `ConfigToml` (codex-rs/config/src/config_toml.rs). */
const CODEX_KEYS = [
  'model', 'review_model', 'model_provider', 'model_context_window', 'model_auto_compact_token_limit',
  'model_auto_compact_token_limit_scope', 'approval_policy', 'approvals_reviewer', 'auto_review',
  'shell_environment_policy', 'allow_login_shell', 'sandbox_mode', 'sandbox_workspace_write',
  'default_permissions', 'permissions', 'notify', 'instructions', 'developer_instructions',
  'include_permissions_instructions', 'include_apps_instructions', 'include_collaboration_mode_instructions',
  'include_environment_context', 'model_instructions_file', 'compact_prompt', 'forced_chatgpt_workspace_id',
  'forced_login_method', 'forced_chatgpt_workspace_id', 'cli_auth_credentials_store', 'mcp_servers', 'mcp_oauth_credentials_store',
  'mcp_oauth_callback_port', 'mcp_oauth_callback_url', 'model_providers', 'project_doc_max_bytes',
  'project_doc_fallback_filenames', 'tool_output_token_limit', 'background_terminal_max_timeout',
  'js_repl_node_path', 'js_repl_node_module_dirs', 'profile', 'profiles', 'history', 'sqlite_home', 'sqlite',
  'log_dir', 'debug', 'file_opener', 'tui', 'hide_agent_reasoning', 'show_raw_agent_reasoning',
  'model_reasoning_effort', 'plan_mode_reasoning_effort', 'model_reasoning_summary', 'model_verbosity',
  'model_supports_reasoning_summaries', 'model_catalog_json', 'personality', 'service_tier', 'chatgpt_base_url',
  'apps_mcp_product_sku', 'openai_base_url', 'audio', 'experimental_realtime_ws_base_url',
  'experimental_realtime_ws_model', 'realtime', 'experimental_realtime_ws_backend_prompt',
  'experimental_realtime_ws_startup_context', 'experimental_realtime_start_instructions',
  'experimental_realtime_webrtc_call_base_url', 'experimental_thread_config_endpoint',
  'experimental_thread_store_endpoint', 'experimental_thread_store', 'projects', 'web_search', 'tools',
  'tool_suggest', 'agents', 'memories', 'skills', 'hooks', 'plugins', 'marketplaces', 'features',
  'suppress_unstable_features_warning', 'ghost_snapshot', 'project_root_markers', 'check_for_update_on_startup',
  'disable_paste_burst', 'analytics', 'feedback', 'apps', 'desktop', 'otel', 'windows', 'notice',
  'experimental_compact_prompt_file', 'experimental_use_unified_exec_tool', 'oss_provider',
  // Older Codex releases' keys that existing configs still carry.
  'experimental_instructions_file', 'experimental_use_exec_command_tool', 'experimental_use_rmcp_client',
  'experimental_use_freeform_apply_patch', 'model_max_output_tokens', 'model_reasoning_summary_format',
  'windows_wsl_setup_acknowledged', 'tools_web_search', 'tools_view_image', 'include_plan_tool',
  'include_apply_patch_tool', 'include_view_image_tool', 'preferred_auth_method', 'responses_originator_header_internal_override',
];

/** Keys only codex-ts reads (its extensions). Add a key here when a package starts reading it. */
const CODEX_TS_KEYS = ['sandbox'];

const KNOWN = new Set([...CODEX_KEYS, ...CODEX_TS_KEYS, ...CONFIG_TOML_KEYS]);

/** Where a document came from: a file (with its text, for line numbers) or `-c` overrides. */
export type KeySource = { file: string; text: string } | { overrides: true };

/**
 * Warnings for the unknown top-level keys of `doc`, one per key; with `strict`, the first
 * unknown key throws a ConfigError instead.
 */
export function unknownKeyWarnings(doc: Record<string, unknown>, source: KeySource, strict: boolean): string[] {
  const warnings: string[] = [];
  for (const key of Object.keys(doc)) {
    if (KNOWN.has(key)) continue;
    let where: string;
    if ('file' in source) {
      const line = findKeyLine(source.text, [key]);
      where = line === undefined ? source.file : `${source.file}:${line}`;
    } else where = '-c/--config override';
    if (strict) {
      throw new ConfigError('invalid_value', `unknown configuration field \`${key}\` in ${where}`, {
        key,
        ...('file' in source ? { file: source.file } : {}),
      });
    }
    warnings.push(`warning: unknown configuration field \`${key}\` in ${where} (ignored; --strict-config makes this an error)`);
  }
  return warnings;
}

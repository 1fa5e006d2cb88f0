// `[mcp_servers.<name>]` tables → resolved server settings with Codex's defaults applied:
// start-up timeout 30 s (only `required` servers block on it), tool-call timeout 60 s (ours;
// Codex waits 120-300 s), enabled by default, approval mode `auto`. Parsing goes through the
// protocol's zod schema; an error names the exact key (`mcp_servers.docs.url: ...`).
import { McpServerConfigSchema, type McpServerConfig, type McpToolApprovalMode } from '@codex-ts/protocol';
import { McpClientError } from './errors.js';

/** Default time a server has to answer `initialize` and `tools/list`. */
export const DEFAULT_STARTUP_TIMEOUT_MS = 30_000;
/** Default time one `tools/call` may take before it is cancelled. */
export const DEFAULT_TOOL_TIMEOUT_MS = 60_000;
const NAME_RE = /^[a-zA-Z0-9_-]+$/;

/** How to reach a server. */
export type McpTransportConfig =
  | { type: 'stdio'; command: string; args: string[]; env: Record<string, string>; env_vars: string[]; cwd?: string }
  | {
      type: 'streamable_http';
      url: string;
      bearer_token_env_var?: string;
      http_headers: Record<string, string>;
      env_http_headers: Record<string, string>;
    };

/** One server with defaults applied. */
export interface ResolvedMcpServer {
  name: string;
  transport: McpTransportConfig;
  enabled: boolean;
  required: boolean;
  startupTimeoutMs: number;
  toolTimeoutMs: number;
  enabledTools?: string[];
  disabledTools: string[];
  approvalMode: McpToolApprovalMode;
  toolApprovalModes: Record<string, McpToolApprovalMode>;
}

function secToMs(v: number | undefined): number | undefined {
  return v === undefined ? undefined : Math.round(v * 1000);
}

/** Resolve one validated table. */
export function resolveServer(name: string, cfg: McpServerConfig): ResolvedMcpServer {
  const transport: McpTransportConfig =
    cfg.command !== undefined
      ? {
          type: 'stdio',
          command: cfg.command,
          args: cfg.args ?? [],
          env: cfg.env ?? {},
          env_vars: cfg.env_vars ?? [],
          ...(cfg.cwd !== undefined ? { cwd: cfg.cwd } : {}),
        }
      : {
          type: 'streamable_http',
          url: cfg.url ?? '',
          ...(cfg.bearer_token_env_var !== undefined ? { bearer_token_env_var: cfg.bearer_token_env_var } : {}),
          http_headers: cfg.http_headers ?? {},
          env_http_headers: cfg.env_http_headers ?? {},
        };
  const toolModes: Record<string, McpToolApprovalMode> = {};
  for (const [tool, t] of Object.entries(cfg.tools ?? {})) if (t.approval_mode) toolModes[tool] = t.approval_mode;
  return {
    name,
    transport,
    enabled: cfg.enabled ?? true,
    required: cfg.required ?? false,
    startupTimeoutMs: secToMs(cfg.startup_timeout_sec) ?? cfg.startup_timeout_ms ?? DEFAULT_STARTUP_TIMEOUT_MS,
    toolTimeoutMs: secToMs(cfg.tool_timeout_sec) ?? DEFAULT_TOOL_TIMEOUT_MS,
    ...(cfg.enabled_tools !== undefined ? { enabledTools: cfg.enabled_tools } : {}),
    disabledTools: cfg.disabled_tools ?? [],
    approvalMode: cfg.default_tools_approval_mode ?? 'auto',
    toolApprovalModes: toolModes,
  };
}

/**
 * Parse a `mcp_servers` table from config (untrusted). Throws {@link McpClientError}
 * (`invalid_config`) naming the key, e.g. `mcp_servers.docs.startup_timeout_sec: ...`.
 */
export function parseMcpServers(table: unknown): ResolvedMcpServer[] {
  if (table === undefined || table === null) return [];
  if (typeof table !== 'object' || Array.isArray(table)) {
    throw new McpClientError('invalid_config', 'mcp_servers: expected a table of [mcp_servers.<name>] entries');
  }
  const out: ResolvedMcpServer[] = [];
  for (const [name, raw] of Object.entries(table as Record<string, unknown>)) {
    if (!NAME_RE.test(name)) {
      throw new McpClientError('invalid_config', `mcp_servers.${name}: server names may only contain letters, digits, '_' and '-'`);
    }
    const parsed = McpServerConfigSchema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const key = ['mcp_servers', name, ...issue.path.map(String)].join('.');
      throw new McpClientError('invalid_config', `${key}: ${issue.message}`);
    }
    out.push(resolveServer(name, parsed.data));
  }
  return out;
}

/** Whether a tool passes the server's `enabled_tools` / `disabled_tools` filter. */
export function toolAllowed(server: ResolvedMcpServer, tool: string): boolean {
  if (server.enabledTools !== undefined && !server.enabledTools.includes(tool)) return false;
  return !server.disabledTools.includes(tool);
}

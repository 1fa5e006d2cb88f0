// When an MCP tool call must be approved first, as Codex 0.169 decides it: the per-tool or
// per-server approval mode (`auto` | `prompt` | `writes` | `approve`) and the tool's
// annotations (`readOnlyHint: true` runs without asking; `destructiveHint: true` always asks;
// missing hints count as "may write, may reach the world"). Full access (policy `never` with
// danger-full-access) never asks; any other `never` policy refuses a call that needs approval.
import type { ResolvedMcpServer } from '@codex-ts/mcp-client';
import type { AskForApproval, McpToolApprovalMode, SandboxPolicy } from '@codex-ts/protocol';

/** MCP tool annotations (hints) that matter here. */
export interface ToolHints {
  readOnlyHint?: boolean;
  destructiveHint?: boolean;
  openWorldHint?: boolean;
}

/** Whether the annotations alone ask for approval (mode `auto`). */
export function annotationsRequireApproval(h: ToolHints | undefined): boolean {
  if (h?.destructiveHint === true) return true;
  if (h?.readOnlyHint === true) return false;
  return (h?.destructiveHint ?? true) || (h?.openWorldHint ?? true);
}

/** Whether a call needs approval under `mode`. */
export function requiresApproval(h: ToolHints | undefined, mode: McpToolApprovalMode): boolean {
  switch (mode) {
    case 'approve':
      return false;
    case 'prompt':
      return true;
    case 'writes':
      return h?.readOnlyHint !== true;
    case 'auto':
      return annotationsRequireApproval(h);
  }
}

/** The approval mode of one tool (per-tool setting, else the server default). */
export function approvalModeFor(server: ResolvedMcpServer, tool: string): McpToolApprovalMode {
  return server.toolApprovalModes[tool] ?? server.approvalMode;
}

/** What to do before calling. */
export type McpApprovalPlan = { kind: 'run' } | { kind: 'ask'; remember: boolean } | { kind: 'refuse'; message: string };

/** Decide, given the turn's policies. */
export function planApproval(opts: {
  hints: ToolHints | undefined;
  mode: McpToolApprovalMode;
  approvalPolicy: AskForApproval;
  sandboxPolicy: SandboxPolicy;
  approvedForSession: boolean;
}): McpApprovalPlan {
  if (opts.approvalPolicy === 'never' && opts.sandboxPolicy.mode === 'danger-full-access') return { kind: 'run' };
  if (!requiresApproval(opts.hints, opts.mode)) return { kind: 'run' };
  if (opts.mode === 'auto' && opts.approvedForSession) return { kind: 'run' };
  if (opts.approvalPolicy === 'never') return { kind: 'refuse', message: 'MCP tool call requires approval, but approval policy is never' };
  return { kind: 'ask', remember: opts.mode === 'auto' };
}

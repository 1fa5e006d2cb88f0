// The MCP tools a model gets, looked up per request so a server joins as soon as it is ready:
// one function tool per server tool (Codex's qualified, sanitised name; description from the
// server; input schema sanitised; sorted by name) and, whenever MCP servers are configured, the
// three resource tools. A call emits mcp_tool_call_begin/end, goes through the approval plan,
// honours the tool timeout and the turn's abort (both send notifications/cancelled), and
// returns text, images and structured content.
import type { McpConnectionManager, McpToolInfo } from '@codex-ts/mcp-client';
import type { EventMsg, ReviewDecision } from '@codex-ts/protocol';
import type { ToolSpec } from '../client/types.js';
import { parseArguments, type ToolProvider } from '../tools/registry.js';
import type { ToolCall, ToolContext, ToolHandler, ToolResult } from '../tools/types.js';
import { approvalModeFor, planApproval } from './approval.js';
import { resourceTools } from './resource-tools.js';
import { namespaceOf, sanitizeToolName, toolSearchHandler } from './tool-search.js';
import { durationOf, mcpResultItems } from './tool-output.js';


function spec(t: McpToolInfo): ToolSpec {
  return {
    type: 'function',
    name: t.qualifiedName,
    description: t.spec.description ?? t.spec.title ?? '',
    strict: false,
    parameters: t.parameters,
  };
}

/** Session approvals are keyed per server and tool. */
function sessionKey(server: string, tool: string): string {
  return `mcp\u0000${server}\u0000${tool}`;
}

function decisionText(d: ReviewDecision): string {
  return d === 'abort' ? 'user cancelled MCP tool call' : 'user rejected MCP tool call';
}

/** Runs one MCP tool call end to end. */
async function runMcpCall(manager: McpConnectionManager, t: McpToolInfo, call: ToolCall, ctx: ToolContext): Promise<ToolResult> {
  let args: Record<string, unknown> | undefined;
  try {
    args = call.kind === 'function' && call.arguments.trim() === '' ? undefined : parseArguments<Record<string, unknown>>(call);
  } catch (err: unknown) {
    return { content: `err: ${(err as Error).message}`, success: false };
  }
  const invocation = { server: t.server, tool: t.tool, arguments: args ?? null };
  ctx.emit({ type: 'mcp_tool_call_begin', call_id: call.call_id, invocation } as EventMsg);
  const end = (started: number, result: { Ok: unknown } | { Err: string }): void =>
    ctx.emit({ type: 'mcp_tool_call_end', call_id: call.call_id, invocation, duration: durationOf(Date.now() - started), result } as EventMsg);
  const server = manager.server(t.server);
  const plan = planApproval({
    hints: t.spec.annotations,
    mode: server ? approvalModeFor(server, t.tool) : 'auto',
    approvalPolicy: ctx.turn.approval_policy,
    sandboxPolicy: ctx.turn.sandbox_policy,
    approvedForSession: ctx.approvedForSession.has(sessionKey(t.server, t.tool)),
  });
  const t0 = Date.now();
  if (plan.kind === 'refuse') {
    end(t0, { Err: plan.message });
    return { content: plan.message, success: false };
  }
  if (plan.kind === 'ask') {
    const requestId = `mcp_tool_call_approval_${call.call_id}`;
    const decision = await ctx.requestApproval({
      type: 'elicitation_request',
      turn_id: ctx.sub_id,
      server_name: t.server,
      id: requestId,
      request: {
        mode: 'form',
        _meta: { codex_approval_kind: 'mcp_tool_call', ...(plan.remember ? { persist: 'session' } : {}), ...(t.spec.title ? { tool_title: t.spec.title } : {}), ...(t.spec.description ? { tool_description: t.spec.description } : {}), ...(args ? { tool_params: args } : {}) },
        message: `Allow the ${t.server} MCP server to run tool "${t.tool}"?`,
        requested_schema: { type: 'object', properties: {} },
      },
    } as EventMsg);
    ctx.audit?.({ kind: 'mcp_tool', server: t.server, tool: t.tool, decision, by: 'user' });
    if (decision === 'approved_for_session' && plan.remember) ctx.approvedForSession.add(sessionKey(t.server, t.tool));
    if (decision !== 'approved' && decision !== 'approved_for_session') {
      const msg = decisionText(decision);
      end(t0, { Err: msg });
      return { content: msg, success: false };
    }
  }
  const started = Date.now();
  try {
    const result = await manager.callTool(t.server, t.tool, args, { signal: ctx.signal });
    end(started, { Ok: result });
    const items = mcpResultItems(result, Date.now() - started);
    return { content: items.map((i) => (i.type === 'input_text' ? i.text : '')).join('\n'), contentItems: items, success: result.isError !== true };
  } catch (err: unknown) {
    const msg = `tool call error: ${(err as Error).message}`;
    end(started, { Err: msg });
    if (ctx.signal.aborted) throw err;
    return { content: msg, success: false };
  }
}

/** Where the provider finds the session's manager (created when the servers start). */
export interface McpHost {
  /** The manager once started; undefined before. */
  current(): McpConnectionManager | undefined;
  /** Start (if needed) and return the manager. */
  ensureStarted(): Promise<McpConnectionManager>;
  /** Deferred sources for tool_search: each configured server's namespace and summary. */
  sources(): { name: string; description?: string }[];
}

/** The session's MCP tools as a {@link ToolProvider}. */
export class McpToolProvider implements ToolProvider {
  private cache: { manager: McpConnectionManager; byName: Map<string, McpToolInfo>; byNamespace: Map<string, McpToolInfo>; specs: ToolSpec[] } | undefined;
  private readonly resources: ToolHandler[];
  private readonly search: ToolHandler | undefined;

  /** `deferred`: MCP tools are found through `tool_search` and called by namespace (no flat specs). */
  constructor(
    private readonly host: McpHost,
    private readonly mode: 'flat' | 'deferred' = 'flat',
  ) {
    this.resources = resourceTools(() => host.ensureStarted());
    if (mode === 'deferred') this.search = toolSearchHandler(() => host.ensureStarted(), () => host.sources());
  }

  /** Drop the cached tool list (a server became ready, changed its tools, or died). */
  invalidate(): void {
    this.cache = undefined;
  }

  private current(): NonNullable<McpToolProvider['cache']> | undefined {
    const manager = this.host.current();
    if (!manager) return undefined;
    if (!this.cache || this.cache.manager !== manager) {
      const tools = manager.tools().sort((a, b) => (a.qualifiedName < b.qualifiedName ? -1 : a.qualifiedName > b.qualifiedName ? 1 : 0));
      this.cache = {
        manager,
        byName: new Map(tools.map((t) => [t.qualifiedName, t])),
        byNamespace: new Map(tools.map((t) => [`${namespaceOf(t.server)}.${sanitizeToolName(t.tool)}`, t])),
        specs: tools.map(spec),
      };
    }
    return this.cache;
  }

  specs(): ToolSpec[] {
    if (this.search) return [...this.resources.map((r) => r.spec), this.search.spec];
    return [...this.resources.map((r) => r.spec), ...(this.current()?.specs ?? [])];
  }

  get(name: string): ToolHandler | undefined {
    const r = this.resources.find((h) => h.name === name);
    if (r) return r;
    if (this.search && name === 'tool_search') return this.search;
    const c = this.current();
    // Deferred mode accepts only namespaced calls (`mcp__srv` + `tool`, joined as `mcp__srv.tool`).
    const t = this.search ? c?.byNamespace.get(name) : c?.byName.get(name);
    if (!c || !t) return undefined;
    return { name, spec: spec(t), handle: (call, ctx) => runMcpCall(c.manager, t, call, ctx) };
  }
}

// Codex's three MCP resource tools: list_mcp_resources, list_mcp_resource_templates and
// read_mcp_resource (`{server?, cursor?}` / `{server, uri}`), answered as JSON. Each call is
// reported with mcp_tool_call_begin/end (server `codex` when no server was named).
import type { McpConnectionManager } from '@codex-ts/mcp-client';
import type { EventMsg } from '@codex-ts/protocol';
import { parseArguments } from '../tools/registry.js';
import { ToolInputError, type ToolContext, type ToolHandler, type ToolResult } from '../tools/types.js';
import { durationOf } from './tool-output.js';

type Args = { server?: unknown; cursor?: unknown; uri?: unknown };
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);

function fn(name: string, description: string, properties: Record<string, { type: 'string'; description: string }>, required?: string[]): ToolHandler['spec'] {
  return { type: 'function', name, description, strict: false, parameters: { type: 'object', properties, ...(required ? { required } : {}), additionalProperties: false } };
}

async function reported(ctx: ToolContext, callId: string, server: string, tool: string, args: unknown, run: () => Promise<unknown>): Promise<ToolResult> {
  const invocation = { server, tool, arguments: args ?? null };
  ctx.emit({ type: 'mcp_tool_call_begin', call_id: callId, invocation } as EventMsg);
  const started = Date.now();
  try {
    const payload = await run();
    const text = JSON.stringify(payload);
    ctx.emit({ type: 'mcp_tool_call_end', call_id: callId, invocation, duration: durationOf(Date.now() - started), result: { Ok: { content: [{ type: 'text', text }] } } } as EventMsg);
    return { content: text, success: true };
  } catch (err: unknown) {
    if (ctx.signal.aborted) throw err;
    const msg = `${tool === 'read_mcp_resource' ? 'resources/read' : tool === 'list_mcp_resources' ? 'resources/list' : 'resources/templates/list'} failed: ${(err as Error).message}`;
    ctx.emit({ type: 'mcp_tool_call_end', call_id: callId, invocation, duration: durationOf(Date.now() - started), result: { Err: msg } } as EventMsg);
    return { content: msg, success: false };
  }
}

/** The resource tool handlers over `manager`. */
export function resourceTools(getManager: () => Promise<McpConnectionManager>): ToolHandler[] {
  const serverProp = (what: string) => ({ type: 'string' as const, description: `Name of a configured MCP server; leave out to cover every server's ${what}.` });
  return [
    {
      name: 'list_mcp_resources',
      spec: fn(
        'list_mcp_resources',
        'List the resources MCP servers expose (files, schemas, app data a server shares as context). Use them instead of searching the web when they cover the need.',
        { server: serverProp('resources'), cursor: { type: 'string', description: 'nextCursor from an earlier list_mcp_resources call on the same server; leave out for the first page.' } },
      ),
      handle: async (call, ctx) => {
        const a = parseArguments<Args>(call);
        const server = str(a.server);
        const cursor = str(a.cursor);
        if (cursor && !server) throw new ToolInputError('cursor can only be used when a server is specified');
        return reported(ctx, call.call_id, server ?? 'codex', 'list_mcp_resources', a, async () => {
          const manager = await getManager();
          if (server) {
            const r = await manager.listResources(server, cursor, ctx.signal);
            return { server, resources: r.resources.map((x) => ({ server, ...x })), ...(r.nextCursor ? { nextCursor: r.nextCursor } : {}) };
          }
          const all = await manager.listAllResources(ctx.signal);
          return { resources: [...all.entries()].sort(([a1], [b1]) => (a1 < b1 ? -1 : 1)).flatMap(([s, rs]) => rs.map((x) => ({ server: s, ...x }))) };
        });
      },
    },
    {
      name: 'list_mcp_resource_templates',
      spec: fn(
        'list_mcp_resource_templates',
        'List the parameterised resource templates MCP servers expose (URI templates for data that takes arguments). Use them instead of searching the web when they cover the need.',
        { server: serverProp('templates'), cursor: { type: 'string', description: 'nextCursor from an earlier list_mcp_resource_templates call on the same server; leave out for the first page.' } },
      ),
      handle: async (call, ctx) => {
        const a = parseArguments<Args>(call);
        const server = str(a.server);
        const cursor = str(a.cursor);
        if (cursor && !server) throw new ToolInputError('cursor can only be used when a server is specified');
        return reported(ctx, call.call_id, server ?? 'codex', 'list_mcp_resource_templates', a, async () => {
          const manager = await getManager();
          if (server) {
            const r = await manager.listResourceTemplates(server, cursor, ctx.signal);
            return { server, resourceTemplates: r.resourceTemplates.map((x) => ({ server, ...x })), ...(r.nextCursor ? { nextCursor: r.nextCursor } : {}) };
          }
          const all = await manager.listAllResourceTemplates(ctx.signal);
          return { resourceTemplates: [...all.entries()].sort(([a1], [b1]) => (a1 < b1 ? -1 : 1)).flatMap(([s, rs]) => rs.map((x) => ({ server: s, ...x }))) };
        });
      },
    },
    {
      name: 'read_mcp_resource',
      spec: fn(
        'read_mcp_resource',
        'Read one resource from an MCP server by server name and resource URI.',
        {
          server: { type: 'string', description: "The MCP server's configured name, as in the `server` field of list_mcp_resources." },
          uri: { type: 'string', description: 'The resource URI, as returned by list_mcp_resources.' },
        },
        ['server', 'uri'],
      ),
      handle: async (call, ctx) => {
        const a = parseArguments<Args>(call);
        const server = str(a.server);
        const uri = str(a.uri);
        if (!server) throw new ToolInputError('server is required (a configured MCP server name)');
        if (!uri) throw new ToolInputError('uri is required');
        return reported(ctx, call.call_id, server, 'read_mcp_resource', a, async () => ({ server, uri, ...(await (await getManager()).readResource(server, uri, ctx.signal)) }));
      },
    },
  ];
}

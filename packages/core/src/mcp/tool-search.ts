// Deferred MCP tools, as Codex 0.169 offers them to models that support tool search (gpt-5.4
// and later, Responses wire only): MCP tools are left out of `tools[]`; a client-executed
// `tool_search` tool ranks them with Okapi BM25 (k1 1.2, b 0.75) over name, title,
// description, parameter names/descriptions and the server's instructions, and answers with
// Responses `namespace` entries (`mcp__<server>`, its tools by sanitised name, `defer_loading`).
// The model then calls `{namespace: "mcp__<server>", name: "<tool>"}`.
import type { McpConnectionManager, McpToolInfo } from '@codex-ts/mcp-client';
import type { ToolSpec } from '../client/types.js';
import { parseArguments } from '../tools/registry.js';
import { ToolInputError, type ToolHandler } from '../tools/types.js';

/** Default number of tools a search returns. */
export const TOOL_SEARCH_DEFAULT_LIMIT = 8;

/** Whether Codex 0.169 defers MCP tools for this model (supports_search_tool) on this wire. */
export function usesToolSearch(model: string, wire: string): boolean {
  return wire === 'responses' && /^gpt-(5\.(?:[4-9]|\d{2,})|[6-9])(?:[.-]|$)/.test(model);
}

/** Codex's tool-name sanitising (kept here so core never loads the MCP SDK eagerly). */
export function sanitizeToolName(name: string): string {
  const out = name.replace(/[^A-Za-z0-9_]/g, '_');
  return out === '' ? '_' : out;
}

/** The namespace of a server's tools. */
export function namespaceOf(server: string): string {
  return sanitizeToolName(`mcp__${server}`);
}

function tokens(text: string): string[] {
  return text.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
}

function documentText(t: McpToolInfo, instructions: string | undefined): string {
  const props = (t.parameters.properties ?? {}) as Record<string, { description?: unknown }>;
  const propText = Object.entries(props).map(([k, v]) => `${k} ${typeof v.description === 'string' ? v.description : ''}`);
  return [t.tool, t.tool.replace(/[-_]/g, ' '), t.spec.title ?? '', t.spec.description ?? '', ...propText, namespaceOf(t.server), instructions ?? ''].join(' ');
}

/** Okapi BM25 ranking; ties keep document order; documents scoring 0 are dropped. */
export function rankBm25<T>(query: string, docs: { item: T; text: string }[], limit: number): T[] {
  const q = [...new Set(tokens(query))];
  const toks = docs.map((d) => tokens(d.text));
  const n = docs.length;
  const avg = toks.reduce((a, t) => a + t.length, 0) / Math.max(1, n);
  const df = new Map<string, number>();
  for (const t of toks) for (const term of new Set(t)) df.set(term, (df.get(term) ?? 0) + 1);
  const k1 = 1.2;
  const b = 0.75;
  const scored = toks.map((t, i) => {
    let score = 0;
    for (const term of q) {
      const f = t.filter((x) => x === term).length;
      if (f === 0) continue;
      const d = df.get(term) ?? 0;
      const idf = Math.log(1 + (n - d + 0.5) / (d + 0.5));
      score += idf * ((f * (k1 + 1)) / (f + k1 * (1 - b + (b * t.length) / Math.max(avg, 1e-9))));
    }
    return { i, score };
  });
  return scored
    .filter((s) => s.score > 0)
    .sort((a, c) => c.score - a.score || a.i - c.i)
    .slice(0, limit)
    .map((s) => docs[s.i]!.item);
}

/** The `tool_search` spec; `sources` are the configured servers' namespaces. */
export function toolSearchSpec(sources: { name: string; description?: string }[]): ToolSpec {
  const list = sources.length === 0 ? 'None yet.' : sources.map((s) => (s.description ? `- ${s.name}: ${s.description}` : `- ${s.name}`)).join('\n');
  return {
    type: 'tool_search',
    execution: 'client',
    description: `# Tool discovery\n\nFinds deferred tools by keyword (BM25 over their names, descriptions and parameters) and makes the matches callable in the next model call.\n\nDeferred tool sources:\n${list}\nMCP server tools are not listed up front: search for them with \`tool_search\` (rather than list_mcp_resources or list_mcp_resource_templates), then call them with their namespace.`,
    parameters: {
      type: 'object',
      properties: {
        limit: { type: 'number', description: `How many tools to return at most (default ${TOOL_SEARCH_DEFAULT_LIMIT}).` },
        query: { type: 'string', description: 'Keywords describing the tools you need.' },
      },
      required: ['query'],
      additionalProperties: false,
    },
  };
}

/** The namespace entries for a set of tools (servers in first-hit order). */
export function namespaceEntries(manager: McpConnectionManager, hits: McpToolInfo[]): Record<string, unknown>[] {
  const byServer = new Map<string, McpToolInfo[]>();
  for (const t of hits) byServer.set(t.server, [...(byServer.get(t.server) ?? []), t]);
  return [...byServer.entries()].map(([server, ts]) => {
    const ns = namespaceOf(server);
    return {
      type: 'namespace',
      name: ns,
      description: manager.instructions(server)?.trim() || `Tools in the ${ns} namespace.`,
      tools: ts.map((t) => ({ type: 'function', name: sanitizeToolName(t.tool), ...(t.spec.description ? { description: t.spec.description } : {}), strict: false, defer_loading: true, parameters: t.parameters })),
    };
  });
}

/** The `tool_search` handler over the session's manager. */
export function toolSearchHandler(getManager: () => Promise<McpConnectionManager>, sources: () => { name: string; description?: string }[]): ToolHandler {
  return {
    name: 'tool_search',
    get spec() {
      return toolSearchSpec(sources());
    },
    handle: async (call) => {
      let a: { query?: unknown; limit?: unknown };
      try {
        a = parseArguments<{ query?: unknown; limit?: unknown }>(call);
        if (typeof a.query !== 'string' || a.query.trim() === '') throw new ToolInputError('query must be a non-empty string');
      } catch (err: unknown) {
        // A tool_search_call is always answered by a tool_search_output (empty on bad input).
        return { content: (err as Error).message, searchTools: [], success: false };
      }
      const limit = a.limit === undefined ? TOOL_SEARCH_DEFAULT_LIMIT : Number(a.limit);
      if (!Number.isInteger(limit) || limit <= 0) return { content: 'limit must be a positive integer', searchTools: [], success: false };
      const manager = await getManager();
      const tools = manager.tools();
      const hits = rankBm25(a.query, tools.map((t) => ({ item: t, text: documentText(t, manager.instructions(t.server)) })), limit);
      const entries = namespaceEntries(manager, hits);
      return { content: JSON.stringify(entries), searchTools: entries, success: true };
    },
  };
}

// Dispatches tool calls to handlers. Unknown tools and bad arguments become outputs the
// model reads (the turn goes on); only aborts end the turn. A handler that throws anything
// but a ToolInputError is a bug or an environment failure: it is logged with its stack, and
// the model gets one short line.
import type { ResponseItem } from '../client/types.js';
import { ToolInputError, type ToolCall, type ToolContext, type ToolHandler, type ToolResult } from './types.js';

/** Turn a model output item into a tool call, or null for non-call items. */
export function toolCallFromItem(item: ResponseItem): ToolCall | null {
  switch (item.type) {
    case 'function_call': {
      // A call into a deferred namespace (`{namespace: "mcp__srv", name: "tool"}`) is looked up as
      // `mcp__srv.tool`, a name no flat tool can have.
      const name = typeof item.namespace === 'string' && item.namespace !== '' ? `${item.namespace}.${String(item.name)}` : String(item.name);
      return { kind: 'function', name, call_id: String(item.call_id), arguments: String(item.arguments ?? '') };
    }
    case 'tool_search_call':
      return { kind: 'function', name: 'tool_search', call_id: String(item.call_id ?? item.id ?? ''), arguments: JSON.stringify(item.arguments ?? {}) };
    case 'custom_tool_call':
      return { kind: 'custom', name: String(item.name), call_id: String(item.call_id), input: String(item.input ?? '') };
    case 'local_shell_call': {
      const action = (item.action ?? {}) as { command?: string[]; timeout_ms?: number; working_directory?: string; env?: Record<string, string> };
      const callId = String(item.call_id ?? item.id ?? '');
      return { kind: 'local_shell', name: 'local_shell', call_id: callId, action: { command: action.command ?? [], timeout_ms: action.timeout_ms, working_directory: action.working_directory, env: action.env } };
    }
    default:
      return null;
  }
}

/** The history item carrying a tool's output back to the model. */
export function outputItemFor(call: ToolCall, result: ToolResult): ResponseItem {
  if (result.searchTools) return { type: 'tool_search_output', call_id: call.call_id, status: 'completed', execution: 'client', tools: result.searchTools };
  if (call.kind === 'custom') return { type: 'custom_tool_call_output', call_id: call.call_id, output: result.content };
  return { type: 'function_call_output', call_id: call.call_id, output: result.contentItems ?? result.content };
}

/** Tools that come and go while a session runs (MCP servers): looked up per request. */
export interface ToolProvider {
  specs(): ToolHandler['spec'][];
  get(name: string): ToolHandler | undefined;
}

/** A set of tools by name. */
export class ToolRegistry {
  private readonly handlers = new Map<string, ToolHandler>();
  private readonly aliases = new Map<string, string>();
  private readonly providers: ToolProvider[] = [];

  /** Add a dynamic tool source; its tools follow the static ones. */
  addProvider(p: ToolProvider): void {
    this.providers.push(p);
  }

  register(h: ToolHandler, aliases: string[] = []): void {
    this.handlers.set(h.name, h);
    for (const a of aliases) this.aliases.set(a, h.name);
  }

  get specs(): ToolHandler['spec'][] {
    return [...[...this.handlers.values()].map((h) => h.spec), ...this.providers.flatMap((p) => p.specs())];
  }

  has(name: string): boolean {
    return this.handlers.has(name) || this.aliases.has(name) || this.providers.some((p) => p.get(name) !== undefined);
  }

  private fromProviders(name: string): ToolHandler | undefined {
    for (const p of this.providers) {
      const h = p.get(name);
      if (h) return h;
    }
    return undefined;
  }

  /** Run a call; returns the output item. Rethrows only aborts. */
  async dispatch(call: ToolCall, ctx: ToolContext): Promise<{ item: ResponseItem; result: ToolResult }> {
    const name = call.kind === 'local_shell' ? 'shell' : call.name;
    const handler = this.handlers.get(name) ?? this.handlers.get(this.aliases.get(name) ?? '') ?? this.fromProviders(name);
    let result: ToolResult;
    if (!handler) {
      result = { content: `unsupported call: ${call.name}`, success: false };
    } else {
      try {
        result = await handler.handle(call, ctx);
      } catch (err: unknown) {
        if (ctx.signal.aborted) throw err;
        if (err instanceof ToolInputError) {
          result = { content: err.message, success: false };
        } else {
          ctx.log?.error({ err, tool: call.name, call_id: call.call_id }, 'tool handler threw');
          result = { content: toolFailureText(call.name, err), success: false };
        }
      }
    }
    return { item: outputItemFor(call, result), result };
  }
}

/** Longest error text the model gets for a handler failure (the log has the rest). */
export const TOOL_FAILURE_MAX_CHARS = 200;

/** The one line the model reads when a handler throws: the tool and the error's first line, bounded. */
export function toolFailureText(tool: string, err: unknown): string {
  const raw = err instanceof Error ? `${err.name === 'Error' ? '' : `${err.name}: `}${err.message}` : String(err);
  const first = raw.split('\n', 1)[0]!.trim();
  const text = first.length > TOOL_FAILURE_MAX_CHARS ? `${first.slice(0, TOOL_FAILURE_MAX_CHARS - 3)}...` : first;
  return `tool ${tool} failed: ${text || 'unknown error'}`;
}

/** Parse a function call's JSON arguments, with an error the model can act on. */
export function parseArguments<T>(call: ToolCall): T {
  if (call.kind !== 'function') throw new ToolInputError(`tool ${call.name} expects JSON arguments`);
  try {
    const v = JSON.parse(call.arguments === '' ? '{}' : call.arguments) as unknown;
    if (v === null || typeof v !== 'object' || Array.isArray(v)) throw new Error('not a JSON object');
    return v as T;
  } catch (err: unknown) {
    throw new ToolInputError(`failed to parse function arguments: ${(err as Error).message}`);
  }
}

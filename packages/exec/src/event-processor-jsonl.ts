// `codex exec --json`: the pure mapping from engine EventMsgs to Codex's ThreadEvent
// lines (exec_events.rs / event_processor_with_jsonl_output.rs), shaped as Codex 0.169
// prints them. Item ids are `item_<n>` from one per-process counter starting at 0; an
// `*_end` without its `*_begin` is ignored; key order matches Codex's serde output.
import { shlexJoin } from '@codex-ts/core';
import type { EventMsg, EventMsgOf, ExecUsage, FileChanges, ThreadEvent, ThreadItem, TokenUsage } from '@codex-ts/protocol';

type FileUpdateChange = { path: string; kind: 'add' | 'delete' | 'update' };
type TodoItem = { text: string; completed: boolean };

interface RunningCommand {
  itemId: string;
  command: string;
}
interface RunningPatch {
  itemId: string;
  changes: FileUpdateChange[];
}
interface RunningMcpCall {
  itemId: string;
  server: string;
  tool: string;
  arguments: unknown;
}

/** The `kind` Codex reports for one FileChange (externally or internally tagged). */
export function fileChangeKind(change: FileChanges[string]): FileUpdateChange['kind'] {
  if ('type' in change) return change.type;
  if ('add' in change) return 'add';
  if ('delete' in change) return 'delete';
  return 'update';
}

/** `changes` of a patch event as the `{path, kind}` list of a file_change item. */
export function fileUpdateChanges(changes: FileChanges): FileUpdateChange[] {
  return Object.entries(changes).map(([path, change]) => ({ path, kind: fileChangeKind(change) }));
}

/** `turn.completed.usage` from a TokenUsage (the session total), in Codex 0.169's key order. */
export function execUsage(total: TokenUsage | undefined): ExecUsage {
  const extra = (total ?? {}) as { cache_write_input_tokens?: number };
  return {
    input_tokens: total?.input_tokens ?? 0,
    cached_input_tokens: total?.cached_input_tokens ?? 0,
    cache_write_input_tokens: extra.cache_write_input_tokens ?? 0,
    output_tokens: total?.output_tokens ?? 0,
    reasoning_output_tokens: total?.reasoning_output_tokens ?? 0,
  };
}

/**
 * Stateful EventMsg → ThreadEvent mapper. Feed every event of the session to
 * {@link JsonlEventProcessor.collect} and print each returned event as one JSON line.
 */
export class JsonlEventProcessor {
  private nextItem = 0;
  private readonly commands = new Map<string, RunningCommand>();
  private readonly patches = new Map<string, RunningPatch>();
  private readonly mcpCalls = new Map<string, RunningMcpCall>();
  private todo: { itemId: string; items: TodoItem[] } | undefined;
  private lastTotalUsage: TokenUsage | undefined;
  private lastCriticalError: string | undefined;
  private turnOpen = false;

  /** The ThreadEvents one engine event produces (often none). */
  collect(msg: EventMsg): ThreadEvent[] {
    switch (msg.type) {
      case 'session_configured':
        return [{ type: 'thread.started', thread_id: msg.session_id }];
      case 'task_started':
        this.turnOpen = true;
        this.lastCriticalError = undefined;
        return [{ type: 'turn.started' }];
      case 'task_complete':
        return this.endTurn();
      case 'agent_message':
        return [this.completed({ id: this.itemId(), type: 'agent_message', text: msg.message })];
      case 'agent_reasoning':
        return [this.completed({ id: this.itemId(), type: 'reasoning', text: msg.text })];
      case 'exec_command_begin':
        return this.execBegin(msg);
      case 'exec_command_end':
        return this.execEnd(msg);
      case 'patch_apply_begin':
        return this.patchBegin(msg);
      case 'patch_apply_end':
        return this.patchEnd(msg);
      case 'mcp_tool_call_begin':
        return this.mcpBegin(msg);
      case 'mcp_tool_call_end':
        return this.mcpEnd(msg);
      case 'web_search_end':
        return [this.completed({ id: this.itemId(), type: 'web_search', query: msg.query })];
      case 'plan_update':
        return this.planUpdate(msg);
      case 'token_count':
        if (msg.info) this.lastTotalUsage = msg.info.total_token_usage;
        return [];
      case 'error':
        this.lastCriticalError = msg.message;
        return [{ type: 'error', message: msg.message }];
      case 'stream_error':
        return [{ type: 'error', message: msg.message }];
      case 'warning':
        return [this.completed({ id: this.itemId(), type: 'error', message: msg.message })];
      case 'mcp_startup_update':
        // Codex prints nothing for a failed optional server; we report it once, as an error item.
        return msg.status.state === 'failed' ? [this.completed({ id: this.itemId(), type: 'error', message: msg.status.error ?? `MCP server \`${msg.server}\` failed to start` })] : [];
      default:
        return [];
    }
  }

  /**
   * Events still owed when the engine's stream ends without `task_complete` (e.g. it
   * stopped after an `error`): the todo list's completion and turn.failed/completed.
   */
  finish(): ThreadEvent[] {
    return this.turnOpen ? this.endTurn() : [];
  }

  private itemId(): string {
    return `item_${this.nextItem++}`;
  }

  private completed(item: ThreadItem): ThreadEvent {
    return { type: 'item.completed', item };
  }

  private endTurn(): ThreadEvent[] {
    this.turnOpen = false;
    const out: ThreadEvent[] = [];
    if (this.todo) {
      out.push(this.completed({ id: this.todo.itemId, type: 'todo_list', items: this.todo.items }));
      this.todo = undefined;
    }
    if (this.lastCriticalError !== undefined) {
      out.push({ type: 'turn.failed', error: { message: this.lastCriticalError } });
      this.lastCriticalError = undefined;
    } else {
      out.push({ type: 'turn.completed', usage: execUsage(this.lastTotalUsage) });
    }
    return out;
  }

  private execBegin(msg: EventMsgOf<'exec_command_begin'>): ThreadEvent[] {
    const running = { itemId: this.itemId(), command: shlexJoin(msg.command) };
    this.commands.set(msg.call_id, running);
    const item = {
      id: running.itemId,
      type: 'command_execution' as const,
      command: running.command,
      aggregated_output: '',
      exit_code: null,
      status: 'in_progress' as const,
    };
    return [{ type: 'item.started', item }];
  }

  private execEnd(msg: EventMsgOf<'exec_command_end'>): ThreadEvent[] {
    const running = this.commands.get(msg.call_id);
    if (!running) return [];
    this.commands.delete(msg.call_id);
    const item = {
      id: running.itemId,
      type: 'command_execution' as const,
      command: running.command,
      aggregated_output: msg.aggregated_output,
      exit_code: msg.exit_code,
      status: msg.exit_code === 0 ? ('completed' as const) : ('failed' as const),
    };
    return [this.completed(item)];
  }

  private patchBegin(msg: EventMsgOf<'patch_apply_begin'>): ThreadEvent[] {
    const running = { itemId: this.itemId(), changes: fileUpdateChanges(msg.changes) };
    this.patches.set(msg.call_id, running);
    const item = { id: running.itemId, type: 'file_change' as const, changes: running.changes, status: 'in_progress' as const };
    return [{ type: 'item.started', item }];
  }

  private patchEnd(msg: EventMsgOf<'patch_apply_end'>): ThreadEvent[] {
    const running = this.patches.get(msg.call_id);
    if (!running) return [];
    this.patches.delete(msg.call_id);
    const status = msg.success ? ('completed' as const) : ('failed' as const);
    return [this.completed({ id: running.itemId, type: 'file_change', changes: running.changes, status })];
  }

  private mcpBegin(msg: EventMsgOf<'mcp_tool_call_begin'>): ThreadEvent[] {
    const running: RunningMcpCall = {
      itemId: this.itemId(),
      server: msg.invocation.server,
      tool: msg.invocation.tool,
      arguments: msg.invocation.arguments ?? null,
    };
    this.mcpCalls.set(msg.call_id, running);
    const item = {
      id: running.itemId,
      type: 'mcp_tool_call' as const,
      server: running.server,
      tool: running.tool,
      arguments: running.arguments,
      result: null,
      error: null,
      status: 'in_progress' as const,
    };
    return [{ type: 'item.started', item }];
  }

  private mcpEnd(msg: EventMsgOf<'mcp_tool_call_end'>): ThreadEvent[] {
    const running = this.mcpCalls.get(msg.call_id) ?? {
      itemId: this.itemId(),
      server: msg.invocation.server,
      tool: msg.invocation.tool,
      arguments: msg.invocation.arguments ?? null,
    };
    this.mcpCalls.delete(msg.call_id);
    const ok = 'Ok' in msg.result ? msg.result.Ok : undefined;
    const failed = ok === undefined || ok.isError === true;
    const item = {
      id: running.itemId,
      type: 'mcp_tool_call' as const,
      server: running.server,
      tool: running.tool,
      arguments: running.arguments,
      result: ok ? { content: ok.content, structured_content: ok.structuredContent ?? null } : null,
      error: 'Err' in msg.result ? { message: msg.result.Err } : null,
      status: failed ? ('failed' as const) : ('completed' as const),
    };
    return [this.completed(item)];
  }

  private planUpdate(msg: EventMsgOf<'plan_update'>): ThreadEvent[] {
    const items = msg.plan.map((p) => ({ text: p.step, completed: p.status === 'completed' }));
    if (this.todo) {
      this.todo.items = items;
      return [{ type: 'item.updated', item: { id: this.todo.itemId, type: 'todo_list', items } }];
    }
    this.todo = { itemId: this.itemId(), items };
    return [{ type: 'item.started', item: { id: this.todo.itemId, type: 'todo_list', items } }];
  }
}

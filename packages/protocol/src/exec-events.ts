// `codex exec --json` output (exec/src/exec_events.rs): one ThreadEvent per
// line. Accepts both rust-v0.47 fields and the current (0.169) ones, e.g.
// `exit_code: null` while running, `reasoning_output_tokens`, richer MCP items.
import { z } from 'zod';
import { openUnion } from './internal/open-union.js';

/** `turn.completed.usage`; 0.47 has the first three fields, later versions add the rest. */
export const ExecUsageSchema = z.looseObject({
  input_tokens: z.number(),
  cached_input_tokens: z.number(),
  output_tokens: z.number(),
  reasoning_output_tokens: z.number().optional(),
  cache_write_input_tokens: z.number().optional(),
});
/** Token usage of a turn. */
export type ExecUsage = z.infer<typeof ExecUsageSchema>;

/** `{message}`. */
export const ThreadErrorSchema = z.looseObject({ message: z.string() });
/** An error payload. */
export type ThreadError = z.infer<typeof ThreadErrorSchema>;

const itemBase = { id: z.string() };

/** `agent_message{text}`. */
export const AgentMessageThreadItemSchema = z.looseObject({
  ...itemBase,
  type: z.literal('agent_message'),
  text: z.string(),
});
/** `reasoning{text}`. */
export const ReasoningThreadItemSchema = z.looseObject({
  ...itemBase,
  type: z.literal('reasoning'),
  text: z.string(),
});
/** Status of a command execution item (`declined` appears in later versions). */
export const CommandExecutionStatusSchema = z.enum(['in_progress', 'completed', 'failed', 'declined']);
/** `command_execution{command, aggregated_output, exit_code?, status}`. */
export const CommandExecutionThreadItemSchema = z.looseObject({
  ...itemBase,
  type: z.literal('command_execution'),
  command: z.string(),
  aggregated_output: z.string(),
  exit_code: z.number().int().nullish(),
  status: CommandExecutionStatusSchema,
});
/** `add` | `delete` | `update`. */
export const PatchChangeKindSchema = z.enum(['add', 'delete', 'update']);
/** `{path, kind}`. */
export const FileUpdateChangeSchema = z.looseObject({ path: z.string(), kind: PatchChangeKindSchema });
/** Status of a file change item (`in_progress` appears in 0.169 on item.started). */
export const PatchApplyStatusSchema = z.enum(['in_progress', 'completed', 'failed']);
/** `file_change{changes, status}`. */
export const FileChangeThreadItemSchema = z.looseObject({
  ...itemBase,
  type: z.literal('file_change'),
  changes: z.array(FileUpdateChangeSchema),
  status: PatchApplyStatusSchema,
});
/** Status of an MCP tool call item. */
export const McpToolCallStatusSchema = z.enum(['in_progress', 'completed', 'failed']);
/** `mcp_tool_call{server, tool, status}` (+ `arguments`, `result`, `error` later). */
export const McpToolCallThreadItemSchema = z.looseObject({
  ...itemBase,
  type: z.literal('mcp_tool_call'),
  server: z.string(),
  tool: z.string(),
  arguments: z.unknown().optional(),
  result: z
    .looseObject({ content: z.array(z.unknown()), structured_content: z.unknown().optional() })
    .nullish(),
  error: ThreadErrorSchema.nullish(),
  status: McpToolCallStatusSchema,
});
/** `web_search{query}` (+ `action` later). */
export const WebSearchThreadItemSchema = z.looseObject({
  ...itemBase,
  type: z.literal('web_search'),
  query: z.string(),
  action: z.unknown().optional(),
});
/** `{text, completed}`. */
export const TodoItemSchema = z.looseObject({ text: z.string(), completed: z.boolean() });
/** `todo_list{items}`. */
export const TodoListThreadItemSchema = z.looseObject({
  ...itemBase,
  type: z.literal('todo_list'),
  items: z.array(TodoItemSchema),
});
/** `error{message}`: a non-fatal error item. */
export const ErrorThreadItemSchema = z.looseObject({
  ...itemBase,
  type: z.literal('error'),
  message: z.string(),
});

/** Every ThreadItem `type` this package models. */
export const THREAD_ITEM_TYPES = [
  'agent_message',
  'reasoning',
  'command_execution',
  'file_change',
  'mcp_tool_call',
  'web_search',
  'todo_list',
  'error',
] as const;
/** A ThreadItem `type`. */
export type ThreadItemType = (typeof THREAD_ITEM_TYPES)[number];

/** The known ThreadItem variants. */
export const KnownThreadItemSchema = z.discriminatedUnion('type', [
  AgentMessageThreadItemSchema,
  ReasoningThreadItemSchema,
  CommandExecutionThreadItemSchema,
  FileChangeThreadItemSchema,
  McpToolCallThreadItemSchema,
  WebSearchThreadItemSchema,
  TodoListThreadItemSchema,
  ErrorThreadItemSchema,
]);
/** A known ThreadItem. */
export type KnownThreadItem = z.infer<typeof KnownThreadItemSchema>;

/** A ThreadItem type not modelled here (e.g. 0.125's `collab_tool_call`); kept verbatim. */
export const OtherThreadItemSchema = z.looseObject({ ...itemBase, type: z.string() });
/** A ThreadItem type not modelled here. */
export type OtherThreadItem = z.infer<typeof OtherThreadItemSchema>;

/** One item of a thread: known types strictly, unknown ones tolerated. */
export const ThreadItemSchema = openUnion('type', THREAD_ITEM_TYPES, KnownThreadItemSchema, OtherThreadItemSchema);
/** One item of a thread. */
export type ThreadItem = z.infer<typeof ThreadItemSchema>;

/** `thread.started{thread_id}`. */
export const ThreadStartedEventSchema = z.looseObject({ type: z.literal('thread.started'), thread_id: z.string() });
/** `turn.started{}`. */
export const TurnStartedEventSchema = z.looseObject({ type: z.literal('turn.started') });
/** `turn.completed{usage}`. */
export const TurnCompletedEventSchema = z.looseObject({ type: z.literal('turn.completed'), usage: ExecUsageSchema });
/** `turn.failed{error}`. */
export const TurnFailedEventSchema = z.looseObject({ type: z.literal('turn.failed'), error: ThreadErrorSchema });
/** `item.started{item}`. */
export const ItemStartedThreadEventSchema = z.looseObject({ type: z.literal('item.started'), item: ThreadItemSchema });
/** `item.updated{item}`. */
export const ItemUpdatedThreadEventSchema = z.looseObject({ type: z.literal('item.updated'), item: ThreadItemSchema });
/** `item.completed{item}`. */
export const ItemCompletedThreadEventSchema = z.looseObject({
  type: z.literal('item.completed'),
  item: ThreadItemSchema,
});
/** `error{message}`: a stream-level error (from Error and StreamError). */
export const ThreadErrorEventSchema = z.looseObject({ type: z.literal('error'), message: z.string() });

/** Every ThreadEvent `type`. */
export const THREAD_EVENT_TYPES = [
  'thread.started',
  'turn.started',
  'turn.completed',
  'turn.failed',
  'item.started',
  'item.updated',
  'item.completed',
  'error',
] as const;
/** A ThreadEvent `type`. */
export type ThreadEventType = (typeof THREAD_EVENT_TYPES)[number];

/** One line of `codex exec --json` output. */
export const ThreadEventSchema = z.discriminatedUnion('type', [
  ThreadStartedEventSchema,
  TurnStartedEventSchema,
  TurnCompletedEventSchema,
  TurnFailedEventSchema,
  ItemStartedThreadEventSchema,
  ItemUpdatedThreadEventSchema,
  ItemCompletedThreadEventSchema,
  ThreadErrorEventSchema,
]);
/** One line of `codex exec --json` output. */
export type ThreadEvent = z.infer<typeof ThreadEventSchema>;

// Inferred types for the schemas above that have no alias next to them.
/** Inferred from `AgentMessageThreadItemSchema`. */
export type AgentMessageThreadItem = z.infer<typeof AgentMessageThreadItemSchema>;
/** Inferred from `ReasoningThreadItemSchema`. */
export type ReasoningThreadItem = z.infer<typeof ReasoningThreadItemSchema>;
/** Inferred from `CommandExecutionStatusSchema`. */
export type CommandExecutionStatus = z.infer<typeof CommandExecutionStatusSchema>;
/** Inferred from `CommandExecutionThreadItemSchema`. */
export type CommandExecutionThreadItem = z.infer<typeof CommandExecutionThreadItemSchema>;
/** Inferred from `PatchChangeKindSchema`. */
export type PatchChangeKind = z.infer<typeof PatchChangeKindSchema>;
/** Inferred from `FileUpdateChangeSchema`. */
export type FileUpdateChange = z.infer<typeof FileUpdateChangeSchema>;
/** Inferred from `PatchApplyStatusSchema`. */
export type PatchApplyStatus = z.infer<typeof PatchApplyStatusSchema>;
/** Inferred from `FileChangeThreadItemSchema`. */
export type FileChangeThreadItem = z.infer<typeof FileChangeThreadItemSchema>;
/** Inferred from `McpToolCallStatusSchema`. */
export type McpToolCallStatus = z.infer<typeof McpToolCallStatusSchema>;
/** Inferred from `McpToolCallThreadItemSchema`. */
export type McpToolCallThreadItem = z.infer<typeof McpToolCallThreadItemSchema>;
/** Inferred from `WebSearchThreadItemSchema`. */
export type WebSearchThreadItem = z.infer<typeof WebSearchThreadItemSchema>;
/** Inferred from `TodoItemSchema`. */
export type TodoItem = z.infer<typeof TodoItemSchema>;
/** Inferred from `TodoListThreadItemSchema`. */
export type TodoListThreadItem = z.infer<typeof TodoListThreadItemSchema>;
/** Inferred from `ErrorThreadItemSchema`. */
export type ErrorThreadItem = z.infer<typeof ErrorThreadItemSchema>;
/** Inferred from `ThreadStartedEventSchema`. */
export type ThreadStartedEvent = z.infer<typeof ThreadStartedEventSchema>;
/** Inferred from `TurnStartedEventSchema`. */
export type TurnStartedEvent = z.infer<typeof TurnStartedEventSchema>;
/** Inferred from `TurnCompletedEventSchema`. */
export type TurnCompletedEvent = z.infer<typeof TurnCompletedEventSchema>;
/** Inferred from `TurnFailedEventSchema`. */
export type TurnFailedEvent = z.infer<typeof TurnFailedEventSchema>;
/** Inferred from `ItemStartedThreadEventSchema`. */
export type ItemStartedThreadEvent = z.infer<typeof ItemStartedThreadEventSchema>;
/** Inferred from `ItemUpdatedThreadEventSchema`. */
export type ItemUpdatedThreadEvent = z.infer<typeof ItemUpdatedThreadEventSchema>;
/** Inferred from `ItemCompletedThreadEventSchema`. */
export type ItemCompletedThreadEvent = z.infer<typeof ItemCompletedThreadEventSchema>;
/** Inferred from `ThreadErrorEventSchema`. */
export type ThreadErrorEvent = z.infer<typeof ThreadErrorEventSchema>;

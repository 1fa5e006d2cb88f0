// EventMsg variants added after 0.47 (present by 0.63). Payloads whose inner
// shapes moved between versions are kept loose.
import { z } from 'zod';
import { ResponseItemSchema } from './models.js';

/** `warning{message}`: non-fatal. */
export const WarningEventSchema = z.looseObject({ type: z.literal('warning'), message: z.string() });
/** `deprecation_notice{summary, details?}`. */
export const DeprecationNoticeEventSchema = z.looseObject({
  type: z.literal('deprecation_notice'),
  summary: z.string(),
  details: z.string().nullish(),
});
/** A turn item (`UserMessage`, `AgentMessage`, `Reasoning`, `CommandExecution`, …), kept loose. */
export const TurnItemSchema = z.looseObject({ type: z.string() });
/** `item_started{thread_id, turn_id, item}`. */
export const ItemStartedEventSchema = z.looseObject({
  type: z.literal('item_started'),
  thread_id: z.string().optional(),
  turn_id: z.string().optional(),
  item: TurnItemSchema,
});
/** `item_completed{thread_id, turn_id, item}`. */
export const ItemCompletedEventSchema = z.looseObject({
  type: z.literal('item_completed'),
  thread_id: z.string().optional(),
  turn_id: z.string().optional(),
  item: TurnItemSchema,
});
const deltaFields = {
  thread_id: z.string().optional(),
  turn_id: z.string().optional(),
  item_id: z.string().optional(),
  delta: z.string(),
};
/** `agent_message_content_delta`. */
export const AgentMessageContentDeltaEventSchema = z.looseObject({
  type: z.literal('agent_message_content_delta'),
  ...deltaFields,
});
/** `reasoning_content_delta`. */
export const ReasoningContentDeltaEventSchema = z.looseObject({
  type: z.literal('reasoning_content_delta'),
  ...deltaFields,
});
/** `reasoning_raw_content_delta`. */
export const ReasoningRawContentDeltaEventSchema = z.looseObject({
  type: z.literal('reasoning_raw_content_delta'),
  ...deltaFields,
});
/** An MCP server's start-up state: `{state: starting|ready|cancelled}` or `{state: failed, error}`. */
export const McpStartupStatusSchema = z.looseObject({
  state: z.enum(['starting', 'ready', 'failed', 'cancelled']),
  error: z.string().optional(),
});
/** `mcp_startup_update{server, status}`. */
export const McpStartupUpdateEventSchema = z.looseObject({
  type: z.literal('mcp_startup_update'),
  server: z.string(),
  status: McpStartupStatusSchema,
});
/**
 * `elicitation_request{server_name, id, request, turn_id?}`: a question for the user on behalf of
 * an MCP server or of an MCP tool call that needs approval (`request._meta.codex_approval_kind =
 * "mcp_tool_call"`). Answered by the `resolve_elicitation` op.
 */
export const ElicitationRequestEventSchema = z.looseObject({
  type: z.literal('elicitation_request'),
  turn_id: z.string().nullish(),
  server_name: z.string(),
  id: z.union([z.string(), z.number()]),
  request: z.looseObject({
    mode: z.literal('form'),
    _meta: z.record(z.string(), z.unknown()).nullish(),
    message: z.string(),
    requested_schema: z.record(z.string(), z.unknown()),
  }),
});
/** `mcp_startup_complete{ready, failed, cancelled}`. */
export const McpStartupCompleteEventSchema = z.looseObject({
  type: z.literal('mcp_startup_complete'),
  ready: z.array(z.string()).optional(),
  failed: z.array(z.looseObject({ server: z.string(), error: z.string() })).optional(),
  cancelled: z.array(z.string()).optional(),
});
/** `raw_response_item{item}`. */
export const RawResponseItemEventSchema = z.looseObject({
  type: z.literal('raw_response_item'),
  item: ResponseItemSchema,
});
/** `undo_started{message?}`. */
export const UndoStartedEventSchema = z.looseObject({
  type: z.literal('undo_started'),
  message: z.string().nullish(),
});
/** `undo_completed{success, message?}`. */
export const UndoCompletedEventSchema = z.looseObject({
  type: z.literal('undo_completed'),
  success: z.boolean(),
  message: z.string().nullish(),
});

// Inferred types for the schemas above that have no alias next to them.
/** Inferred from `WarningEventSchema`. */
export type WarningEvent = z.infer<typeof WarningEventSchema>;
/** Inferred from `DeprecationNoticeEventSchema`. */
export type DeprecationNoticeEvent = z.infer<typeof DeprecationNoticeEventSchema>;
/** Inferred from `TurnItemSchema`. */
export type TurnItem = z.infer<typeof TurnItemSchema>;
/** Inferred from `ItemStartedEventSchema`. */
export type ItemStartedEvent = z.infer<typeof ItemStartedEventSchema>;
/** Inferred from `ItemCompletedEventSchema`. */
export type ItemCompletedEvent = z.infer<typeof ItemCompletedEventSchema>;
/** Inferred from `AgentMessageContentDeltaEventSchema`. */
export type AgentMessageContentDeltaEvent = z.infer<typeof AgentMessageContentDeltaEventSchema>;
/** Inferred from `ReasoningContentDeltaEventSchema`. */
export type ReasoningContentDeltaEvent = z.infer<typeof ReasoningContentDeltaEventSchema>;
/** Inferred from `ReasoningRawContentDeltaEventSchema`. */
export type ReasoningRawContentDeltaEvent = z.infer<typeof ReasoningRawContentDeltaEventSchema>;
/** Inferred from `McpStartupUpdateEventSchema`. */
export type McpStartupUpdateEvent = z.infer<typeof McpStartupUpdateEventSchema>;
/** Inferred from `McpStartupCompleteEventSchema`. */
export type McpStartupCompleteEvent = z.infer<typeof McpStartupCompleteEventSchema>;
/** Inferred from `RawResponseItemEventSchema`. */
export type RawResponseItemEvent = z.infer<typeof RawResponseItemEventSchema>;
/** Inferred from `UndoStartedEventSchema`. */
export type UndoStartedEvent = z.infer<typeof UndoStartedEventSchema>;
/** Inferred from `UndoCompletedEventSchema`. */
export type UndoCompletedEvent = z.infer<typeof UndoCompletedEventSchema>;
/** Inferred from `McpStartupStatusSchema`. */
export type McpStartupStatus = z.infer<typeof McpStartupStatusSchema>;
/** Inferred from `ElicitationRequestEventSchema`. */
export type ElicitationRequestEvent = z.infer<typeof ElicitationRequestEventSchema>;

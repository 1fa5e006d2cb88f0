// EventMsg and Event (protocol.rs): everything the engine tells a front end.
// `EventMsgSchema` is strict about the variants it knows (what our engine
// emits); `AnyEventMsgSchema` also tolerates unknown types (newer rollouts).
import { z } from 'zod';
import * as s from './events-session.js';
import * as x from './events-exec.js';
import * as l from './events-later.js';
import { openUnion, otherVariant } from './internal/open-union.js';

/** Every EventMsg `type`: 0.47's 37 variants, then the later additions. */
export const EVENT_MSG_TYPES = [
  'error',
  'task_started',
  'task_complete',
  'token_count',
  'agent_message',
  'user_message',
  'agent_message_delta',
  'agent_reasoning',
  'agent_reasoning_raw_content',
  'agent_reasoning_delta',
  'agent_reasoning_raw_content_delta',
  'agent_reasoning_section_break',
  'session_configured',
  'mcp_tool_call_begin',
  'mcp_tool_call_end',
  'web_search_begin',
  'web_search_end',
  'exec_command_begin',
  'exec_command_output_delta',
  'exec_command_end',
  'view_image_tool_call',
  'exec_approval_request',
  'apply_patch_approval_request',
  'background_event',
  'stream_error',
  'patch_apply_begin',
  'patch_apply_end',
  'turn_diff',
  'get_history_entry_response',
  'mcp_list_tools_response',
  'list_custom_prompts_response',
  'plan_update',
  'turn_aborted',
  'shutdown_complete',
  'conversation_path',
  'entered_review_mode',
  'exited_review_mode',
  'warning',
  'deprecation_notice',
  'item_started',
  'item_completed',
  'agent_message_content_delta',
  'reasoning_content_delta',
  'reasoning_raw_content_delta',
  'mcp_startup_update',
  'mcp_startup_complete',
  'raw_response_item',
  'undo_started',
  'undo_completed',
  'elicitation_request',
  'terminal_interaction',
] as const;
/** An EventMsg `type`. */
export type EventMsgType = (typeof EVENT_MSG_TYPES)[number];

/** The 37 EventMsg types that exist at rust-v0.47.0. */
export const EVENT_MSG_TYPES_V047: readonly EventMsgType[] = EVENT_MSG_TYPES.slice(0, 37);

/** Events the rollout recorder persists (rollout/policy.rs at 0.47). */
export const PERSISTED_EVENT_MSG_TYPES: readonly EventMsgType[] = [
  'user_message',
  'agent_message',
  'agent_reasoning',
  'agent_reasoning_raw_content',
  'token_count',
  'entered_review_mode',
  'exited_review_mode',
  'turn_aborted',
];

/** A message from the engine (internally tagged on `type`). */
export const EventMsgSchema = z.discriminatedUnion('type', [
  s.ErrorEventSchema,
  s.TaskStartedEventSchema,
  s.TaskCompleteEventSchema,
  s.TokenCountEventSchema,
  s.AgentMessageEventSchema,
  s.UserMessageEventSchema,
  s.AgentMessageDeltaEventSchema,
  s.AgentReasoningEventSchema,
  s.AgentReasoningRawContentEventSchema,
  s.AgentReasoningDeltaEventSchema,
  s.AgentReasoningRawContentDeltaEventSchema,
  s.AgentReasoningSectionBreakEventSchema,
  s.SessionConfiguredEventSchema,
  x.McpToolCallBeginEventSchema,
  x.McpToolCallEndEventSchema,
  x.WebSearchBeginEventSchema,
  x.WebSearchEndEventSchema,
  x.ExecCommandBeginEventSchema,
  x.ExecCommandOutputDeltaEventSchema,
  x.ExecCommandEndEventSchema,
  x.ViewImageToolCallEventSchema,
  x.ExecApprovalRequestEventSchema,
  x.ApplyPatchApprovalRequestEventSchema,
  s.BackgroundEventEventSchema,
  s.StreamErrorEventSchema,
  x.PatchApplyBeginEventSchema,
  x.PatchApplyEndEventSchema,
  x.TurnDiffEventSchema,
  s.GetHistoryEntryResponseEventSchema,
  s.McpListToolsResponseEventSchema,
  s.ListCustomPromptsResponseEventSchema,
  s.PlanUpdateEventSchema,
  s.TurnAbortedEventSchema,
  s.ShutdownCompleteEventSchema,
  s.ConversationPathEventSchema,
  s.EnteredReviewModeEventSchema,
  s.ExitedReviewModeEventSchema,
  l.WarningEventSchema,
  l.DeprecationNoticeEventSchema,
  l.ItemStartedEventSchema,
  l.ItemCompletedEventSchema,
  l.AgentMessageContentDeltaEventSchema,
  l.ReasoningContentDeltaEventSchema,
  l.ReasoningRawContentDeltaEventSchema,
  l.McpStartupUpdateEventSchema,
  l.McpStartupCompleteEventSchema,
  l.RawResponseItemEventSchema,
  l.UndoStartedEventSchema,
  l.UndoCompletedEventSchema,
  l.ElicitationRequestEventSchema,
  x.TerminalInteractionEventSchema,
]);
/** A message from the engine. */
export type EventMsg = z.infer<typeof EventMsgSchema>;

/** Narrow an EventMsg union member by its `type`. */
export type EventMsgOf<T extends EventMsgType> = Extract<EventMsg, { type: T }>;

/** An event type this package does not model (e.g. 0.169's `thread_settings_applied`); kept verbatim. */
export const OtherEventMsgSchema = otherVariant('type');
/** An event type this package does not model. */
export type OtherEventMsg = z.infer<typeof OtherEventMsgSchema>;

/** An EventMsg of any Codex version: known types strictly, unknown ones as `OtherEventMsg`. */
export const AnyEventMsgSchema = openUnion('type', EVENT_MSG_TYPES, EventMsgSchema, OtherEventMsgSchema);
/** An EventMsg of any Codex version. */
export type AnyEventMsg = z.infer<typeof AnyEventMsgSchema>;

/** `Event{id, msg}`: `id` is the submission id the event answers ("" for session_configured). */
export const EventSchema = z.looseObject({ id: z.string(), msg: EventMsgSchema });
/** An event from the engine. */
export type Event = z.infer<typeof EventSchema>;

// EventMsg payloads for the session and turn lifecycle, messages, reasoning,
// token counts and the request/response style events.
import { z } from 'zod';
import { ReasoningEffortSchema } from './policy.js';
import { ReviewOutputSchema, ReviewRequestSchema } from './review.js';
import { RateLimitSnapshotSchema, TokenUsageInfoSchema } from './token-usage.js';
import { UpdatePlanArgsSchema } from './plan-tool.js';

/** `error{message}`: a turn failure (the turn ends). */
export const ErrorEventSchema = z.looseObject({ type: z.literal('error'), message: z.string() });
/** `task_started{model_context_window?}`. */
export const TaskStartedEventSchema = z.looseObject({
  type: z.literal('task_started'),
  model_context_window: z.number().nullish(),
});
/** `task_complete{last_agent_message?}`. */
export const TaskCompleteEventSchema = z.looseObject({
  type: z.literal('task_complete'),
  last_agent_message: z.string().nullish(),
});
/** `token_count{info?, rate_limits?}`. */
export const TokenCountEventSchema = z.looseObject({
  type: z.literal('token_count'),
  info: TokenUsageInfoSchema.nullish(),
  rate_limits: RateLimitSnapshotSchema.nullish(),
});
/** `agent_message{message}`: a complete assistant message. */
export const AgentMessageEventSchema = z.looseObject({ type: z.literal('agent_message'), message: z.string() });
/** Kind of a `user_message` event. */
export const InputMessageKindSchema = z.enum(['plain', 'user_instructions', 'environment_context']);
/** `user_message{message, kind?, images?}`. */
export const UserMessageEventSchema = z.looseObject({
  type: z.literal('user_message'),
  message: z.string(),
  kind: InputMessageKindSchema.nullish(),
  images: z.array(z.string()).nullish(),
});
/** `agent_message_delta{delta}`. */
export const AgentMessageDeltaEventSchema = z.looseObject({
  type: z.literal('agent_message_delta'),
  delta: z.string(),
});
/** `agent_reasoning{text}`: a reasoning summary. */
export const AgentReasoningEventSchema = z.looseObject({ type: z.literal('agent_reasoning'), text: z.string() });
/** `agent_reasoning_raw_content{text}`. */
export const AgentReasoningRawContentEventSchema = z.looseObject({
  type: z.literal('agent_reasoning_raw_content'),
  text: z.string(),
});
/** `agent_reasoning_delta{delta}`. */
export const AgentReasoningDeltaEventSchema = z.looseObject({
  type: z.literal('agent_reasoning_delta'),
  delta: z.string(),
});
/** `agent_reasoning_raw_content_delta{delta}`. */
export const AgentReasoningRawContentDeltaEventSchema = z.looseObject({
  type: z.literal('agent_reasoning_raw_content_delta'),
  delta: z.string(),
});
/** `agent_reasoning_section_break{}`. */
export const AgentReasoningSectionBreakEventSchema = z.looseObject({
  type: z.literal('agent_reasoning_section_break'),
});
/**
 * `session_configured`: the first event of every session (Event.id = "").
 * `initial_messages` are replayed EventMsgs, kept loosely (`{type, …}`).
 */
export const SessionConfiguredEventSchema = z.looseObject({
  type: z.literal('session_configured'),
  session_id: z.string(),
  model: z.string(),
  reasoning_effort: ReasoningEffortSchema.nullish(),
  history_log_id: z.number(),
  history_entry_count: z.number(),
  initial_messages: z.array(z.looseObject({ type: z.string() })).nullish(),
  rollout_path: z.string(),
});
/** `background_event{message}`: informational. */
export const BackgroundEventEventSchema = z.looseObject({
  type: z.literal('background_event'),
  message: z.string(),
});
/** `stream_error{message}`: a retryable stream failure, e.g. "Re-connecting... 2/5". */
export const StreamErrorEventSchema = z.looseObject({ type: z.literal('stream_error'), message: z.string() });
/** `{conversation_id, ts, text}`: one history.jsonl entry as returned by the engine. */
export const HistoryEntrySchema = z.looseObject({
  conversation_id: z.string(),
  ts: z.number(),
  text: z.string(),
});
/** `get_history_entry_response{offset, log_id, entry?}`. */
export const GetHistoryEntryResponseEventSchema = z.looseObject({
  type: z.literal('get_history_entry_response'),
  offset: z.number(),
  log_id: z.number(),
  entry: HistoryEntrySchema.nullish(),
});
/** MCP server auth status. */
export const McpAuthStatusSchema = z.enum(['unsupported', 'not_logged_in', 'bearer_token', 'o_auth']);
/** `mcp_list_tools_response{tools, resources, resource_templates, auth_statuses}`. */
export const McpListToolsResponseEventSchema = z.looseObject({
  type: z.literal('mcp_list_tools_response'),
  tools: z.record(z.string(), z.looseObject({ name: z.string() })),
  resources: z.record(z.string(), z.array(z.looseObject({}))).optional(),
  resource_templates: z.record(z.string(), z.array(z.looseObject({}))).optional(),
  auth_statuses: z.record(z.string(), McpAuthStatusSchema).optional(),
});
/** A custom prompt from `$CODEX_HOME/prompts/*.md`. */
export const CustomPromptSchema = z.looseObject({
  name: z.string(),
  path: z.string(),
  content: z.string(),
  description: z.string().nullish(),
  argument_hint: z.string().nullish(),
});
/** `list_custom_prompts_response{custom_prompts}`. */
export const ListCustomPromptsResponseEventSchema = z.looseObject({
  type: z.literal('list_custom_prompts_response'),
  custom_prompts: z.array(CustomPromptSchema),
});
/** `plan_update{explanation?, plan}`. */
export const PlanUpdateEventSchema = z.looseObject({
  type: z.literal('plan_update'),
  ...UpdatePlanArgsSchema.shape,
});
/** Why a turn was aborted. */
export const TurnAbortReasonSchema = z.enum(['interrupted', 'replaced', 'review_ended']);
/** `turn_aborted{reason}`. */
export const TurnAbortedEventSchema = z.looseObject({
  type: z.literal('turn_aborted'),
  reason: TurnAbortReasonSchema,
});
/** `shutdown_complete`. */
export const ShutdownCompleteEventSchema = z.looseObject({ type: z.literal('shutdown_complete') });
/** `conversation_path{conversation_id, path}` (removed by 0.63). */
export const ConversationPathEventSchema = z.looseObject({
  type: z.literal('conversation_path'),
  conversation_id: z.string(),
  path: z.string(),
});
/** `entered_review_mode` (the ReviewRequest fields inline). */
export const EnteredReviewModeEventSchema = z.looseObject({
  type: z.literal('entered_review_mode'),
  ...ReviewRequestSchema.shape,
});
/** `exited_review_mode{review_output?}`. */
export const ExitedReviewModeEventSchema = z.looseObject({
  type: z.literal('exited_review_mode'),
  review_output: ReviewOutputSchema.nullish(),
});

// Inferred types for the schemas above that have no alias next to them.
/** Inferred from `ErrorEventSchema`. */
export type ErrorEvent = z.infer<typeof ErrorEventSchema>;
/** Inferred from `TaskStartedEventSchema`. */
export type TaskStartedEvent = z.infer<typeof TaskStartedEventSchema>;
/** Inferred from `TaskCompleteEventSchema`. */
export type TaskCompleteEvent = z.infer<typeof TaskCompleteEventSchema>;
/** Inferred from `TokenCountEventSchema`. */
export type TokenCountEvent = z.infer<typeof TokenCountEventSchema>;
/** Inferred from `AgentMessageEventSchema`. */
export type AgentMessageEvent = z.infer<typeof AgentMessageEventSchema>;
/** Inferred from `InputMessageKindSchema`. */
export type InputMessageKind = z.infer<typeof InputMessageKindSchema>;
/** Inferred from `UserMessageEventSchema`. */
export type UserMessageEvent = z.infer<typeof UserMessageEventSchema>;
/** Inferred from `AgentMessageDeltaEventSchema`. */
export type AgentMessageDeltaEvent = z.infer<typeof AgentMessageDeltaEventSchema>;
/** Inferred from `AgentReasoningEventSchema`. */
export type AgentReasoningEvent = z.infer<typeof AgentReasoningEventSchema>;
/** Inferred from `AgentReasoningRawContentEventSchema`. */
export type AgentReasoningRawContentEvent = z.infer<typeof AgentReasoningRawContentEventSchema>;
/** Inferred from `AgentReasoningDeltaEventSchema`. */
export type AgentReasoningDeltaEvent = z.infer<typeof AgentReasoningDeltaEventSchema>;
/** Inferred from `AgentReasoningRawContentDeltaEventSchema`. */
export type AgentReasoningRawContentDeltaEvent = z.infer<typeof AgentReasoningRawContentDeltaEventSchema>;
/** Inferred from `AgentReasoningSectionBreakEventSchema`. */
export type AgentReasoningSectionBreakEvent = z.infer<typeof AgentReasoningSectionBreakEventSchema>;
/** Inferred from `SessionConfiguredEventSchema`. */
export type SessionConfiguredEvent = z.infer<typeof SessionConfiguredEventSchema>;
/** Inferred from `BackgroundEventEventSchema`. */
export type BackgroundEventEvent = z.infer<typeof BackgroundEventEventSchema>;
/** Inferred from `StreamErrorEventSchema`. */
export type StreamErrorEvent = z.infer<typeof StreamErrorEventSchema>;
/** Inferred from `HistoryEntrySchema`. */
export type HistoryEntry = z.infer<typeof HistoryEntrySchema>;
/** Inferred from `GetHistoryEntryResponseEventSchema`. */
export type GetHistoryEntryResponseEvent = z.infer<typeof GetHistoryEntryResponseEventSchema>;
/** Inferred from `McpAuthStatusSchema`. */
export type McpAuthStatus = z.infer<typeof McpAuthStatusSchema>;
/** Inferred from `McpListToolsResponseEventSchema`. */
export type McpListToolsResponseEvent = z.infer<typeof McpListToolsResponseEventSchema>;
/** Inferred from `CustomPromptSchema`. */
export type CustomPrompt = z.infer<typeof CustomPromptSchema>;
/** Inferred from `ListCustomPromptsResponseEventSchema`. */
export type ListCustomPromptsResponseEvent = z.infer<typeof ListCustomPromptsResponseEventSchema>;
/** Inferred from `PlanUpdateEventSchema`. */
export type PlanUpdateEvent = z.infer<typeof PlanUpdateEventSchema>;
/** Inferred from `TurnAbortReasonSchema`. */
export type TurnAbortReason = z.infer<typeof TurnAbortReasonSchema>;
/** Inferred from `TurnAbortedEventSchema`. */
export type TurnAbortedEvent = z.infer<typeof TurnAbortedEventSchema>;
/** Inferred from `ShutdownCompleteEventSchema`. */
export type ShutdownCompleteEvent = z.infer<typeof ShutdownCompleteEventSchema>;
/** Inferred from `ConversationPathEventSchema`. */
export type ConversationPathEvent = z.infer<typeof ConversationPathEventSchema>;
/** Inferred from `EnteredReviewModeEventSchema`. */
export type EnteredReviewModeEvent = z.infer<typeof EnteredReviewModeEventSchema>;
/** Inferred from `ExitedReviewModeEventSchema`. */
export type ExitedReviewModeEvent = z.infer<typeof ExitedReviewModeEventSchema>;

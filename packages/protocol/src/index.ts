/**
 * @codex-ts/protocol: zod schemas and inferred types for every Codex wire and
 * file format (ops, events, Responses items, policies, exec --json events,
 * rollout and history lines, config.toml, auth.json). Explicit exports only;
 * each export is documented where it is declared.
 */

/** The package name. */
export const PACKAGE_NAME = '@codex-ts/protocol';

// policy.ts
export {
  AskForApprovalSchema, GranularAskForApprovalSchema, AskForApprovalWireSchema, SandboxModeSchema,
  DangerFullAccessPolicySchema, ReadOnlyPolicySchema, WorkspaceWritePolicySchema,
  SandboxPolicySchema, SandboxPolicyTypedSchema, SandboxPolicyWireSchema, ReviewDecisionSchema,
  ReviewDecisionAmendmentSchema, ReviewDecisionWireSchema, ReasoningEffortSchema,
  ReasoningSummarySchema, VerbositySchema, ReasoningSummaryFormatSchema,
} from './policy.js';
export type {
  AskForApproval, GranularAskForApproval, AskForApprovalWire, SandboxMode, SandboxPolicy,
  SandboxPolicyTyped, SandboxPolicyWire, ReviewDecision, ReviewDecisionAmendment,
  ReviewDecisionWire, ReasoningEffort, ReasoningSummary, Verbosity, ReasoningSummaryFormat,
  DangerFullAccessPolicy, ReadOnlyPolicy, WorkspaceWritePolicy,
} from './policy.js';

// models.ts
export {
  InputTextContentSchema, InputImageContentSchema, OutputTextContentSchema, ContentItemSchema,
  MessageItemSchema, ReasoningSummaryPartSchema, ReasoningContentPartSchema, ReasoningItemSchema,
  CallStatusSchema, LocalShellActionSchema, LocalShellCallItemSchema, FunctionCallItemSchema,
  FunctionCallOutputContentItemSchema, ToolOutputPayloadSchema, FunctionCallOutputItemSchema,
  CustomToolCallItemSchema, CustomToolCallOutputItemSchema, WebSearchActionSchema,
  WebSearchCallItemSchema, RESPONSE_ITEM_TYPES, KnownResponseItemSchema, OtherResponseItemSchema,
  ResponseItemSchema, isKnownResponseItem,
} from './models.js';
export type {
  ContentItem, MessageItem, ReasoningSummaryPart, ReasoningContentPart, ReasoningItem, CallStatus,
  LocalShellAction, LocalShellCallItem, FunctionCallItem, FunctionCallOutputContentItem,
  ToolOutputPayload, FunctionCallOutputItem, CustomToolCallItem, CustomToolCallOutputItem,
  WebSearchAction, WebSearchCallItem, ResponseItemType, KnownResponseItem, OtherResponseItem,
  ResponseItem, InputTextContent, InputImageContent, OutputTextContent,
} from './models.js';

// ops.ts
export {
  TextInputItemSchema, ImageInputItemSchema, LocalImageInputItemSchema, InputItemSchema,
  InterruptOpSchema, UserInputOpSchema, UserTurnOpSchema, OverrideTurnContextOpSchema,
  ExecApprovalOpSchema, PatchApprovalOpSchema, AddToHistoryOpSchema, GetHistoryEntryRequestOpSchema,
  GetPathOpSchema, ListMcpToolsOpSchema, ListCustomPromptsOpSchema, CompactOpSchema, ReviewOpSchema,
  ShutdownOpSchema, UndoOpSchema, RunUserShellCommandOpSchema, ResolveElicitationOpSchema, OP_TYPES, OpSchema, SubmissionSchema,
} from './ops.js';
export type {
  InputItem, OpType, Op, Submission, TextInputItem, ImageInputItem, LocalImageInputItem,
  InterruptOp, UserInputOp, UserTurnOp, OverrideTurnContextOp, ExecApprovalOp, PatchApprovalOp,
  AddToHistoryOp, GetHistoryEntryRequestOp, GetPathOp, ListMcpToolsOp, ListCustomPromptsOp,
  CompactOp, ReviewOp, ShutdownOp, UndoOp, RunUserShellCommandOp, ResolveElicitationOp,
} from './ops.js';

// review.ts
export {
  ReviewRequestSchema, ReviewTargetSchema, ReviewCodeLocationSchema, ReviewFindingSchema, ReviewOutputSchema,
} from './review.js';
export type {
  ReviewRequest, ReviewTarget, ReviewFinding, ReviewOutput, ReviewCodeLocation,
} from './review.js';

// parse-command.ts
export {
  ParsedReadCommandSchema, ParsedListFilesCommandSchema, ParsedSearchCommandSchema,
  ParsedUnknownCommandSchema, ParsedCommandSchema,
} from './parse-command.js';
export type {
  ParsedCommand, ParsedReadCommand, ParsedListFilesCommand, ParsedSearchCommand,
  ParsedUnknownCommand,
} from './parse-command.js';

// file-change.ts
export {
  AddFileChangeSchema, DeleteFileChangeSchema, UpdateFileChangeSchema, TaggedFileChangeSchema,
  FileChangeSchema, FileChangesSchema,
} from './file-change.js';
export type {
  FileChange, FileChanges, AddFileChange, DeleteFileChange, UpdateFileChange, TaggedFileChange,
} from './file-change.js';

// plan-tool.ts
export {
  StepStatusSchema, PlanItemSchema, UpdatePlanArgsSchema,
} from './plan-tool.js';
export type {
  StepStatus, PlanItem, UpdatePlanArgs,
} from './plan-tool.js';

// token-usage.ts
export {
  TokenUsageSchema, TokenUsageInfoSchema, RateLimitWindowSchema, RateLimitSnapshotSchema,
} from './token-usage.js';
export type {
  TokenUsage, TokenUsageInfo, RateLimitWindow, RateLimitSnapshot,
} from './token-usage.js';

// events-session.ts
export {
  ErrorEventSchema, TaskStartedEventSchema, TaskCompleteEventSchema, TokenCountEventSchema,
  AgentMessageEventSchema, InputMessageKindSchema, UserMessageEventSchema,
  AgentMessageDeltaEventSchema, AgentReasoningEventSchema, AgentReasoningRawContentEventSchema,
  AgentReasoningDeltaEventSchema, AgentReasoningRawContentDeltaEventSchema,
  AgentReasoningSectionBreakEventSchema, SessionConfiguredEventSchema, BackgroundEventEventSchema,
  StreamErrorEventSchema, HistoryEntrySchema, GetHistoryEntryResponseEventSchema,
  McpAuthStatusSchema, McpListToolsResponseEventSchema, CustomPromptSchema,
  ListCustomPromptsResponseEventSchema, PlanUpdateEventSchema, TurnAbortReasonSchema,
  TurnAbortedEventSchema, ShutdownCompleteEventSchema, ConversationPathEventSchema,
  EnteredReviewModeEventSchema, ExitedReviewModeEventSchema,
} from './events-session.js';
export type {
  ErrorEvent, TaskStartedEvent, TaskCompleteEvent, TokenCountEvent, AgentMessageEvent,
  InputMessageKind, UserMessageEvent, AgentMessageDeltaEvent, AgentReasoningEvent,
  AgentReasoningRawContentEvent, AgentReasoningDeltaEvent, AgentReasoningRawContentDeltaEvent,
  AgentReasoningSectionBreakEvent, SessionConfiguredEvent, BackgroundEventEvent, StreamErrorEvent,
  HistoryEntry, GetHistoryEntryResponseEvent, McpAuthStatus, McpListToolsResponseEvent,
  CustomPrompt, ListCustomPromptsResponseEvent, PlanUpdateEvent, TurnAbortReason, TurnAbortedEvent,
  ShutdownCompleteEvent, ConversationPathEvent, EnteredReviewModeEvent, ExitedReviewModeEvent,
} from './events-session.js';

// events-exec.ts
export {
  DurationSchema, ExecCommandBeginEventSchema, ExecCommandOutputDeltaEventSchema,
  ExecCommandEndEventSchema, ViewImageToolCallEventSchema, ExecApprovalRequestEventSchema,
  ApplyPatchApprovalRequestEventSchema, PatchApplyBeginEventSchema, PatchApplyEndEventSchema,
  TurnDiffEventSchema, McpInvocationSchema, CallToolResultSchema, McpToolCallResultSchema,
  McpToolCallBeginEventSchema, McpToolCallEndEventSchema, WebSearchBeginEventSchema,
  WebSearchEndEventSchema, ExecCommandSourceSchema, TerminalInteractionEventSchema,
} from './events-exec.js';
export type {
  Duration, McpInvocation, CallToolResult, McpToolCallResult, ExecCommandBeginEvent,
  ExecCommandOutputDeltaEvent, ExecCommandEndEvent, ViewImageToolCallEvent,
  ExecApprovalRequestEvent, ApplyPatchApprovalRequestEvent, PatchApplyBeginEvent,
  PatchApplyEndEvent, TurnDiffEvent, McpToolCallBeginEvent, McpToolCallEndEvent,
  WebSearchBeginEvent, WebSearchEndEvent, ExecCommandSource, TerminalInteractionEvent,
} from './events-exec.js';

// events-later.ts
export {
  WarningEventSchema, DeprecationNoticeEventSchema, TurnItemSchema, ItemStartedEventSchema,
  ItemCompletedEventSchema, AgentMessageContentDeltaEventSchema, ReasoningContentDeltaEventSchema,
  ReasoningRawContentDeltaEventSchema, McpStartupUpdateEventSchema, McpStartupCompleteEventSchema,
  RawResponseItemEventSchema, UndoStartedEventSchema, UndoCompletedEventSchema,
  McpStartupStatusSchema, ElicitationRequestEventSchema,
} from './events-later.js';
export type {
  WarningEvent, DeprecationNoticeEvent, TurnItem, ItemStartedEvent, ItemCompletedEvent,
  AgentMessageContentDeltaEvent, ReasoningContentDeltaEvent, ReasoningRawContentDeltaEvent,
  McpStartupUpdateEvent, McpStartupCompleteEvent, RawResponseItemEvent, UndoStartedEvent,
  UndoCompletedEvent, McpStartupStatus, ElicitationRequestEvent,
} from './events-later.js';

// events.ts
export {
  EVENT_MSG_TYPES, EVENT_MSG_TYPES_V047, PERSISTED_EVENT_MSG_TYPES, EventMsgSchema,
  OtherEventMsgSchema, AnyEventMsgSchema, EventSchema,
} from './events.js';
export type {
  EventMsgType, EventMsg, EventMsgOf, OtherEventMsg, AnyEventMsg, Event,
} from './events.js';

// exec-events.ts
export {
  ExecUsageSchema, ThreadErrorSchema, AgentMessageThreadItemSchema, ReasoningThreadItemSchema,
  CommandExecutionStatusSchema, CommandExecutionThreadItemSchema, PatchChangeKindSchema,
  FileUpdateChangeSchema, PatchApplyStatusSchema, FileChangeThreadItemSchema,
  McpToolCallStatusSchema, McpToolCallThreadItemSchema, WebSearchThreadItemSchema, TodoItemSchema,
  TodoListThreadItemSchema, ErrorThreadItemSchema, THREAD_ITEM_TYPES, KnownThreadItemSchema,
  OtherThreadItemSchema, ThreadItemSchema, ThreadStartedEventSchema, TurnStartedEventSchema,
  TurnCompletedEventSchema, TurnFailedEventSchema, ItemStartedThreadEventSchema,
  ItemUpdatedThreadEventSchema, ItemCompletedThreadEventSchema, ThreadErrorEventSchema,
  THREAD_EVENT_TYPES, ThreadEventSchema,
} from './exec-events.js';
export type {
  ExecUsage, ThreadError, ThreadItemType, KnownThreadItem, OtherThreadItem, ThreadItem,
  ThreadEventType, ThreadEvent, AgentMessageThreadItem, ReasoningThreadItem, CommandExecutionStatus,
  CommandExecutionThreadItem, PatchChangeKind, FileUpdateChange, PatchApplyStatus,
  FileChangeThreadItem, McpToolCallStatus, McpToolCallThreadItem, WebSearchThreadItem, TodoItem,
  TodoListThreadItem, ErrorThreadItem, ThreadStartedEvent, TurnStartedEvent, TurnCompletedEvent,
  TurnFailedEvent, ItemStartedThreadEvent, ItemUpdatedThreadEvent, ItemCompletedThreadEvent,
  ThreadErrorEvent,
} from './exec-events.js';

// responses-wire.ts
export {
  FunctionToolSpecSchema, CustomToolSpecSchema, LocalShellToolSpecSchema, WebSearchToolSpecSchema,
  TOOL_SPEC_TYPES, ToolSpecSchema, ResponsesReasoningSchema, TextFormatSchema, TextControlsSchema,
  ResponsesApiRequestSchema, ResponsesUsageSchema, ResponseErrorSchema, ResponseObjectSchema,
  ResponseCreatedEventSchema, ResponseInProgressEventSchema, OutputItemAddedEventSchema,
  OutputItemDoneEventSchema, ContentPartAddedEventSchema, ContentPartDoneEventSchema,
  OutputTextDeltaEventSchema, OutputTextDoneEventSchema, ReasoningSummaryTextDeltaEventSchema,
  ReasoningSummaryTextDoneEventSchema, ReasoningSummaryPartAddedEventSchema,
  ReasoningSummaryPartDoneEventSchema, ReasoningTextDeltaEventSchema, ReasoningTextDoneEventSchema,
  FunctionCallArgumentsDeltaEventSchema, FunctionCallArgumentsDoneEventSchema,
  CustomToolCallInputDeltaEventSchema, CustomToolCallInputDoneEventSchema,
  ResponseCompletedEventSchema, ResponseFailedEventSchema, ResponseIncompleteEventSchema,
  RESPONSES_SSE_EVENT_TYPES, KnownResponsesSseEventSchema, ResponsesSseEventSchema,
} from './responses-wire.js';
export type {
  ToolSpec, ResponsesApiRequest, ResponsesUsage, ResponseError, ResponsesSseEventType,
  KnownResponsesSseEvent, ResponsesSseEvent, FunctionToolSpec, CustomToolSpec, LocalShellToolSpec,
  WebSearchToolSpec, ResponsesReasoning, TextFormat, TextControls, ResponseObject,
  ResponseCreatedEvent, ResponseInProgressEvent, OutputItemAddedEvent, OutputItemDoneEvent,
  ContentPartAddedEvent, ContentPartDoneEvent, OutputTextDeltaEvent, OutputTextDoneEvent,
  ReasoningSummaryTextDeltaEvent, ReasoningSummaryTextDoneEvent, ReasoningSummaryPartAddedEvent,
  ReasoningSummaryPartDoneEvent, ReasoningTextDeltaEvent, ReasoningTextDoneEvent,
  FunctionCallArgumentsDeltaEvent, FunctionCallArgumentsDoneEvent, CustomToolCallInputDeltaEvent,
  CustomToolCallInputDoneEvent, ResponseCompletedEvent, ResponseFailedEvent,
  ResponseIncompleteEvent,
} from './responses-wire.js';

// chat-wire.ts
export {
  ChatToolSchema, ChatToolCallSchema, ChatContentSchema, ChatMessageSchema,
  ChatCompletionsRequestSchema, ChatToolCallDeltaSchema, ChatDeltaSchema, ChatChunkChoiceSchema,
  ChatUsageSchema, ChatCompletionChunkSchema, CHAT_STREAM_DONE,
} from './chat-wire.js';
export type {
  ChatTool, ChatToolCall, ChatMessage, ChatCompletionsRequest, ChatToolCallDelta, ChatDelta,
  ChatCompletionChunk, ChatContent, ChatChunkChoice, ChatUsage,
} from './chat-wire.js';

// rollout.ts
export {
  SessionSourceSchema, GitInfoSchema, SessionMetaSchema, TurnContextItemSchema, CompactedItemSchema,
  SessionMetaLineSchema, ResponseItemLineSchema, CompactedLineSchema, TurnContextLineSchema,
  EventMsgLineSchema, ROLLOUT_ITEM_TYPES, KnownRolloutLineSchema, OtherRolloutLineSchema,
  RolloutLineSchema,
} from './rollout.js';
export type {
  SessionSource, GitInfo, SessionMeta, TurnContextItem, CompactedItem, RolloutItemType,
  KnownRolloutLine, OtherRolloutLine, RolloutLine, SessionMetaLine, ResponseItemLine, CompactedLine,
  TurnContextLine, EventMsgLine,
} from './rollout.js';

// history.ts
export {
  HistoryLineSchema, HistoryPersistenceSchema,
} from './history.js';
export type {
  HistoryLine, HistoryPersistence,
} from './history.js';

// config-tables.ts
export {
  WireApiSchema, ModelProviderInfoSchema, McpServerConfigSchema, McpToolApprovalModeSchema, ShellEnvironmentPolicySchema,
  SandboxWorkspaceWriteSchema, SandboxTableSchema, SandboxLimitsSchema, HistoryConfigSchema, TuiConfigSchema, ToolsConfigSchema,
  FeaturesConfigSchema, ProjectConfigSchema, OtelConfigSchema, FileOpenerSchema,
} from './config-tables.js';
export type {
  WireApi, ModelProviderInfo, McpServerConfig, McpToolApprovalMode, ShellEnvironmentPolicy, SandboxWorkspaceWrite, SandboxTable, SandboxLimits,
  HistoryConfig, TuiConfig, ToolsConfig, FeaturesConfig, ProjectConfig, OtelConfig, FileOpener,
} from './config-tables.js';

// config-fleet.ts
export { FleetConfigSchema, FleetProviderEntrySchema, FleetStorageSchema } from './config-fleet.js';
export type { FleetConfig, FleetProviderEntry, FleetStorage } from './config-fleet.js';

// config.ts
export {
  ConfigProfileSchema, ConfigTomlSchema, CONFIG_TOML_KEYS,
} from './config.js';
export type {
  ConfigProfile, ConfigToml,
} from './config.js';

// auth.ts
export {
  AuthTokensSchema, AuthDotJsonSchema, AuthModeSchema,
} from './auth.js';
export type {
  AuthTokens, AuthDotJson, AuthMode,
} from './auth.js';

// term-text.ts
export {
  termText, termSafe, termOutput, termReveal, termRevealLine, termLine, jsonTermSafe, safeLinkTarget,
  hasTerminalControls, controlPicture, codePointLabel,
} from './term-text.js';
export type { TermTextOptions } from './term-text.js';

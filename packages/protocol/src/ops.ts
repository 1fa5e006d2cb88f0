// Op and Submission (protocol.rs): what a front end submits to the engine.
// Internally tagged on `type`, snake_case; unit variants are `{"type":"…"}`.
import { z } from 'zod';
import {
  AskForApprovalSchema,
  ReasoningEffortSchema,
  ReasoningSummarySchema,
  ReviewDecisionSchema,
  SandboxPolicySchema,
} from './policy.js';
import { ReviewRequestSchema } from './review.js';

/** `{"type":"text","text"}`: user text. */
export const TextInputItemSchema = z.looseObject({ type: z.literal('text'), text: z.string() });
/** `{"type":"image","image_url"}`: a pre-encoded image (data: URI). */
export const ImageInputItemSchema = z.looseObject({ type: z.literal('image'), image_url: z.string() });
/** `{"type":"local_image","path"}`: a file the engine base64-encodes into an `input_image`. */
export const LocalImageInputItemSchema = z.looseObject({ type: z.literal('local_image'), path: z.string() });

/** One piece of user input. */
export const InputItemSchema = z.discriminatedUnion('type', [
  TextInputItemSchema,
  ImageInputItemSchema,
  LocalImageInputItemSchema,
]);
/** One piece of user input. */
export type InputItem = z.infer<typeof InputItemSchema>;

const unit = <T extends string>(type: T) => z.looseObject({ type: z.literal(type) });

/** Abort the running task; answered by `turn_aborted`. */
export const InterruptOpSchema = unit('interrupt');
/** Inject input into the running task, or start a new one. */
export const UserInputOpSchema = z.looseObject({ type: z.literal('user_input'), items: z.array(InputItemSchema) });
/** Start a turn with a full turn context. */
export const UserTurnOpSchema = z.looseObject({
  type: z.literal('user_turn'),
  items: z.array(InputItemSchema),
  cwd: z.string(),
  approval_policy: AskForApprovalSchema,
  sandbox_policy: SandboxPolicySchema,
  model: z.string(),
  effort: ReasoningEffortSchema.nullish(),
  summary: ReasoningSummarySchema,
  final_output_json_schema: z.unknown().optional(),
});
/** Change the defaults for later turns; enqueues nothing. `effort: null` clears the effort. */
export const OverrideTurnContextOpSchema = z.looseObject({
  type: z.literal('override_turn_context'),
  cwd: z.string().optional(),
  approval_policy: AskForApprovalSchema.optional(),
  sandbox_policy: SandboxPolicySchema.optional(),
  model: z.string().optional(),
  effort: ReasoningEffortSchema.nullish(),
  summary: ReasoningSummarySchema.optional(),
});
/** Answer an `exec_approval_request`; `id` is the event id (= the waiting submission id). */
export const ExecApprovalOpSchema = z.looseObject({
  type: z.literal('exec_approval'),
  id: z.string(),
  decision: ReviewDecisionSchema,
});
/** Answer an `apply_patch_approval_request`; `abort` interrupts the turn. */
export const PatchApprovalOpSchema = z.looseObject({
  type: z.literal('patch_approval'),
  id: z.string(),
  decision: ReviewDecisionSchema,
});
/** Append `text` to `$CODEX_HOME/history.jsonl`. */
export const AddToHistoryOpSchema = z.looseObject({ type: z.literal('add_to_history'), text: z.string() });
/** Look up one history entry; answered by `get_history_entry_response`. */
export const GetHistoryEntryRequestOpSchema = z.looseObject({
  type: z.literal('get_history_entry_request'),
  offset: z.number().int().nonnegative(),
  log_id: z.number().int().nonnegative(),
});
/** Ask for the rollout path; answered by `conversation_path` (removed by 0.63). */
export const GetPathOpSchema = unit('get_path');
/** List MCP tools; answered by `mcp_list_tools_response`. */
export const ListMcpToolsOpSchema = unit('list_mcp_tools');
/** List custom prompts; answered by `list_custom_prompts_response`. */
export const ListCustomPromptsOpSchema = unit('list_custom_prompts');
/** Summarise the context (manual compaction). */
export const CompactOpSchema = unit('compact');
/** Start a review. */
export const ReviewOpSchema = z.looseObject({ type: z.literal('review'), review_request: ReviewRequestSchema });
/** Shut the session down; answered by `shutdown_complete`. */
export const ShutdownOpSchema = unit('shutdown');
/** 0.63+: undo the last turn's file changes. */
export const UndoOpSchema = unit('undo');
/** 0.63+: run a user-typed shell command (`!cmd` in the TUI). */
export const RunUserShellCommandOpSchema = z.looseObject({
  type: z.literal('run_user_shell_command'),
  command: z.string(),
});
/** Answer an `elicitation_request` (an MCP tool approval or a server's question). */
export const ResolveElicitationOpSchema = z.looseObject({
  type: z.literal('resolve_elicitation'),
  server_name: z.string(),
  request_id: z.union([z.string(), z.number()]),
  decision: z.enum(['accept', 'decline', 'cancel']),
  content: z.unknown().optional(),
  meta: z.unknown().optional(),
});

/** Every Op `type`, in protocol order (0.47's 14, then later additions). */
export const OP_TYPES = [
  'interrupt',
  'user_input',
  'user_turn',
  'override_turn_context',
  'exec_approval',
  'patch_approval',
  'add_to_history',
  'get_history_entry_request',
  'get_path',
  'list_mcp_tools',
  'list_custom_prompts',
  'compact',
  'review',
  'shutdown',
  'undo',
  'run_user_shell_command',
  'resolve_elicitation',
] as const;
/** An Op `type`. */
export type OpType = (typeof OP_TYPES)[number];

/** A request from a front end to the engine. */
export const OpSchema = z.discriminatedUnion('type', [
  InterruptOpSchema,
  UserInputOpSchema,
  UserTurnOpSchema,
  OverrideTurnContextOpSchema,
  ExecApprovalOpSchema,
  PatchApprovalOpSchema,
  AddToHistoryOpSchema,
  GetHistoryEntryRequestOpSchema,
  GetPathOpSchema,
  ListMcpToolsOpSchema,
  ListCustomPromptsOpSchema,
  CompactOpSchema,
  ReviewOpSchema,
  ShutdownOpSchema,
  UndoOpSchema,
  RunUserShellCommandOpSchema,
  ResolveElicitationOpSchema,
]);
/** A request from a front end to the engine. */
export type Op = z.infer<typeof OpSchema>;

/** `Submission{id, op}`: an Op with the id its events will carry. */
export const SubmissionSchema = z.looseObject({ id: z.string(), op: OpSchema });
/** An Op with the id its events will carry. */
export type Submission = z.infer<typeof SubmissionSchema>;

// Inferred types for the schemas above that have no alias next to them.
/** Inferred from `TextInputItemSchema`. */
export type TextInputItem = z.infer<typeof TextInputItemSchema>;
/** Inferred from `ImageInputItemSchema`. */
export type ImageInputItem = z.infer<typeof ImageInputItemSchema>;
/** Inferred from `LocalImageInputItemSchema`. */
export type LocalImageInputItem = z.infer<typeof LocalImageInputItemSchema>;
/** Inferred from `InterruptOpSchema`. */
export type InterruptOp = z.infer<typeof InterruptOpSchema>;
/** Inferred from `UserInputOpSchema`. */
export type UserInputOp = z.infer<typeof UserInputOpSchema>;
/** Inferred from `UserTurnOpSchema`. */
export type UserTurnOp = z.infer<typeof UserTurnOpSchema>;
/** Inferred from `OverrideTurnContextOpSchema`. */
export type OverrideTurnContextOp = z.infer<typeof OverrideTurnContextOpSchema>;
/** Inferred from `ExecApprovalOpSchema`. */
export type ExecApprovalOp = z.infer<typeof ExecApprovalOpSchema>;
/** Inferred from `PatchApprovalOpSchema`. */
export type PatchApprovalOp = z.infer<typeof PatchApprovalOpSchema>;
/** Inferred from `AddToHistoryOpSchema`. */
export type AddToHistoryOp = z.infer<typeof AddToHistoryOpSchema>;
/** Inferred from `GetHistoryEntryRequestOpSchema`. */
export type GetHistoryEntryRequestOp = z.infer<typeof GetHistoryEntryRequestOpSchema>;
/** Inferred from `GetPathOpSchema`. */
export type GetPathOp = z.infer<typeof GetPathOpSchema>;
/** Inferred from `ListMcpToolsOpSchema`. */
export type ListMcpToolsOp = z.infer<typeof ListMcpToolsOpSchema>;
/** Inferred from `ListCustomPromptsOpSchema`. */
export type ListCustomPromptsOp = z.infer<typeof ListCustomPromptsOpSchema>;
/** Inferred from `CompactOpSchema`. */
export type CompactOp = z.infer<typeof CompactOpSchema>;
/** Inferred from `ReviewOpSchema`. */
export type ReviewOp = z.infer<typeof ReviewOpSchema>;
/** Inferred from `ShutdownOpSchema`. */
export type ShutdownOp = z.infer<typeof ShutdownOpSchema>;
/** Inferred from `UndoOpSchema`. */
export type UndoOp = z.infer<typeof UndoOpSchema>;
/** Inferred from `RunUserShellCommandOpSchema`. */
export type RunUserShellCommandOp = z.infer<typeof RunUserShellCommandOpSchema>;
/** Inferred from `ResolveElicitationOpSchema`. */
export type ResolveElicitationOp = z.infer<typeof ResolveElicitationOpSchema>;

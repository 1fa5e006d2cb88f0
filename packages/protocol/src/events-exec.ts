// EventMsg payloads for tool activity: shell commands, patches, approvals,
// MCP tool calls, web search, images. Begin/end pairs share `call_id`.
import { z } from 'zod';
import { FileChangesSchema } from './file-change.js';
import { ParsedCommandSchema } from './parse-command.js';

/** A Rust `std::time::Duration` as serde writes it (`{secs, nanos}`); numbers/strings tolerated. */
export const DurationSchema = z.union([
  z.looseObject({ secs: z.number(), nanos: z.number() }),
  z.number(),
  z.string(),
]);
/** A duration. */
export type Duration = z.infer<typeof DurationSchema>;

/** Where an exec event comes from (Codex's `ExecCommandSource`; absent = `agent`). */
export const ExecCommandSourceSchema = z.enum(['agent', 'user_shell', 'unified_exec_startup', 'unified_exec_interaction']);
/** Where an exec event comes from. */
export type ExecCommandSource = z.infer<typeof ExecCommandSourceSchema>;

/** Fields unified exec adds to begin/end: the session id the model sees, and the source. */
const unifiedExecFields = {
  process_id: z.string().optional(),
  source: ExecCommandSourceSchema.optional(),
  interaction_input: z.string().optional(),
};

/** `exec_command_begin`. */
export const ExecCommandBeginEventSchema = z.looseObject({
  type: z.literal('exec_command_begin'),
  call_id: z.string(),
  command: z.array(z.string()),
  cwd: z.string(),
  parsed_cmd: z.array(ParsedCommandSchema),
  ...unifiedExecFields,
});
/** `exec_command_output_delta`: `chunk` is base64 of raw bytes. */
export const ExecCommandOutputDeltaEventSchema = z.looseObject({
  type: z.literal('exec_command_output_delta'),
  call_id: z.string(),
  stream: z.enum(['stdout', 'stderr']),
  chunk: z.string(),
});
/** `exec_command_end`. */
export const ExecCommandEndEventSchema = z.looseObject({
  type: z.literal('exec_command_end'),
  call_id: z.string(),
  stdout: z.string(),
  stderr: z.string(),
  aggregated_output: z.string(),
  exit_code: z.number().int(),
  duration: DurationSchema,
  formatted_output: z.string(),
  command: z.array(z.string()).optional(),
  cwd: z.string().optional(),
  parsed_cmd: z.array(ParsedCommandSchema).optional(),
  ...unifiedExecFields,
});
/** `terminal_interaction`: input the model wrote to a running unified-exec session. */
export const TerminalInteractionEventSchema = z.looseObject({
  type: z.literal('terminal_interaction'),
  call_id: z.string(),
  process_id: z.string(),
  stdin: z.string(),
});
/** `view_image_tool_call`. */
export const ViewImageToolCallEventSchema = z.looseObject({
  type: z.literal('view_image_tool_call'),
  call_id: z.string(),
  path: z.string(),
});
/** `exec_approval_request`: answered by op `exec_approval` with this event's id. */
export const ExecApprovalRequestEventSchema = z.looseObject({
  type: z.literal('exec_approval_request'),
  call_id: z.string(),
  command: z.array(z.string()),
  cwd: z.string(),
  reason: z.string().nullish(),
  parsed_cmd: z.array(ParsedCommandSchema).optional(),
});
/** `apply_patch_approval_request`: answered by op `patch_approval`. */
export const ApplyPatchApprovalRequestEventSchema = z.looseObject({
  type: z.literal('apply_patch_approval_request'),
  call_id: z.string(),
  changes: FileChangesSchema,
  reason: z.string().nullish(),
  grant_root: z.string().nullish(),
});
/** `patch_apply_begin`. */
export const PatchApplyBeginEventSchema = z.looseObject({
  type: z.literal('patch_apply_begin'),
  call_id: z.string(),
  auto_approved: z.boolean(),
  changes: FileChangesSchema,
});
/** `patch_apply_end`. */
export const PatchApplyEndEventSchema = z.looseObject({
  type: z.literal('patch_apply_end'),
  call_id: z.string(),
  stdout: z.string(),
  stderr: z.string(),
  success: z.boolean(),
});
/** `turn_diff`: the turn's aggregated unified diff. */
export const TurnDiffEventSchema = z.looseObject({ type: z.literal('turn_diff'), unified_diff: z.string() });

/** `McpInvocation{server, tool, arguments?}`. */
export const McpInvocationSchema = z.looseObject({
  server: z.string(),
  tool: z.string(),
  arguments: z.unknown().optional(),
});
/** An MCP tool invocation. */
export type McpInvocation = z.infer<typeof McpInvocationSchema>;

/** MCP `CallToolResult` (content blocks kept as-is). */
export const CallToolResultSchema = z.looseObject({
  content: z.array(z.looseObject({ type: z.string() })),
  isError: z.boolean().nullish(),
  structuredContent: z.unknown().optional(),
});
/** MCP `CallToolResult`. */
export type CallToolResult = z.infer<typeof CallToolResultSchema>;

/** Rust `Result<CallToolResult, String>`: `{"Ok":…}` or `{"Err":"…"}`. */
export const McpToolCallResultSchema = z.union([
  z.strictObject({ Ok: CallToolResultSchema }),
  z.strictObject({ Err: z.string() }),
]);
/** Result of an MCP tool call. */
export type McpToolCallResult = z.infer<typeof McpToolCallResultSchema>;

/** `mcp_tool_call_begin`. */
export const McpToolCallBeginEventSchema = z.looseObject({
  type: z.literal('mcp_tool_call_begin'),
  call_id: z.string(),
  invocation: McpInvocationSchema,
});
/** `mcp_tool_call_end`. */
export const McpToolCallEndEventSchema = z.looseObject({
  type: z.literal('mcp_tool_call_end'),
  call_id: z.string(),
  invocation: McpInvocationSchema,
  duration: DurationSchema,
  result: McpToolCallResultSchema,
});
/** `web_search_begin`. */
export const WebSearchBeginEventSchema = z.looseObject({ type: z.literal('web_search_begin'), call_id: z.string() });
/** `web_search_end`. */
export const WebSearchEndEventSchema = z.looseObject({
  type: z.literal('web_search_end'),
  call_id: z.string(),
  query: z.string(),
});

// Inferred types for the schemas above that have no alias next to them.
/** Inferred from `ExecCommandBeginEventSchema`. */
export type ExecCommandBeginEvent = z.infer<typeof ExecCommandBeginEventSchema>;
/** Inferred from `ExecCommandOutputDeltaEventSchema`. */
export type ExecCommandOutputDeltaEvent = z.infer<typeof ExecCommandOutputDeltaEventSchema>;
/** Inferred from `TerminalInteractionEventSchema`. */
export type TerminalInteractionEvent = z.infer<typeof TerminalInteractionEventSchema>;
/** Inferred from `ExecCommandEndEventSchema`. */
export type ExecCommandEndEvent = z.infer<typeof ExecCommandEndEventSchema>;
/** Inferred from `ViewImageToolCallEventSchema`. */
export type ViewImageToolCallEvent = z.infer<typeof ViewImageToolCallEventSchema>;
/** Inferred from `ExecApprovalRequestEventSchema`. */
export type ExecApprovalRequestEvent = z.infer<typeof ExecApprovalRequestEventSchema>;
/** Inferred from `ApplyPatchApprovalRequestEventSchema`. */
export type ApplyPatchApprovalRequestEvent = z.infer<typeof ApplyPatchApprovalRequestEventSchema>;
/** Inferred from `PatchApplyBeginEventSchema`. */
export type PatchApplyBeginEvent = z.infer<typeof PatchApplyBeginEventSchema>;
/** Inferred from `PatchApplyEndEventSchema`. */
export type PatchApplyEndEvent = z.infer<typeof PatchApplyEndEventSchema>;
/** Inferred from `TurnDiffEventSchema`. */
export type TurnDiffEvent = z.infer<typeof TurnDiffEventSchema>;
/** Inferred from `McpToolCallBeginEventSchema`. */
export type McpToolCallBeginEvent = z.infer<typeof McpToolCallBeginEventSchema>;
/** Inferred from `McpToolCallEndEventSchema`. */
export type McpToolCallEndEvent = z.infer<typeof McpToolCallEndEventSchema>;
/** Inferred from `WebSearchBeginEventSchema`. */
export type WebSearchBeginEvent = z.infer<typeof WebSearchBeginEventSchema>;
/** Inferred from `WebSearchEndEventSchema`. */
export type WebSearchEndEvent = z.infer<typeof WebSearchEndEventSchema>;

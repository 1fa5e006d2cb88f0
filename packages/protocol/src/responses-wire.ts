// The OpenAI Responses API as Codex uses it: the POST /v1/responses body and
// the SSE events of the stream. Unknown tool kinds and unknown SSE event types
// are tolerated (Codex ignores events it does not handle).
import { z } from 'zod';
import { openUnion, otherVariant } from './internal/open-union.js';
import { ResponseItemSchema } from './models.js';
import { ReasoningEffortSchema, ReasoningSummarySchema, VerbositySchema } from './policy.js';

/** `{"type":"function", name, description, strict, parameters}`. */
export const FunctionToolSpecSchema = z.looseObject({
  type: z.literal('function'),
  name: z.string(),
  description: z.string().optional(),
  strict: z.boolean().optional(),
  parameters: z.looseObject({}).optional(),
});
/** `{"type":"custom", name, description, format:{type:"grammar", syntax:"lark", definition}}`. */
export const CustomToolSpecSchema = z.looseObject({
  type: z.literal('custom'),
  name: z.string(),
  description: z.string().optional(),
  format: z.looseObject({ type: z.string(), syntax: z.string().optional(), definition: z.string().optional() }).optional(),
});
/** `{"type":"local_shell"}`. */
export const LocalShellToolSpecSchema = z.looseObject({ type: z.literal('local_shell') });
/** `{"type":"web_search", external_web_access?, search_content_types?}`. */
export const WebSearchToolSpecSchema = z.looseObject({
  type: z.literal('web_search'),
  external_web_access: z.boolean().optional(),
  search_content_types: z.array(z.string()).optional(),
});
/** Tool spec kinds modelled here. */
export const TOOL_SPEC_TYPES = ['function', 'custom', 'local_shell', 'web_search'] as const;
/** One entry of the request's `tools` (unknown kinds such as `tool_search` kept verbatim). */
export const ToolSpecSchema = openUnion(
  'type',
  TOOL_SPEC_TYPES,
  z.discriminatedUnion('type', [
    FunctionToolSpecSchema,
    CustomToolSpecSchema,
    LocalShellToolSpecSchema,
    WebSearchToolSpecSchema,
  ]),
  otherVariant('type'),
);
/** One tool spec. */
export type ToolSpec = z.infer<typeof ToolSpecSchema>;

/** `reasoning` of the request (`null` when the model family has no reasoning summaries). */
export const ResponsesReasoningSchema = z.looseObject({
  effort: ReasoningEffortSchema.nullish(),
  summary: ReasoningSummarySchema.nullish(),
});
/** `text.format` for `--output-schema`. */
export const TextFormatSchema = z.looseObject({
  type: z.literal('json_schema'),
  strict: z.boolean(),
  schema: z.unknown(),
  name: z.string(),
});
/** `text` of the request: `{verbosity?, format?}`. */
export const TextControlsSchema = z.looseObject({
  verbosity: VerbositySchema.nullish(),
  format: TextFormatSchema.nullish(),
});

/** POST /v1/responses body (ResponsesApiRequest, client_common.rs; 0.169 adds client_metadata, drops instructions). */
export const ResponsesApiRequestSchema = z.looseObject({
  model: z.string(),
  instructions: z.string().optional(),
  input: z.array(ResponseItemSchema),
  tools: z.array(ToolSpecSchema).optional(),
  tool_choice: z.union([z.string(), z.looseObject({})]).optional(),
  parallel_tool_calls: z.boolean().optional(),
  reasoning: ResponsesReasoningSchema.nullable().optional(),
  store: z.boolean().optional(),
  stream: z.boolean(),
  include: z.array(z.string()).optional(),
  prompt_cache_key: z.string().optional(),
  text: TextControlsSchema.nullish(),
  client_metadata: z.record(z.string(), z.string()).optional(),
});
/** A Responses API request body. */
export type ResponsesApiRequest = z.infer<typeof ResponsesApiRequestSchema>;

/** `usage` of `response.completed`. */
export const ResponsesUsageSchema = z.looseObject({
  input_tokens: z.number(),
  input_tokens_details: z.looseObject({ cached_tokens: z.number().optional() }).nullish(),
  output_tokens: z.number(),
  output_tokens_details: z.looseObject({ reasoning_tokens: z.number().optional() }).nullish(),
  total_tokens: z.number(),
});
/** Responses API token usage. */
export type ResponsesUsage = z.infer<typeof ResponsesUsageSchema>;

/** `response.error`: `{code?, message?, type?}`; `context_length_exceeded` and `rate_limit_exceeded` matter. */
export const ResponseErrorSchema = z.looseObject({
  code: z.string().nullish(),
  message: z.string().nullish(),
  type: z.string().nullish(),
});
/** A Responses API error object. */
export type ResponseError = z.infer<typeof ResponseErrorSchema>;

/** The `response` object inside lifecycle events. */
export const ResponseObjectSchema = z.looseObject({
  id: z.string().optional(),
  status: z.string().optional(),
  usage: ResponsesUsageSchema.nullish(),
  error: ResponseErrorSchema.nullish(),
  incomplete_details: z.looseObject({ reason: z.string().optional() }).nullish(),
  output: z.array(z.unknown()).optional(),
});

const ev = <T extends string, S extends z.core.$ZodLooseShape>(type: T, shape: S) =>
  z.looseObject({ type: z.literal(type), sequence_number: z.number().optional(), ...shape });
const at = { item_id: z.string().optional(), output_index: z.number().optional() };

/** `response.created`. */
export const ResponseCreatedEventSchema = ev('response.created', { response: ResponseObjectSchema });
/** `response.in_progress`. */
export const ResponseInProgressEventSchema = ev('response.in_progress', { response: ResponseObjectSchema });
/** `response.output_item.added`. */
export const OutputItemAddedEventSchema = ev('response.output_item.added', {
  output_index: z.number().optional(),
  item: ResponseItemSchema,
});
/** `response.output_item.done`: the authoritative item. */
export const OutputItemDoneEventSchema = ev('response.output_item.done', {
  output_index: z.number().optional(),
  item: ResponseItemSchema,
});
/** `response.content_part.added`. */
export const ContentPartAddedEventSchema = ev('response.content_part.added', {
  ...at,
  content_index: z.number().optional(),
  part: z.looseObject({ type: z.string() }),
});
/** `response.content_part.done`. */
export const ContentPartDoneEventSchema = ev('response.content_part.done', {
  ...at,
  content_index: z.number().optional(),
  part: z.looseObject({ type: z.string() }),
});
/** `response.output_text.delta`. */
export const OutputTextDeltaEventSchema = ev('response.output_text.delta', {
  ...at,
  content_index: z.number().optional(),
  delta: z.string(),
});
/** `response.output_text.done`. */
export const OutputTextDoneEventSchema = ev('response.output_text.done', {
  ...at,
  content_index: z.number().optional(),
  text: z.string(),
});
/** `response.reasoning_summary_text.delta`. */
export const ReasoningSummaryTextDeltaEventSchema = ev('response.reasoning_summary_text.delta', {
  ...at,
  summary_index: z.number().optional(),
  delta: z.string(),
});
/** `response.reasoning_summary_text.done`. */
export const ReasoningSummaryTextDoneEventSchema = ev('response.reasoning_summary_text.done', {
  ...at,
  summary_index: z.number().optional(),
  text: z.string(),
});
/** `response.reasoning_summary_part.added` (→ `agent_reasoning_section_break`). */
export const ReasoningSummaryPartAddedEventSchema = ev('response.reasoning_summary_part.added', {
  ...at,
  summary_index: z.number().optional(),
  part: z.looseObject({ type: z.string() }).optional(),
});
/** `response.reasoning_summary_part.done`. */
export const ReasoningSummaryPartDoneEventSchema = ev('response.reasoning_summary_part.done', {
  ...at,
  summary_index: z.number().optional(),
  part: z.looseObject({ type: z.string() }).optional(),
});
/** `response.reasoning_text.delta` (raw reasoning content). */
export const ReasoningTextDeltaEventSchema = ev('response.reasoning_text.delta', {
  ...at,
  content_index: z.number().optional(),
  delta: z.string(),
});
/** `response.reasoning_text.done`. */
export const ReasoningTextDoneEventSchema = ev('response.reasoning_text.done', {
  ...at,
  content_index: z.number().optional(),
  text: z.string(),
});
/** `response.function_call_arguments.delta` (ignored by Codex; the done item is authoritative). */
export const FunctionCallArgumentsDeltaEventSchema = ev('response.function_call_arguments.delta', {
  ...at,
  delta: z.string(),
});
/** `response.function_call_arguments.done`. */
export const FunctionCallArgumentsDoneEventSchema = ev('response.function_call_arguments.done', {
  ...at,
  arguments: z.string(),
});
/** `response.custom_tool_call_input.delta`. */
export const CustomToolCallInputDeltaEventSchema = ev('response.custom_tool_call_input.delta', {
  ...at,
  delta: z.string(),
});
/** `response.custom_tool_call_input.done`. */
export const CustomToolCallInputDoneEventSchema = ev('response.custom_tool_call_input.done', {
  ...at,
  input: z.string(),
});
/** `response.completed{response:{id, usage}}`. */
export const ResponseCompletedEventSchema = ev('response.completed', { response: ResponseObjectSchema });
/** `response.failed{response:{error}}`. */
export const ResponseFailedEventSchema = ev('response.failed', { response: ResponseObjectSchema });
/** `response.incomplete{response:{incomplete_details}}`. */
export const ResponseIncompleteEventSchema = ev('response.incomplete', { response: ResponseObjectSchema });

/** Every SSE event type modelled here. */
export const RESPONSES_SSE_EVENT_TYPES = [
  'response.created',
  'response.in_progress',
  'response.output_item.added',
  'response.output_item.done',
  'response.content_part.added',
  'response.content_part.done',
  'response.output_text.delta',
  'response.output_text.done',
  'response.reasoning_summary_text.delta',
  'response.reasoning_summary_text.done',
  'response.reasoning_summary_part.added',
  'response.reasoning_summary_part.done',
  'response.reasoning_text.delta',
  'response.reasoning_text.done',
  'response.function_call_arguments.delta',
  'response.function_call_arguments.done',
  'response.custom_tool_call_input.delta',
  'response.custom_tool_call_input.done',
  'response.completed',
  'response.failed',
  'response.incomplete',
] as const;
/** A modelled SSE event type. */
export type ResponsesSseEventType = (typeof RESPONSES_SSE_EVENT_TYPES)[number];

/** The modelled SSE events. */
export const KnownResponsesSseEventSchema = z.discriminatedUnion('type', [
  ResponseCreatedEventSchema,
  ResponseInProgressEventSchema,
  OutputItemAddedEventSchema,
  OutputItemDoneEventSchema,
  ContentPartAddedEventSchema,
  ContentPartDoneEventSchema,
  OutputTextDeltaEventSchema,
  OutputTextDoneEventSchema,
  ReasoningSummaryTextDeltaEventSchema,
  ReasoningSummaryTextDoneEventSchema,
  ReasoningSummaryPartAddedEventSchema,
  ReasoningSummaryPartDoneEventSchema,
  ReasoningTextDeltaEventSchema,
  ReasoningTextDoneEventSchema,
  FunctionCallArgumentsDeltaEventSchema,
  FunctionCallArgumentsDoneEventSchema,
  CustomToolCallInputDeltaEventSchema,
  CustomToolCallInputDoneEventSchema,
  ResponseCompletedEventSchema,
  ResponseFailedEventSchema,
  ResponseIncompleteEventSchema,
]);
/** A modelled SSE event. */
export type KnownResponsesSseEvent = z.infer<typeof KnownResponsesSseEventSchema>;

/** The `data:` JSON of one Responses SSE frame; unknown types are kept (and ignored by Codex). */
export const ResponsesSseEventSchema = openUnion(
  'type',
  RESPONSES_SSE_EVENT_TYPES,
  KnownResponsesSseEventSchema,
  otherVariant('type'),
);
/** One Responses SSE event. */
export type ResponsesSseEvent = z.infer<typeof ResponsesSseEventSchema>;

// Inferred types for the schemas above that have no alias next to them.
/** Inferred from `FunctionToolSpecSchema`. */
export type FunctionToolSpec = z.infer<typeof FunctionToolSpecSchema>;
/** Inferred from `CustomToolSpecSchema`. */
export type CustomToolSpec = z.infer<typeof CustomToolSpecSchema>;
/** Inferred from `LocalShellToolSpecSchema`. */
export type LocalShellToolSpec = z.infer<typeof LocalShellToolSpecSchema>;
/** Inferred from `WebSearchToolSpecSchema`. */
export type WebSearchToolSpec = z.infer<typeof WebSearchToolSpecSchema>;
/** Inferred from `ResponsesReasoningSchema`. */
export type ResponsesReasoning = z.infer<typeof ResponsesReasoningSchema>;
/** Inferred from `TextFormatSchema`. */
export type TextFormat = z.infer<typeof TextFormatSchema>;
/** Inferred from `TextControlsSchema`. */
export type TextControls = z.infer<typeof TextControlsSchema>;
/** Inferred from `ResponseObjectSchema`. */
export type ResponseObject = z.infer<typeof ResponseObjectSchema>;
/** Inferred from `ResponseCreatedEventSchema`. */
export type ResponseCreatedEvent = z.infer<typeof ResponseCreatedEventSchema>;
/** Inferred from `ResponseInProgressEventSchema`. */
export type ResponseInProgressEvent = z.infer<typeof ResponseInProgressEventSchema>;
/** Inferred from `OutputItemAddedEventSchema`. */
export type OutputItemAddedEvent = z.infer<typeof OutputItemAddedEventSchema>;
/** Inferred from `OutputItemDoneEventSchema`. */
export type OutputItemDoneEvent = z.infer<typeof OutputItemDoneEventSchema>;
/** Inferred from `ContentPartAddedEventSchema`. */
export type ContentPartAddedEvent = z.infer<typeof ContentPartAddedEventSchema>;
/** Inferred from `ContentPartDoneEventSchema`. */
export type ContentPartDoneEvent = z.infer<typeof ContentPartDoneEventSchema>;
/** Inferred from `OutputTextDeltaEventSchema`. */
export type OutputTextDeltaEvent = z.infer<typeof OutputTextDeltaEventSchema>;
/** Inferred from `OutputTextDoneEventSchema`. */
export type OutputTextDoneEvent = z.infer<typeof OutputTextDoneEventSchema>;
/** Inferred from `ReasoningSummaryTextDeltaEventSchema`. */
export type ReasoningSummaryTextDeltaEvent = z.infer<typeof ReasoningSummaryTextDeltaEventSchema>;
/** Inferred from `ReasoningSummaryTextDoneEventSchema`. */
export type ReasoningSummaryTextDoneEvent = z.infer<typeof ReasoningSummaryTextDoneEventSchema>;
/** Inferred from `ReasoningSummaryPartAddedEventSchema`. */
export type ReasoningSummaryPartAddedEvent = z.infer<typeof ReasoningSummaryPartAddedEventSchema>;
/** Inferred from `ReasoningSummaryPartDoneEventSchema`. */
export type ReasoningSummaryPartDoneEvent = z.infer<typeof ReasoningSummaryPartDoneEventSchema>;
/** Inferred from `ReasoningTextDeltaEventSchema`. */
export type ReasoningTextDeltaEvent = z.infer<typeof ReasoningTextDeltaEventSchema>;
/** Inferred from `ReasoningTextDoneEventSchema`. */
export type ReasoningTextDoneEvent = z.infer<typeof ReasoningTextDoneEventSchema>;
/** Inferred from `FunctionCallArgumentsDeltaEventSchema`. */
export type FunctionCallArgumentsDeltaEvent = z.infer<typeof FunctionCallArgumentsDeltaEventSchema>;
/** Inferred from `FunctionCallArgumentsDoneEventSchema`. */
export type FunctionCallArgumentsDoneEvent = z.infer<typeof FunctionCallArgumentsDoneEventSchema>;
/** Inferred from `CustomToolCallInputDeltaEventSchema`. */
export type CustomToolCallInputDeltaEvent = z.infer<typeof CustomToolCallInputDeltaEventSchema>;
/** Inferred from `CustomToolCallInputDoneEventSchema`. */
export type CustomToolCallInputDoneEvent = z.infer<typeof CustomToolCallInputDoneEventSchema>;
/** Inferred from `ResponseCompletedEventSchema`. */
export type ResponseCompletedEvent = z.infer<typeof ResponseCompletedEventSchema>;
/** Inferred from `ResponseFailedEventSchema`. */
export type ResponseFailedEvent = z.infer<typeof ResponseFailedEventSchema>;
/** Inferred from `ResponseIncompleteEventSchema`. */
export type ResponseIncompleteEvent = z.infer<typeof ResponseIncompleteEventSchema>;

// Responses API items (codex-rs/protocol/src/models.rs): the conversation
// history Codex sends as `input` and receives in `response.output_item.done`.
// Objects are loose so ids and newer fields survive a round trip; unknown item
// types parse as `OtherResponseItem` (Codex's `#[serde(other)]`).
import { z } from 'zod';
import { openUnion, otherVariant } from './internal/open-union.js';

/** `{"type":"input_text","text"}`: text from the user, developer or a tool. */
export const InputTextContentSchema = z.looseObject({ type: z.literal('input_text'), text: z.string() });
/** `{"type":"input_image","image_url"}`: an image, usually a `data:` URL. */
export const InputImageContentSchema = z.looseObject({
  type: z.literal('input_image'),
  image_url: z.string(),
  detail: z.string().optional(),
});
/** `{"type":"output_text","text"}`: text the model produced. */
export const OutputTextContentSchema = z.looseObject({ type: z.literal('output_text'), text: z.string() });

/** One content part of a `message` item. */
export const ContentItemSchema = z.discriminatedUnion('type', [
  InputTextContentSchema,
  InputImageContentSchema,
  OutputTextContentSchema,
]);
/** One content part of a `message` item. */
export type ContentItem = z.infer<typeof ContentItemSchema>;

/** `{"type":"message", role, content[]}`; `id` appears on output and in newer requests. */
export const MessageItemSchema = z.looseObject({
  type: z.literal('message'),
  id: z.string().nullish(),
  /** `user` | `assistant` | `system` | `developer` (Codex keeps it a free string). */
  role: z.string(),
  content: z.array(ContentItemSchema),
});
/** A message item. */
export type MessageItem = z.infer<typeof MessageItemSchema>;

/** `{"type":"summary_text","text"}` inside `reasoning.summary`. */
export const ReasoningSummaryPartSchema = z.looseObject({ type: z.literal('summary_text'), text: z.string() });
/** A reasoning summary part. */
export type ReasoningSummaryPart = z.infer<typeof ReasoningSummaryPartSchema>;

/** `reasoning_text` (or plain `text`) inside `reasoning.content`. */
export const ReasoningContentPartSchema = z.discriminatedUnion('type', [
  z.looseObject({ type: z.literal('reasoning_text'), text: z.string() }),
  z.looseObject({ type: z.literal('text'), text: z.string() }),
]);
/** A raw reasoning content part. */
export type ReasoningContentPart = z.infer<typeof ReasoningContentPartSchema>;

/** `{"type":"reasoning", summary[], content?, encrypted_content}`. */
export const ReasoningItemSchema = z.looseObject({
  type: z.literal('reasoning'),
  id: z.string().nullish(),
  summary: z.array(ReasoningSummaryPartSchema),
  content: z.array(ReasoningContentPartSchema).nullish(),
  encrypted_content: z.string().nullish(),
});
/** A reasoning item. */
export type ReasoningItem = z.infer<typeof ReasoningItemSchema>;

/** Status of a call item. */
export const CallStatusSchema = z.enum(['in_progress', 'completed', 'incomplete']);
/** Status of a call item. */
export type CallStatus = z.infer<typeof CallStatusSchema>;

/** `local_shell_call.action`: `{"type":"exec", command[], timeout_ms?, working_directory?, env?, user?}`. */
export const LocalShellActionSchema = z.discriminatedUnion('type', [
  z.looseObject({
    type: z.literal('exec'),
    command: z.array(z.string()),
    timeout_ms: z.number().nullish(),
    working_directory: z.string().nullish(),
    env: z.record(z.string(), z.string()).nullish(),
    user: z.string().nullish(),
  }),
]);
/** A local shell action. */
export type LocalShellAction = z.infer<typeof LocalShellActionSchema>;

/** `{"type":"local_shell_call", call_id, status, action}` (codex-mini-latest). */
export const LocalShellCallItemSchema = z.looseObject({
  type: z.literal('local_shell_call'),
  id: z.string().nullish(),
  call_id: z.string().nullish(),
  status: CallStatusSchema,
  action: LocalShellActionSchema,
});
/** A local shell call item. */
export type LocalShellCallItem = z.infer<typeof LocalShellCallItemSchema>;

/** `{"type":"function_call", name, arguments (a JSON string), call_id}`. */
export const FunctionCallItemSchema = z.looseObject({
  type: z.literal('function_call'),
  id: z.string().nullish(),
  name: z.string(),
  arguments: z.string(),
  call_id: z.string(),
});
/** A function call item. */
export type FunctionCallItem = z.infer<typeof FunctionCallItemSchema>;

/** A content part of a structured tool output (newer Codex: text and images). */
export const FunctionCallOutputContentItemSchema = z.discriminatedUnion('type', [
  InputTextContentSchema,
  InputImageContentSchema,
]);
/** A content part of a structured tool output. */
export type FunctionCallOutputContentItem = z.infer<typeof FunctionCallOutputContentItemSchema>;

/**
 * A tool output as serialised on the wire. Codex's `{content, success}` payload
 * is written as the bare `content` string (`success` is never sent); newer
 * versions may send an array of content items instead.
 */
export const ToolOutputPayloadSchema = z.union([z.string(), z.array(FunctionCallOutputContentItemSchema)]);
/** A tool output as serialised on the wire. */
export type ToolOutputPayload = z.infer<typeof ToolOutputPayloadSchema>;

/** `{"type":"function_call_output", call_id, output}`. */
export const FunctionCallOutputItemSchema = z.looseObject({
  type: z.literal('function_call_output'),
  id: z.string().nullish(),
  call_id: z.string(),
  output: ToolOutputPayloadSchema,
});
/** A function call output item. */
export type FunctionCallOutputItem = z.infer<typeof FunctionCallOutputItemSchema>;

/** `{"type":"custom_tool_call", call_id, name, input, status?}` (freeform tools such as apply_patch). */
export const CustomToolCallItemSchema = z.looseObject({
  type: z.literal('custom_tool_call'),
  id: z.string().nullish(),
  status: z.string().nullish(),
  call_id: z.string(),
  name: z.string(),
  input: z.string(),
});
/** A custom (freeform) tool call item. */
export type CustomToolCallItem = z.infer<typeof CustomToolCallItemSchema>;

/** `{"type":"custom_tool_call_output", call_id, output}`. */
export const CustomToolCallOutputItemSchema = z.looseObject({
  type: z.literal('custom_tool_call_output'),
  id: z.string().nullish(),
  call_id: z.string(),
  output: ToolOutputPayloadSchema,
});
/** A custom tool call output item. */
export type CustomToolCallOutputItem = z.infer<typeof CustomToolCallOutputItemSchema>;

/** `web_search_call.action`: `search{query}`, `open_page{url}`, `find_in_page{url, pattern}`; others kept. */
export const WebSearchActionSchema = z.looseObject({
  type: z.string(),
  query: z.string().nullish(),
  url: z.string().nullish(),
  pattern: z.string().nullish(),
});
/** A web search action. */
export type WebSearchAction = z.infer<typeof WebSearchActionSchema>;

/** `{"type":"web_search_call", status?, action}` (server-side web search). */
export const WebSearchCallItemSchema = z.looseObject({
  type: z.literal('web_search_call'),
  id: z.string().nullish(),
  status: z.string().nullish(),
  action: WebSearchActionSchema.nullish(),
});
/** A web search call item. */
export type WebSearchCallItem = z.infer<typeof WebSearchCallItemSchema>;

/** The `type` of every ResponseItem variant Codex models explicitly. */
export const RESPONSE_ITEM_TYPES = [
  'message',
  'reasoning',
  'local_shell_call',
  'function_call',
  'function_call_output',
  'custom_tool_call',
  'custom_tool_call_output',
  'web_search_call',
] as const;
/** A known ResponseItem type. */
export type ResponseItemType = (typeof RESPONSE_ITEM_TYPES)[number];

/** The known ResponseItem variants (strict dispatch on `type`). */
export const KnownResponseItemSchema = z.discriminatedUnion('type', [
  MessageItemSchema,
  ReasoningItemSchema,
  LocalShellCallItemSchema,
  FunctionCallItemSchema,
  FunctionCallOutputItemSchema,
  CustomToolCallItemSchema,
  CustomToolCallOutputItemSchema,
  WebSearchCallItemSchema,
]);
/** A known ResponseItem variant. */
export type KnownResponseItem = z.infer<typeof KnownResponseItemSchema>;

/** Any item type Codex does not model (`ghost_snapshot`, `compaction`, `additional_tools`, …); kept verbatim. */
export const OtherResponseItemSchema = otherVariant('type');
/** An item type Codex does not model. */
export type OtherResponseItem = z.infer<typeof OtherResponseItemSchema>;

/**
 * A Responses API item: known types are validated strictly (wrong field types
 * fail with a path); unknown types are tolerated as `OtherResponseItem`.
 */
export const ResponseItemSchema = openUnion(
  'type',
  RESPONSE_ITEM_TYPES,
  KnownResponseItemSchema,
  OtherResponseItemSchema,
);
/** A Responses API item (known or other). */
export type ResponseItem = z.infer<typeof ResponseItemSchema>;

/** Type guard: is this item one of the known variants? */
export function isKnownResponseItem(item: ResponseItem): item is KnownResponseItem {
  return (RESPONSE_ITEM_TYPES as readonly string[]).includes(item.type);
}

// Inferred types for the schemas above that have no alias next to them.
/** Inferred from `InputTextContentSchema`. */
export type InputTextContent = z.infer<typeof InputTextContentSchema>;
/** Inferred from `InputImageContentSchema`. */
export type InputImageContent = z.infer<typeof InputImageContentSchema>;
/** Inferred from `OutputTextContentSchema`. */
export type OutputTextContent = z.infer<typeof OutputTextContentSchema>;

// The Chat Completions wire (`wire_api = "chat"`, core/src/chat_completions.rs):
// the POST /v1/chat/completions body Codex builds and the stream chunks it reads.
import { z } from 'zod';

/** `{"type":"function","function":{name, description, strict, parameters}}`. */
export const ChatToolSchema = z.looseObject({
  type: z.literal('function'),
  function: z.looseObject({
    name: z.string(),
    description: z.string().optional(),
    strict: z.boolean().optional(),
    parameters: z.looseObject({}).optional(),
  }),
});
/** A Chat Completions tool. */
export type ChatTool = z.infer<typeof ChatToolSchema>;

/** An assistant `tool_calls[]` entry: a function call, or a custom (freeform) call. */
export const ChatToolCallSchema = z.discriminatedUnion('type', [
  z.looseObject({
    id: z.string(),
    type: z.literal('function'),
    function: z.looseObject({ name: z.string(), arguments: z.string() }),
  }),
  z.looseObject({
    id: z.string(),
    type: z.literal('custom'),
    custom: z.looseObject({ name: z.string(), input: z.string() }),
  }),
]);
/** A tool call on an assistant message. */
export type ChatToolCall = z.infer<typeof ChatToolCallSchema>;

/** Message content: a string or content parts (`text`, `image_url`). */
export const ChatContentSchema = z.union([
  z.string(),
  z.array(z.looseObject({ type: z.string(), text: z.string().optional(), image_url: z.unknown().optional() })),
]);

/** One message of the request. */
export const ChatMessageSchema = z.discriminatedUnion('role', [
  z.looseObject({ role: z.literal('system'), content: ChatContentSchema }),
  z.looseObject({ role: z.literal('developer'), content: ChatContentSchema }),
  z.looseObject({ role: z.literal('user'), content: ChatContentSchema }),
  z.looseObject({
    role: z.literal('assistant'),
    content: ChatContentSchema.nullish(),
    tool_calls: z.array(ChatToolCallSchema).optional(),
    reasoning: z.string().optional(),
  }),
  z.looseObject({ role: z.literal('tool'), tool_call_id: z.string(), content: ChatContentSchema }),
]);
/** One Chat Completions message. */
export type ChatMessage = z.infer<typeof ChatMessageSchema>;

/** POST /v1/chat/completions body: `{model, messages, stream:true, tools}`. */
export const ChatCompletionsRequestSchema = z.looseObject({
  model: z.string(),
  messages: z.array(ChatMessageSchema),
  stream: z.boolean(),
  tools: z.array(ChatToolSchema).optional(),
  stream_options: z.looseObject({ include_usage: z.boolean().optional() }).optional(),
});
/** A Chat Completions request body. */
export type ChatCompletionsRequest = z.infer<typeof ChatCompletionsRequestSchema>;

/** A `tool_calls` delta: fragments accumulated by `index`. */
export const ChatToolCallDeltaSchema = z.looseObject({
  index: z.number().int().nonnegative().optional(),
  id: z.string().nullish(),
  type: z.string().nullish(),
  function: z.looseObject({ name: z.string().nullish(), arguments: z.string().nullish() }).nullish(),
});
/** A tool call fragment. */
export type ChatToolCallDelta = z.infer<typeof ChatToolCallDeltaSchema>;

/** `choices[].delta`: text, reasoning (a string or `{text}`), tool call fragments. */
export const ChatDeltaSchema = z.looseObject({
  role: z.string().nullish(),
  content: z.string().nullish(),
  reasoning: z.union([z.string(), z.looseObject({ text: z.string() })]).nullish(),
  tool_calls: z.array(ChatToolCallDeltaSchema).nullish(),
});
/** A streamed delta. */
export type ChatDelta = z.infer<typeof ChatDeltaSchema>;

/** One choice of a stream chunk. */
export const ChatChunkChoiceSchema = z.looseObject({
  index: z.number().int().nonnegative().optional(),
  delta: ChatDeltaSchema,
  /** `stop`, `tool_calls`, `length`, … */
  finish_reason: z.string().nullish(),
});

/** Chat usage. */
export const ChatUsageSchema = z.looseObject({
  prompt_tokens: z.number(),
  completion_tokens: z.number(),
  total_tokens: z.number(),
});

/** The JSON of one `data:` line of the stream (the literal `[DONE]` ends it and is not JSON). */
export const ChatCompletionChunkSchema = z.looseObject({
  id: z.string().optional(),
  object: z.string().optional(),
  created: z.number().optional(),
  model: z.string().optional(),
  choices: z.array(ChatChunkChoiceSchema),
  usage: ChatUsageSchema.nullish(),
});
/** One stream chunk. */
export type ChatCompletionChunk = z.infer<typeof ChatCompletionChunkSchema>;

/** The sentinel `data:` payload that ends a Chat Completions stream. */
export const CHAT_STREAM_DONE = '[DONE]';

// Inferred types for the schemas above that have no alias next to them.
/** Inferred from `ChatContentSchema`. */
export type ChatContent = z.infer<typeof ChatContentSchema>;
/** Inferred from `ChatChunkChoiceSchema`. */
export type ChatChunkChoice = z.infer<typeof ChatChunkChoiceSchema>;
/** Inferred from `ChatUsageSchema`. */
export type ChatUsage = z.infer<typeof ChatUsageSchema>;

// Rollout files ($CODEX_HOME/sessions/YYYY/MM/DD/rollout-*.jsonl), one
// RolloutLine per line: {timestamp, type, payload} (0.169 adds `ordinal` and
// `metadata`). Known line types are validated; unknown ones (0.169's
// `world_state`, `token_usage_record`) are kept verbatim, as Codex skips them.
import { z } from 'zod';
import { AnyEventMsgSchema } from './events.js';
import { openUnion } from './internal/open-union.js';
import { ResponseItemSchema } from './models.js';
import {
  AskForApprovalWireSchema,
  ReasoningEffortSchema,
  ReasoningSummarySchema,
  SandboxPolicyWireSchema,
} from './policy.js';

/** Where a session came from: `cli|vscode|exec|mcp|unknown`, or `{"subagent": …}` in later versions. */
export const SessionSourceSchema = z.union([
  z.enum(['cli', 'vscode', 'exec', 'mcp', 'unknown']),
  z.looseObject({ subagent: z.unknown() }),
]);
/** Where a session came from. */
export type SessionSource = z.infer<typeof SessionSourceSchema>;

/** `git` of session_meta. */
export const GitInfoSchema = z.looseObject({
  commit_hash: z.string().nullish(),
  branch: z.string().nullish(),
  repository_url: z.string().nullish(),
});
/** Git state at session start. */
export type GitInfo = z.infer<typeof GitInfoSchema>;

/**
 * `session_meta` payload (first line). 0.47: `{id, timestamp, cwd, originator,
 * cli_version, instructions?, source, git?}`; later versions add
 * `model_provider`, `base_instructions{text}`, `history_mode`, and may name
 * the id `session_id`.
 */
export const SessionMetaSchema = z.looseObject({
  id: z.string().optional(),
  session_id: z.string().optional(),
  timestamp: z.string().optional(),
  cwd: z.string(),
  originator: z.string(),
  cli_version: z.string(),
  instructions: z.string().nullish(),
  source: SessionSourceSchema.optional(),
  model_provider: z.string().nullish(),
  base_instructions: z.union([z.looseObject({ text: z.string() }), z.string()]).nullish(),
  git: GitInfoSchema.nullish(),
});
/** `session_meta` payload. */
export type SessionMeta = z.infer<typeof SessionMetaSchema>;

/** `turn_context` payload: the settings a turn ran with. */
export const TurnContextItemSchema = z.looseObject({
  cwd: z.string(),
  approval_policy: AskForApprovalWireSchema,
  sandbox_policy: SandboxPolicyWireSchema.optional(),
  model: z.string(),
  effort: ReasoningEffortSchema.nullish(),
  summary: ReasoningSummarySchema.optional(),
});
/** `turn_context` payload. */
export type TurnContextItem = z.infer<typeof TurnContextItemSchema>;

/** `compacted` payload: the summary that replaced earlier history. */
export const CompactedItemSchema = z.looseObject({
  message: z.string(),
  replacement_history: z.array(ResponseItemSchema).nullish(),
});
/** `compacted` payload. */
export type CompactedItem = z.infer<typeof CompactedItemSchema>;

const lineBase = {
  /** UTC, `YYYY-MM-DDThh:mm:ss.mmmZ`. */
  timestamp: z.string(),
  /** 0.169+: position of the line in the file. */
  ordinal: z.number().optional(),
  /** 0.169+: e.g. `{history_sequence, sampled_through_sequence, client_authored, user_input_order}`. */
  metadata: z.looseObject({}).optional(),
};

/** `{"type":"session_meta"}` line. */
export const SessionMetaLineSchema = z.looseObject({
  ...lineBase,
  type: z.literal('session_meta'),
  payload: SessionMetaSchema,
});
/** `{"type":"response_item"}` line. */
export const ResponseItemLineSchema = z.looseObject({
  ...lineBase,
  type: z.literal('response_item'),
  payload: ResponseItemSchema,
});
/** `{"type":"compacted"}` line. */
export const CompactedLineSchema = z.looseObject({
  ...lineBase,
  type: z.literal('compacted'),
  payload: CompactedItemSchema,
});
/** `{"type":"turn_context"}` line. */
export const TurnContextLineSchema = z.looseObject({
  ...lineBase,
  type: z.literal('turn_context'),
  payload: TurnContextItemSchema,
});
/** `{"type":"event_msg"}` line (any EventMsg, unknown types tolerated). */
export const EventMsgLineSchema = z.looseObject({
  ...lineBase,
  type: z.literal('event_msg'),
  payload: AnyEventMsgSchema,
});

/** The rollout line kinds Codex 0.47 writes. */
export const ROLLOUT_ITEM_TYPES = ['session_meta', 'response_item', 'compacted', 'turn_context', 'event_msg'] as const;
/** A rollout line kind. */
export type RolloutItemType = (typeof ROLLOUT_ITEM_TYPES)[number];

/** The known rollout line kinds. */
export const KnownRolloutLineSchema = z.discriminatedUnion('type', [
  SessionMetaLineSchema,
  ResponseItemLineSchema,
  CompactedLineSchema,
  TurnContextLineSchema,
  EventMsgLineSchema,
]);
/** A known rollout line. */
export type KnownRolloutLine = z.infer<typeof KnownRolloutLineSchema>;

/** A line kind not modelled here (0.169: `world_state`, `token_usage_record`); kept verbatim. */
export const OtherRolloutLineSchema = z.looseObject({ ...lineBase, type: z.string(), payload: z.unknown() });
/** A line kind not modelled here. */
export type OtherRolloutLine = z.infer<typeof OtherRolloutLineSchema>;

/** One line of a rollout file. */
export const RolloutLineSchema = openUnion('type', ROLLOUT_ITEM_TYPES, KnownRolloutLineSchema, OtherRolloutLineSchema);
/** One line of a rollout file. */
export type RolloutLine = z.infer<typeof RolloutLineSchema>;

// Inferred types for the schemas above that have no alias next to them.
/** Inferred from `SessionMetaLineSchema`. */
export type SessionMetaLine = z.infer<typeof SessionMetaLineSchema>;
/** Inferred from `ResponseItemLineSchema`. */
export type ResponseItemLine = z.infer<typeof ResponseItemLineSchema>;
/** Inferred from `CompactedLineSchema`. */
export type CompactedLine = z.infer<typeof CompactedLineSchema>;
/** Inferred from `TurnContextLineSchema`. */
export type TurnContextLine = z.infer<typeof TurnContextLineSchema>;
/** Inferred from `EventMsgLineSchema`. */
export type EventMsgLine = z.infer<typeof EventMsgLineSchema>;

// Policies shared by ops, events, rollouts and config: approval, sandbox,
// review decisions, reasoning knobs. Wire values are Codex's, byte for byte.
import { z } from 'zod';

/** When Codex asks the user before running a command (kebab-case on the wire). */
export const AskForApprovalSchema = z.enum(['untrusted', 'on-failure', 'on-request', 'never']);
/** When Codex asks the user before running a command. */
export type AskForApproval = z.infer<typeof AskForApprovalSchema>;

/** 0.125+ `granular` approval: `{"granular": {...}}` (fields kept as-is). */
export const GranularAskForApprovalSchema = z.looseObject({ granular: z.looseObject({}) });
/** 0.125+ `granular` approval config. */
export type GranularAskForApproval = z.infer<typeof GranularAskForApprovalSchema>;

/** Any approval policy a rollout or config may carry: a named policy or the 0.125+ granular object. */
export const AskForApprovalWireSchema = z.union([AskForApprovalSchema, GranularAskForApprovalSchema]);
/** Any approval policy a rollout or config may carry. */
export type AskForApprovalWire = z.infer<typeof AskForApprovalWireSchema>;

/** The `sandbox_mode` config value / `-s` flag. */
export const SandboxModeSchema = z.enum(['read-only', 'workspace-write', 'danger-full-access']);
/** The `sandbox_mode` config value / `-s` flag. */
export type SandboxMode = z.infer<typeof SandboxModeSchema>;

const workspaceWriteFields = {
  writable_roots: z.array(z.string()).optional(),
  network_access: z.boolean().optional(),
  exclude_tmpdir_env_var: z.boolean().optional(),
  exclude_slash_tmp: z.boolean().optional(),
};

/** `{"mode":"danger-full-access"}`: no restrictions. */
export const DangerFullAccessPolicySchema = z.looseObject({ mode: z.literal('danger-full-access') });
/** `{"mode":"read-only"}`: read anything, write nothing, no network. */
export const ReadOnlyPolicySchema = z.looseObject({ mode: z.literal('read-only') });
/** `{"mode":"workspace-write", writable_roots, network_access, exclude_tmpdir_env_var, exclude_slash_tmp}`. */
export const WorkspaceWritePolicySchema = z.looseObject({
  mode: z.literal('workspace-write'),
  ...workspaceWriteFields,
});

/** Sandbox policy as Codex 0.47 serialises it (`#[serde(tag = "mode")]`, kebab-case). */
export const SandboxPolicySchema = z.discriminatedUnion('mode', [
  DangerFullAccessPolicySchema,
  ReadOnlyPolicySchema,
  WorkspaceWritePolicySchema,
]);
/** Sandbox policy as Codex 0.47 serialises it. */
export type SandboxPolicy = z.infer<typeof SandboxPolicySchema>;

/**
 * Sandbox policy as later Codex versions serialise it (`#[serde(tag = "type")]`),
 * including `external-sandbox`. Extra fields (e.g. `access`) are kept.
 */
export const SandboxPolicyTypedSchema = z.discriminatedUnion('type', [
  z.looseObject({ type: z.literal('danger-full-access') }),
  z.looseObject({ type: z.literal('read-only') }),
  z.looseObject({ type: z.literal('external-sandbox'), network_access: z.unknown().optional() }),
  z.looseObject({ type: z.literal('workspace-write'), ...workspaceWriteFields }),
]);
/** Sandbox policy as later Codex versions serialise it. */
export type SandboxPolicyTyped = z.infer<typeof SandboxPolicyTypedSchema>;

/** A sandbox policy in either serialisation (read from rollouts of any version). */
export const SandboxPolicyWireSchema = z.union([SandboxPolicySchema, SandboxPolicyTypedSchema]);
/** A sandbox policy in either serialisation. */
export type SandboxPolicyWire = z.infer<typeof SandboxPolicyWireSchema>;

/** The user's answer to an approval request (snake_case). */
export const ReviewDecisionSchema = z.enum(['approved', 'approved_for_session', 'denied', 'abort']);
/** The user's answer to an approval request. */
export type ReviewDecision = z.infer<typeof ReviewDecisionSchema>;

/** 0.125+ decisions that carry a policy amendment, e.g. `{"approved_execpolicy_amendment":{...}}`. */
export const ReviewDecisionAmendmentSchema = z.union([
  z.looseObject({ approved_execpolicy_amendment: z.looseObject({}) }),
  z.looseObject({ network_policy_amendment: z.looseObject({}) }),
]);
/** 0.125+ decisions that carry a policy amendment. */
export type ReviewDecisionAmendment = z.infer<typeof ReviewDecisionAmendmentSchema>;

/** Any review decision of any version. */
export const ReviewDecisionWireSchema = z.union([ReviewDecisionSchema, ReviewDecisionAmendmentSchema]);
/** Any review decision of any version. */
export type ReviewDecisionWire = z.infer<typeof ReviewDecisionWireSchema>;

/** `model_reasoning_effort` / `reasoning.effort` (0.47: minimal..high; later adds none and xhigh). */
export const ReasoningEffortSchema = z.enum(['none', 'minimal', 'low', 'medium', 'high', 'xhigh']);
/** Reasoning effort. */
export type ReasoningEffort = z.infer<typeof ReasoningEffortSchema>;

/** `model_reasoning_summary` / `reasoning.summary`. */
export const ReasoningSummarySchema = z.enum(['auto', 'concise', 'detailed', 'none']);
/** Reasoning summary mode. */
export type ReasoningSummary = z.infer<typeof ReasoningSummarySchema>;

/** `model_verbosity` / `text.verbosity` (GPT-5 family). */
export const VerbositySchema = z.enum(['low', 'medium', 'high']);
/** Output verbosity. */
export type Verbosity = z.infer<typeof VerbositySchema>;

/** `model_reasoning_summary_format`. */
export const ReasoningSummaryFormatSchema = z.enum(['none', 'experimental']);
/** Reasoning summary format. */
export type ReasoningSummaryFormat = z.infer<typeof ReasoningSummaryFormatSchema>;

// Inferred types for the schemas above that have no alias next to them.
/** Inferred from `DangerFullAccessPolicySchema`. */
export type DangerFullAccessPolicy = z.infer<typeof DangerFullAccessPolicySchema>;
/** Inferred from `ReadOnlyPolicySchema`. */
export type ReadOnlyPolicy = z.infer<typeof ReadOnlyPolicySchema>;
/** Inferred from `WorkspaceWritePolicySchema`. */
export type WorkspaceWritePolicy = z.infer<typeof WorkspaceWritePolicySchema>;

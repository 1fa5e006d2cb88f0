// Review mode shapes (protocol.rs): the request that starts a review and the
// structured output the reviewer returns.
import { z } from 'zod';

/**
 * What a review looks at (newer Codex): `{type: "uncommittedChanges"}`, `{type: "baseBranch",
 * branch}`, `{type: "commit", sha, title?}` or `{type: "custom", instructions}`.
 */
export const ReviewTargetSchema = z.discriminatedUnion('type', [
  z.looseObject({ type: z.literal('uncommittedChanges') }),
  z.looseObject({ type: z.literal('baseBranch'), branch: z.string() }),
  z.looseObject({ type: z.literal('commit'), sha: z.string(), title: z.string().nullish() }),
  z.looseObject({ type: z.literal('custom'), instructions: z.string() }),
]);
/** A review target. */
export type ReviewTarget = z.infer<typeof ReviewTargetSchema>;

/**
 * `ReviewRequest` (op `review`, event `entered_review_mode`): newer Codex sends a `target`
 * (the prompt is derived from it); 0.47 sent the `prompt` itself. One of the two is needed.
 */
export const ReviewRequestSchema = z.looseObject({
  target: ReviewTargetSchema.optional(),
  prompt: z.string().optional(),
  user_facing_hint: z.string().nullish(),
});
/** A review request. */
export type ReviewRequest = z.infer<typeof ReviewRequestSchema>;

/** A code location a finding points at. */
export const ReviewCodeLocationSchema = z.looseObject({
  absolute_file_path: z.string(),
  line_range: z.looseObject({ start: z.number(), end: z.number() }),
});

/** One review finding. */
export const ReviewFindingSchema = z.looseObject({
  title: z.string(),
  body: z.string(),
  confidence_score: z.number(),
  priority: z.number(),
  code_location: ReviewCodeLocationSchema,
});
/** One review finding. */
export type ReviewFinding = z.infer<typeof ReviewFindingSchema>;

/** `ReviewOutputEvent{findings, overall_correctness, overall_explanation, overall_confidence_score}`. */
export const ReviewOutputSchema = z.looseObject({
  findings: z.array(ReviewFindingSchema),
  overall_correctness: z.string(),
  overall_explanation: z.string(),
  overall_confidence_score: z.number(),
});
/** Structured review output. */
export type ReviewOutput = z.infer<typeof ReviewOutputSchema>;

// Inferred types for the schemas above that have no alias next to them.
/** Inferred from `ReviewCodeLocationSchema`. */
export type ReviewCodeLocation = z.infer<typeof ReviewCodeLocationSchema>;

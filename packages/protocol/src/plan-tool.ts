// update_plan arguments (codex-rs/protocol/src/plan_tool.rs), also the
// payload of the `plan_update` event.
import { z } from 'zod';

/** Status of one plan step. */
export const StepStatusSchema = z.enum(['pending', 'in_progress', 'completed']);
/** Status of one plan step. */
export type StepStatus = z.infer<typeof StepStatusSchema>;

/** `{step, status}`. */
export const PlanItemSchema = z.looseObject({ step: z.string(), status: StepStatusSchema });
/** One plan step. */
export type PlanItem = z.infer<typeof PlanItemSchema>;

/** `UpdatePlanArgs{explanation?, plan[]}`. */
export const UpdatePlanArgsSchema = z.looseObject({
  explanation: z.string().nullish(),
  plan: z.array(PlanItemSchema),
});
/** Arguments of the update_plan tool. */
export type UpdatePlanArgs = z.infer<typeof UpdatePlanArgsSchema>;

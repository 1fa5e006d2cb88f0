// `update_plan`: the model's todo list, surfaced as a `plan_update` event.
import { parseArguments } from './registry.js';
import { ToolInputError, type ToolHandler } from './types.js';

const STATUSES = ['pending', 'in_progress', 'completed'] as const;

/** The update_plan tool. */
export const planTool: ToolHandler = {
  name: 'update_plan',
  spec: {
    type: 'function',
    name: 'update_plan',
    description:
      'Updates the task plan.\nProvide an optional explanation and a list of plan items, each with a step and status.\nAt most one step can be in_progress at a time.',
    strict: false,
    parameters: {
      type: 'object',
      properties: {
        explanation: { type: 'string' },
        plan: {
          type: 'array',
          description: 'The list of steps',
          items: {
            type: 'object',
            properties: {
              step: { type: 'string' },
              status: { type: 'string', description: 'One of: pending, in_progress, completed' },
            },
            required: ['step', 'status'],
            additionalProperties: false,
          },
        },
      },
      required: ['plan'],
      additionalProperties: false,
    },
  },
  async handle(call, ctx) {
    const args = parseArguments<{ explanation?: unknown; plan?: unknown }>(call);
    if (!Array.isArray(args.plan)) throw new ToolInputError('failed to parse function arguments: missing field `plan`');
    const plan = args.plan.map((p: unknown, i: number) => {
      const step = (p as { step?: unknown })?.step;
      const status = (p as { status?: unknown })?.status;
      if (typeof step !== 'string' || !STATUSES.includes(status as (typeof STATUSES)[number])) {
        throw new ToolInputError(`failed to parse function arguments: plan[${i}] needs a string \`step\` and a \`status\` of ${STATUSES.join(', ')}`);
      }
      return { step, status: status as (typeof STATUSES)[number] };
    });
    ctx.emit({ type: 'plan_update', ...(typeof args.explanation === 'string' ? { explanation: args.explanation } : {}), plan });
    return { content: 'Plan updated', success: true };
  },
};

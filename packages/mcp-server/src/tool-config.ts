// The `codex` and `codex-reply` tools as Codex's MCP server declared them: kebab-case
// parameters for `codex` (prompt, model, profile, cwd, approval-policy, sandbox, config,
// base-instructions, include-plan-tool), `threadId`/`conversationId` + prompt for `codex-reply`,
// and `{threadId, content}` as structured output. Arguments are parsed with zod here (the trust
// boundary); errors name the field.
import { z } from 'zod';

const OUTPUT_SCHEMA = {
  type: 'object',
  properties: { threadId: { type: 'string' }, content: { type: 'string' } },
  required: ['threadId', 'content'],
} as const;

/** `tools/list` entry of `codex`. */
export const CODEX_TOOL = {
  name: 'codex',
  title: 'Codex',
  description: 'Run a Codex session. Accepts configuration parameters matching the Codex Config struct.',
  inputSchema: {
    type: 'object',
    properties: {
      'approval-policy': {
        description: 'When the agent must ask before running a command: `untrusted`, `on-failure`, `on-request` or `never`.',
        enum: ['untrusted', 'on-failure', 'on-request', 'never'],
        type: 'string',
      },
      'base-instructions': { description: 'Instructions that replace the built-in system prompt.', type: 'string' },
      config: { additionalProperties: true, description: 'config.toml settings to override for this session (dotted keys allowed), as JSON values.', type: 'object' },
      cwd: { description: "The session's working directory; a relative path is taken against the server's own working directory.", type: 'string' },
      'include-plan-tool': { description: 'Offer the update_plan tool to the model.', type: 'boolean' },
      model: { description: 'Model to use instead of the configured one.', type: 'string' },
      profile: { description: 'A [profiles.NAME] table of config.toml to apply.', type: 'string' },
      prompt: { description: 'The first user message of the conversation.', type: 'string' },
      sandbox: { description: 'Sandbox mode: `read-only`, `workspace-write` or `danger-full-access`.', enum: ['read-only', 'workspace-write', 'danger-full-access'], type: 'string' },
    },
    required: ['prompt'],
  },
  outputSchema: OUTPUT_SCHEMA,
};

/** `tools/list` entry of `codex-reply`. */
export const CODEX_REPLY_TOOL = {
  name: 'codex-reply',
  title: 'Codex Reply',
  description: 'Continue a Codex conversation by providing the thread id and prompt.',
  inputSchema: {
    type: 'object',
    properties: {
      conversationId: { description: 'Old name of threadId (still accepted).', type: 'string' },
      prompt: { description: 'The next user message of the conversation.', type: 'string' },
      threadId: { description: 'The thread id a `codex` call returned.', type: 'string' },
    },
    required: ['prompt'],
  },
  outputSchema: OUTPUT_SCHEMA,
};

/** Arguments of `codex`. */
export const CodexToolParamsSchema = z.strictObject({
  prompt: z.string(),
  model: z.string().optional(),
  profile: z.string().optional(),
  cwd: z.string().optional(),
  'approval-policy': z.enum(['untrusted', 'on-failure', 'on-request', 'never']).optional(),
  sandbox: z.enum(['read-only', 'workspace-write', 'danger-full-access']).optional(),
  config: z.record(z.string(), z.unknown()).optional(),
  'base-instructions': z.string().optional(),
  'include-plan-tool': z.boolean().optional(),
});
/** Arguments of `codex`. */
export type CodexToolParams = z.infer<typeof CodexToolParamsSchema>;

/** Arguments of `codex-reply`. */
export const CodexReplyParamsSchema = z
  .strictObject({ threadId: z.string().optional(), conversationId: z.string().optional(), prompt: z.string() })
  .refine((p) => p.threadId !== undefined || p.conversationId !== undefined, { message: 'either threadId or conversationId must be provided', path: ['threadId'] });
/** Arguments of `codex-reply`. */
export type CodexReplyParams = z.infer<typeof CodexReplyParamsSchema>;

/** A zod error as `field: problem`. */
export function describeZodError(err: z.ZodError): string {
  const issue = err.issues[0]!;
  const path = issue.path.map(String).join('.');
  return `${path === '' ? 'arguments' : path}: ${issue.message}`;
}

/** A JSON value as a TOML value (for `-c key=value` overrides). */
export function jsonToToml(v: unknown): string {
  if (v === null || v === undefined) return '""';
  if (typeof v === 'string') return JSON.stringify(v).replace(/\u007f/g, '\\u007f');
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `[${v.map(jsonToToml).join(', ')}]`;
  return `{ ${Object.entries(v as Record<string, unknown>).map(([k, x]) => `${JSON.stringify(k)} = ${jsonToToml(x)}`).join(', ')} }`;
}

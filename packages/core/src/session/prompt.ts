// Builds what a session sends: the initial context messages, user input items, the tool
// registry for a model, and the Prompt for each request.
import type { InputItem } from '@codex-ts/protocol';
import type { Prompt, ResponseItem } from '../client/types.js';
import { renderEnvironmentContext, renderUserInstructions, type EnvironmentContext } from '../context/environment-context.js';
import { applyPatchTool } from '../tools/apply-patch.js';
import { planTool } from '../tools/plan.js';
import { ToolRegistry } from '../tools/registry.js';
import { shellTool } from '../tools/shell.js';
import { imageDataUrl, viewImageTool } from '../tools/view-image.js';
import { webSearchTool } from '../tools/web-search.js';
import type { ModelFamily } from './model-info.js';
import type { ToolSetChoice } from './tool-set.js';
import { execCommandTool, writeStdinTool } from '../tools/unified-exec.js';

/** A user message item with input_text parts. */
export function userMessage(text: string): ResponseItem {
  return { type: 'message', role: 'user', content: [{ type: 'input_text', text }] };
}

/** The two context messages Codex sends first: user instructions (if any) and environment. */
export function initialContext(userInstructions: string | null, env: EnvironmentContext): ResponseItem[] {
  const out: ResponseItem[] = [];
  if (userInstructions) out.push(userMessage(renderUserInstructions(userInstructions)));
  out.push(userMessage(renderEnvironmentContext(env)));
  return out;
}

/** Convert op input items to one user message (images become data URLs). */
export async function inputItemsToMessage(items: InputItem[]): Promise<ResponseItem> {
  const content: Record<string, unknown>[] = [];
  for (const it of items) {
    if (it.type === 'text') content.push({ type: 'input_text', text: it.text });
    else if (it.type === 'image') content.push({ type: 'input_image', image_url: it.image_url });
    else if (it.type === 'local_image') {
      try {
        content.push({ type: 'input_image', image_url: await imageDataUrl(it.path) });
      } catch (err: unknown) {
        content.push({ type: 'input_text', text: `[image ${it.path} could not be read: ${(err as Error).message}]` });
      }
    }
  }
  return { type: 'message', role: 'user', content };
}

/** The tools a model gets. */
export function buildToolRegistry(
  family: ModelFamily,
  opts: { includePlanTool: boolean; includeViewImage: boolean; webSearch?: 'disabled' | 'cached' | 'live'; toolSet?: ToolSetChoice },
): ToolRegistry {
  const reg = new ToolRegistry();
  const toolSet = opts.toolSet ?? { shell: 'shell', applyPatch: family.applyPatchTool };
  if (toolSet.shell === 'shell') reg.register(shellTool, ['container.exec', 'local_shell']);
  else if (toolSet.shell === 'unified_exec') {
    reg.register(execCommandTool);
    reg.register(writeStdinTool);
  }
  if (opts.includePlanTool) reg.register(planTool);
  reg.register(applyPatchTool(toolSet.applyPatch), ['applypatch']);
  if (opts.webSearch === 'cached' || opts.webSearch === 'live') reg.register(webSearchTool(opts.webSearch));
  if (opts.includeViewImage) reg.register(viewImageTool);
  return reg;
}

/** Inputs for {@link buildPrompt}. */
export interface PromptParts {
  model: string;
  instructions: string;
  family: ModelFamily;
  tools: ToolRegistry;
  conversationId: string;
  effort?: string;
  summary?: string;
  verbosity?: string;
  outputSchema?: unknown;
}

/** One request's prompt. */
export function buildPrompt(parts: PromptParts, input: ResponseItem[]): Prompt {
  return {
    model: parts.model,
    instructions: parts.instructions,
    input,
    tools: parts.tools.specs,
    parallel_tool_calls: parts.family.parallelToolCalls,
    ...(parts.family.supportsReasoningSummaries
      ? {
          reasoning: {
            ...(parts.effort ? { effort: parts.effort } : {}),
            ...(parts.summary && parts.summary !== 'none' ? { summary: parts.summary } : {}),
          },
        }
      : {}),
    ...(parts.family.supportsVerbosity && parts.verbosity ? { verbosity: parts.verbosity as 'low' | 'medium' | 'high' } : {}),
    ...(parts.outputSchema !== undefined ? { output_schema: parts.outputSchema } : {}),
    conversation_id: parts.conversationId,
  };
}

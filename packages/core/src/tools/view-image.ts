// `view_image`: attaches a local image to the next model request as a data URL.
import { readFile, stat } from 'node:fs/promises';
import { extname, resolve } from 'node:path';
import { parseArguments } from './registry.js';
import { ToolInputError, type ToolHandler } from './types.js';

const MIME: Record<string, string> = {
  '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.gif': 'image/gif', '.webp': 'image/webp', '.bmp': 'image/bmp',
};

/** The MIME type for an image path (by extension). */
export function imageMime(path: string): string {
  return MIME[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

/** Read a local image as a `data:` URL. */
export async function imageDataUrl(path: string): Promise<string> {
  const bytes = await readFile(path);
  return `data:${imageMime(path)};base64,${bytes.toString('base64')}`;
}

/** The view_image tool. */
export const viewImageTool: ToolHandler = {
  name: 'view_image',
  spec: {
    type: 'function',
    name: 'view_image',
    description: 'Attach a local image (by filesystem path) to the conversation context for this turn.',
    strict: false,
    parameters: {
      type: 'object',
      properties: { path: { type: 'string', description: 'Local filesystem path to an image file' } },
      required: ['path'],
      additionalProperties: false,
    },
  },
  async handle(call, ctx) {
    const args = parseArguments<{ path?: unknown }>(call);
    if (typeof args.path !== 'string') throw new ToolInputError('failed to parse function arguments: missing field `path`');
    const abs = resolve(ctx.turn.cwd, args.path);
    try {
      const st = await stat(abs);
      if (!st.isFile()) throw new Error('not a file');
      ctx.attachImage(await imageDataUrl(abs));
    } catch (err: unknown) {
      return { content: `unable to locate image at \`${abs}\`: ${(err as Error).message}`, success: false };
    }
    ctx.emit({ type: 'view_image_tool_call', call_id: call.call_id, path: abs });
    return { content: 'attached local image path', success: true };
  },
};

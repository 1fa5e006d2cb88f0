// What the model reads back from an MCP tool call: a `function_call_output` whose output is a
// list of content items (text as `input_text`, images as `input_image` data URLs, resources and
// structured content as JSON text), headed by the wall time as Codex 0.169 sends it. Failures
// are plain text outputs marked unsuccessful.
import type { CallToolResult } from '@codex-ts/mcp-client';

/** One output content item (Responses `function_call_output.output` array element). */
export type OutputContentItem = { type: 'input_text'; text: string } | { type: 'input_image'; image_url: string };

/** Content items for a successful call. */
export function mcpResultItems(result: CallToolResult, wallMs: number): OutputContentItem[] {
  const items: OutputContentItem[] = [{ type: 'input_text', text: `Wall time: ${(wallMs / 1000).toFixed(4)} seconds\nOutput:` }];
  const content = Array.isArray(result.content) ? result.content : [];
  for (const c of content) {
    if (c.type === 'text') items.push({ type: 'input_text', text: c.text });
    else if (c.type === 'image' && typeof c.data === 'string' && typeof c.mimeType === 'string' && /^image\/[\w.+-]+$/.test(c.mimeType)) {
      items.push({ type: 'input_image', image_url: `data:${c.mimeType};base64,${c.data}` });
    } else items.push({ type: 'input_text', text: JSON.stringify(c) });
  }
  if (result.structuredContent !== undefined && result.structuredContent !== null && content.length === 0) {
    items.push({ type: 'input_text', text: JSON.stringify(result.structuredContent) });
  }
  return items;
}

/** The text-only form (for logs and wires that cannot carry images). */
export function mcpResultText(items: OutputContentItem[]): string {
  return items.map((i) => (i.type === 'input_text' ? i.text : '<image>')).join('\n');
}

/** Duration in Codex's `{secs, nanos}` shape. */
export function durationOf(ms: number): { secs: number; nanos: number } {
  const secs = Math.floor(ms / 1000);
  return { secs, nanos: Math.round((ms - secs * 1000) * 1e6) };
}

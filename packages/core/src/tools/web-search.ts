// The hosted `web_search` tool: only a spec in the request's `tools` array. The model
// provider runs the search itself and streams `web_search_call` items, which the turn loop
// reports as web_search_begin / web_search_end; nothing is ever dispatched locally.
import type { ToolHandler } from './types.js';

/** The spec for `web_search = "cached"` (no live fetches) or `"live"`. */
export function webSearchTool(mode: 'cached' | 'live'): ToolHandler {
  return {
    name: 'web_search',
    spec: { type: 'web_search', external_web_access: mode === 'live' },
    async handle() {
      return { content: 'web_search is run by the model provider, not locally', success: false };
    },
  };
}

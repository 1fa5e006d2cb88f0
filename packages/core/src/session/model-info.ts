// What codex-ts knows about a model slug: context window, reasoning summaries, which
// apply_patch tool variant it gets, parallel tool calls (Codex's model family table).

/** Per-model facts the prompt builder needs. */
export interface ModelFamily {
  slug: string;
  contextWindow?: number;
  supportsReasoningSummaries: boolean;
  applyPatchTool: 'freeform' | 'function';
  parallelToolCalls: boolean;
  /** gpt-5 family: `text.verbosity` is sent. */
  supportsVerbosity: boolean;
}

/** Look up a slug (prefix rules as in Codex's tables). */
export function modelFamily(slug: string, wireApi: 'responses' | 'chat'): ModelFamily {
  const s = slug.toLowerCase();
  const reasoning = s.startsWith('gpt-5') || s.startsWith('codex-') || s.startsWith('o3') || s.startsWith('o4-mini') || s === 'codex-mini-latest';
  let contextWindow: number | undefined;
  if (s.startsWith('gpt-5') || s.startsWith('codex-')) contextWindow = 272_000;
  else if (s.startsWith('o3') || s.startsWith('o4-mini') || s === 'codex-mini-latest') contextWindow = 200_000;
  else if (s.startsWith('gpt-4.1')) contextWindow = 1_047_576;
  else if (s.startsWith('gpt-4o')) contextWindow = 128_000;
  else if (s.startsWith('gpt-oss')) contextWindow = 96_000;
  const freeformCapable = wireApi === 'responses' && (s.startsWith('gpt-5') || s.startsWith('codex-'));
  return {
    slug,
    contextWindow,
    supportsReasoningSummaries: reasoning && wireApi === 'responses',
    applyPatchTool: freeformCapable ? 'freeform' : 'function',
    parallelToolCalls: wireApi === 'responses' && (s.startsWith('codex-') || s.startsWith('gpt-5')),
    supportsVerbosity: s.startsWith('gpt-5') && !s.includes('codex'),
  };
}

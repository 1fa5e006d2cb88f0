// One task (a user turn): sample the model, run the tool calls it made (concurrently),
// feed the outputs back, repeat until a response has no tool calls. Errors become `error`
// events; an abort ends quietly (the session reports `turn_aborted`).
import type { EventMsg } from '@codex-ts/protocol';
import type { Logger } from 'pino';
import { ModelClientError } from '../client/errors.js';
import type { ModelClient } from '../client/model-client.js';
import type { Prompt, ResponseEvent, ResponseItem, TokenUsage } from '../client/types.js';
import { toolCallFromItem, type ToolRegistry } from '../tools/registry.js';
import type { ToolContext } from '../tools/types.js';

/** What a turn needs from its session. */
export interface TurnDeps {
  client: ModelClient;
  tools: ToolRegistry;
  history: ResponseItem[];
  /** Persist items (rollout) as they join the history. */
  recordItems(items: ResponseItem[]): void;
  emit(msg: EventMsg): void;
  buildPrompt(input: ResponseItem[]): Prompt;
  toolContext: Omit<ToolContext, 'signal'>;
  /** Items (user input, attached images) that arrived while the turn ran. */
  takePendingInput(): ResponseItem[];
  onUsage(usage: TokenUsage | undefined): void;
  /** Runs before every model request (automatic compaction may replace the history here). */
  beforeSample?(): Promise<void>;
  showRawReasoning: boolean;
  log?: Logger;
}

/** Outcome of one sampling request. */
interface Sample {
  items: ResponseItem[];
  usage?: TokenUsage;
}

/** Runs the task; resolves with the last assistant message (or null). Never throws. */
export async function runTask(deps: TurnDeps, signal: AbortSignal): Promise<{ lastAgentMessage: string | null; failed: boolean }> {
  let lastAgentMessage: string | null = null;
  for (;;) {
    const pending = deps.takePendingInput();
    if (pending.length > 0) {
      deps.history.push(...pending);
      deps.recordItems(pending);
    }
    if (deps.beforeSample) await deps.beforeSample();
    if (signal.aborted) return { lastAgentMessage, failed: false };
    let sample: Sample;
    try {
      sample = await sampleOnce(deps, deps.buildPrompt([...deps.history]), signal);
    } catch (err: unknown) {
      if (signal.aborted) return { lastAgentMessage, failed: false };
      const message = err instanceof ModelClientError ? err.message : `unexpected error: ${(err as Error)?.message ?? String(err)}`;
      deps.log?.error({ err, code: (err as ModelClientError).code }, 'model request failed');
      deps.emit({ type: 'error', message });
      return { lastAgentMessage, failed: true };
    }
    deps.history.push(...sample.items);
    deps.recordItems(sample.items);
    deps.onUsage(sample.usage);
    for (const it of sample.items) {
      const text = assistantText(it);
      if (text !== null) lastAgentMessage = text;
    }
    const calls = sample.items.map(toolCallFromItem).filter((c) => c !== null);
    if (calls.length === 0) return { lastAgentMessage, failed: false };
    const ctx: ToolContext = { ...deps.toolContext, signal, log: deps.log };
    let outputs: ResponseItem[];
    try {
      outputs = (
        await Promise.all(
          calls.map(async (c) => {
            const started = Date.now();
            const r = await deps.tools.dispatch(c, ctx);
            deps.log?.info({ tool: c.name, call_id: c.call_id, ms: Date.now() - started, success: r.result.success }, 'tool call');
            return r;
          }),
        )
      ).map((r) => r.item);
    } catch (err: unknown) {
      if (signal.aborted) return { lastAgentMessage, failed: false };
      deps.emit({ type: 'error', message: `tool execution failed: ${(err as Error)?.message ?? String(err)}` });
      return { lastAgentMessage, failed: true };
    }
    if (signal.aborted) return { lastAgentMessage, failed: false };
    deps.history.push(...outputs);
    deps.recordItems(outputs);
  }
}

/** Text of an assistant message item, or null. */
export function assistantText(item: ResponseItem): string | null {
  if (item.type !== 'message' || item.role !== 'assistant' || !Array.isArray(item.content)) return null;
  return (item.content as { type?: string; text?: string }[])
    .filter((c) => c.type === 'output_text' && typeof c.text === 'string')
    .map((c) => c.text)
    .join('');
}

async function sampleOnce(deps: TurnDeps, prompt: Prompt, signal: AbortSignal): Promise<Sample> {
  let items: ResponseItem[] = [];
  let usage: TokenUsage | undefined;
  const stream = deps.client.stream(prompt, {
    signal,
    onRetry: (n) => {
      if (n.phase === 'stream') {
        items = [];
        deps.emit({ type: 'stream_error', message: `Re-connecting... ${n.attempt}/${n.max}` });
      }
    },
  });
  for await (const ev of stream as AsyncIterable<ResponseEvent>) {
    switch (ev.type) {
      case 'created':
        items = [];
        break;
      case 'output_text_delta':
        deps.emit({ type: 'agent_message_delta', delta: ev.delta });
        break;
      case 'reasoning_summary_delta':
        deps.emit({ type: 'agent_reasoning_delta', delta: ev.delta });
        break;
      case 'reasoning_content_delta':
        if (deps.showRawReasoning) deps.emit({ type: 'agent_reasoning_raw_content_delta', delta: ev.delta });
        break;
      case 'reasoning_summary_part_added':
        deps.emit({ type: 'agent_reasoning_section_break' });
        break;
      case 'output_item_added':
        if (ev.item.type === 'web_search_call') deps.emit({ type: 'web_search_begin', call_id: String(ev.item.id ?? '') });
        break;
      case 'output_item_done':
        items.push(ev.item);
        emitItemEvents(deps, ev.item);
        break;
      case 'completed':
        usage = ev.token_usage;
        break;
      case 'rate_limits':
        break;
    }
  }
  return { items, ...(usage ? { usage } : {}) };
}

function emitItemEvents(deps: TurnDeps, item: ResponseItem): void {
  const text = assistantText(item);
  if (text !== null) {
    deps.emit({ type: 'agent_message', message: text });
    return;
  }
  if (item.type === 'reasoning') {
    for (const s of (item.summary as { text?: string }[] | undefined) ?? []) {
      if (typeof s.text === 'string') deps.emit({ type: 'agent_reasoning', text: s.text });
    }
    if (deps.showRawReasoning) {
      for (const c of (item.content as { text?: string }[] | undefined) ?? []) {
        if (typeof c.text === 'string') deps.emit({ type: 'agent_reasoning_raw_content', text: c.text });
      }
    }
    return;
  }
  if (item.type === 'web_search_call') {
    const action = item.action as { query?: string } | undefined;
    deps.emit({ type: 'web_search_end', call_id: String(item.id ?? ''), query: action?.query ?? '' });
  }
}

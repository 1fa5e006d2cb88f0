// When and how a session compacts. Automatic compaction runs before a model request once the
// context holds `model_auto_compact_token_limit` tokens (default: 90% of the model's window,
// as Codex); manual compaction is the `compact` op. Never a loop: after a compaction nothing
// is compacted again until new items joined the history, a context still over the limit is
// reported once, and a failed automatic compaction is not retried before the next user turn.
// The live history array is replaced in place and the rollout gets a `compacted` line.
import type { EventMsg } from '@codex-ts/protocol';
import type { Logger } from 'pino';
import type { ModelClient } from '../client/model-client.js';
import type { Prompt, ResponseItem, TokenUsage } from '../client/types.js';
import { SUMMARY_PREFIX, USER_MESSAGES_TOKEN_BUDGET } from './prompt.js';
import { runCompaction, type CompactionOutcome } from './compact.js';
import { approxTokens } from './tokens.js';

/** The config keys compaction reads. */
export interface CompactionConfig {
  model_auto_compact_token_limit?: number;
  model_context_window?: number;
  model_provider_id: string;
  toml: Record<string, unknown>;
}

/** Share of the window at which compaction starts when no limit is configured. */
export const AUTO_COMPACT_SHARE = 0.9;

/** The auto-compaction limit: the configured one, capped at 90% of the window when that is known. */
export function autoCompactLimit(config: Pick<CompactionConfig, 'model_auto_compact_token_limit'>, contextWindow: number | undefined): number | undefined {
  const share = contextWindow !== undefined ? Math.floor(contextWindow * AUTO_COMPACT_SHARE) : undefined;
  const configured = config.model_auto_compact_token_limit;
  if (configured !== undefined && configured > 0) return share !== undefined ? Math.min(configured, share) : configured;
  return share;
}

/** Remote (`/responses/compact`) or local: `[features] remote_compaction` decides, else OpenAI's own provider on the Responses wire. */
export function useRemoteCompaction(config: CompactionConfig, wire: 'responses' | 'chat'): boolean {
  if (wire !== 'responses') return false;
  const flag = (config.toml.features as Record<string, unknown> | undefined)?.remote_compaction;
  if (typeof flag === 'boolean') return flag;
  return config.model_provider_id === 'openai';
}

/** What the compactor needs from its session. */
export interface SessionCompactorDeps {
  config: CompactionConfig;
  client: ModelClient;
  /** The live history (replaced in place). */
  history: ResponseItem[];
  recordCompacted(message: string, replacement: readonly ResponseItem[]): void;
  emit(msg: EventMsg): void;
  log?: Logger;
}

/** Per-request inputs: the prompt builder of the running turn and the model's window. */
export interface CompactionContext {
  buildPrompt(input: ResponseItem[]): Prompt;
  contextWindow?: number;
  signal: AbortSignal;
}

/** Tracks context use and runs compactions for one session. */
export class SessionCompactor {
  private lastUsageTotal: number | undefined;
  private lenAtUsage = 0;
  private lenAfterCompaction = -1;
  private reportedStuck = false;
  private failedThisTurn = false;
  /** Every compaction that happened (for front ends and tests). */
  readonly outcomes: CompactionOutcome[] = [];

  constructor(private readonly deps: SessionCompactorDeps) {}

  /** A new user turn: a failed compaction may be tried again. */
  beginTurn(): void {
    this.failedThisTurn = false;
  }

  /** Record a response's usage: its total is what the context held after that request. */
  noteUsage(usage: TokenUsage | undefined): void {
    if (!usage) return;
    this.lastUsageTotal = usage.total_tokens - usage.reasoning_output_tokens;
    this.lenAtUsage = this.deps.history.length;
  }

  /** Tokens in the context now: the last reported usage plus an estimate of what joined since. */
  tokensInContext(): number {
    // The estimate also guards against providers that report no (or zero) usage.
    const h = this.deps.history;
    const estimate = approxTokens(h);
    if (this.lastUsageTotal === undefined || this.lenAtUsage > h.length) return estimate;
    return Math.max(estimate, this.lastUsageTotal + approxTokens(h.slice(this.lenAtUsage)));
  }

  /** Before a model request: compact when over the limit, at most once until the history grows. */
  async maybeAutoCompact(ctx: CompactionContext): Promise<void> {
    const limit = autoCompactLimit(this.deps.config, ctx.contextWindow);
    if (limit === undefined || this.failedThisTurn) return;
    const used = this.tokensInContext();
    if (used < limit) {
      this.reportedStuck = false;
      return;
    }
    if (this.deps.history.length === this.lenAfterCompaction) {
      if (!this.reportedStuck) {
        this.reportedStuck = true;
        this.deps.emit({ type: 'warning', message: `The conversation is still above the automatic compaction limit after compacting (limit ${limit} tokens, now about ${used}). Start a new session or trim the input if requests start failing.` });
      }
      return;
    }
    const outcome = await this.compact(ctx, 'auto');
    if (outcome.status === 'failed') this.failedThisTurn = true;
  }

  /**
   * At a turn's start, before its new items join the history (as Codex compacts pre-turn):
   * compact when the history plus `incoming` reaches the limit. The incoming items do not
   * count as progress, so the turn's first request does not compact again.
   */
  async maybeCompactBeforeTurn(ctx: CompactionContext, incoming: readonly ResponseItem[]): Promise<void> {
    const limit = autoCompactLimit(this.deps.config, ctx.contextWindow);
    if (limit === undefined || this.deps.history.length === 0) return;
    if (this.tokensInContext() + approxTokens(incoming) < limit) return;
    const outcome = await this.compact(ctx, 'auto');
    if (outcome.status === 'failed') this.failedThisTurn = true;
    else this.lenAfterCompaction = this.deps.history.length + incoming.length;
  }

  /** Compact now (`compact` op or automatic); reports the outcome through events. */
  async compact(ctx: CompactionContext, trigger: 'auto' | 'manual'): Promise<CompactionOutcome> {
    const remote = useRemoteCompaction(this.deps.config, this.deps.client.wireApi);
    const limit = autoCompactLimit(this.deps.config, ctx.contextWindow);
    // The user's own messages may take at most a quarter of the limit, so the rebuilt history fits well under it.
    const userBudget = limit !== undefined ? Math.max(256, Math.min(USER_MESSAGES_TOKEN_BUDGET, Math.floor(limit / 4))) : USER_MESSAGES_TOKEN_BUDGET;
    const outcome = await runCompaction(
      this.deps.history,
      { client: this.deps.client, buildPrompt: ctx.buildPrompt, remote, userMessagesBudget: userBudget, ...(ctx.contextWindow !== undefined ? { contextWindow: ctx.contextWindow } : {}), ...(this.deps.log ? { log: this.deps.log } : {}) },
      ctx.signal,
    );
    this.outcomes.push(outcome);
    const what = trigger === 'auto' ? 'Automatic compaction' : 'Compaction';
    switch (outcome.status) {
      case 'compacted': {
        const h = this.deps.history;
        const itemsBefore = h.length;
        h.splice(0, h.length, ...outcome.history);
        this.deps.recordCompacted(`${SUMMARY_PREFIX}${outcome.summary}`, outcome.history);
        this.lastUsageTotal = undefined;
        this.lenAfterCompaction = h.length;
        this.reportedStuck = false;
        const trimmed = outcome.trimmed > 0 ? `; ${outcome.trimmed} oldest item(s) did not fit the summary request` : '';
        this.deps.log?.info({ trigger, mode: outcome.mode, before: outcome.before, after: outcome.after, items_before: itemsBefore, items_after: h.length }, 'context compacted');
        this.deps.emit({ type: 'background_event', message: `Context compacted (${trigger}, ${outcome.mode}): about ${outcome.before} -> ${outcome.after} tokens, ${itemsBefore} -> ${h.length} items${trimmed}.` });
        break;
      }
      case 'refused':
        this.lenAfterCompaction = this.deps.history.length;
        this.reportedStuck = true; // the refusal already told the user
        this.deps.emit({ type: 'warning', message: `${what} skipped: ${outcome.reason}; the history is unchanged.` });
        break;
      case 'failed':
        if (!ctx.signal.aborted) this.deps.emit({ type: trigger === 'manual' ? 'error' : 'warning', message: `${what} failed: ${outcome.error}; the history is unchanged.` });
        break;
    }
    return outcome;
  }
}

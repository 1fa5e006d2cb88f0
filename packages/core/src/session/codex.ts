// The queue pair: `Codex.spawn(config)` starts a session; `submit(op)` returns an id and
// `events()` yields every Event. One task runs at a time; `interrupt` aborts it (stream,
// tools and their process groups). The engine never prints and never throws at a caller
// after spawn: problems arrive as `error` events.
import { randomUUID } from 'node:crypto';
import type { Event, EventMsg, Op, ReviewDecision } from '@codex-ts/protocol';
import type { Logger } from 'pino';
import { resolveProviderAuth } from '../client/auth.js';
import { ModelClient } from '../client/model-client.js';
import type { ResponseItem, TokenUsage } from '../client/types.js';
import type { Config } from '../config/load.js';
import { userInstructions } from '../context/project-doc.js';
import { runNotify } from '../hooks/notify.js';
import { baseInstructionsFor } from '../instructions/base-instructions.js';
import { UnifiedExecManager } from '../unified-exec/manager.js';
import { chooseToolSet } from './tool-set.js';
import { loadRulesFromCodexHome, type Policy } from '@codex-ts/execpolicy';
import { createAuditLog, type AuditSink } from '../audit/audit-log.js';
import { abortedOutputsFor, loadRollout } from '../rollout/reader.js';
import { RolloutRecorder } from '../rollout/recorder.js';
import { ApprovalGate } from './approvals.js';
import { AsyncQueue } from './async-queue.js';
import { modelFamily } from './model-info.js';
import { buildPrompt, buildToolRegistry, initialContext, inputItemsToMessage } from './prompt.js';
import { runTask } from './turn.js';
import { TurnState, type TurnSettingsInput } from './turn-state.js';

/** Options for {@link Codex.spawn}. */
export interface SpawnOptions {
  /** `originator` header and rollout field (`codex_exec` for exec). */
  originator?: string;
  sessionSource?: 'cli' | 'exec' | 'mcp' | 'vscode';
  /** Resume from this rollout file (same id, appended). */
  resumePath?: string;
  logger?: Logger;
  env?: NodeJS.ProcessEnv;
  includePlanTool?: boolean;
  /** Version string for headers and session_meta. */
  version?: string;
  /** Where approval decisions go (default: CODEX_HOME/log/audit.jsonl). */
  audit?: AuditSink;
}

/** A running session. */
export class Codex {
  private readonly queue = new AsyncQueue<Event>();
  private nextId = 1;
  private task: { subId: string; abort: AbortController; done: Promise<void> } | null = null;
  private pendingInput: ResponseItem[] = [];
  private readonly gate = new ApprovalGate();
  private readonly approvedForSession = new Set<string>();
  private totalUsage: TokenUsage = { input_tokens: 0, cached_input_tokens: 0, output_tokens: 0, reasoning_output_tokens: 0, total_tokens: 0 };
  private closed = false;
  /** exec_command sessions: they outlive a turn, not an interrupt or the session. */
  private readonly unifiedExec = new UnifiedExecManager();

  private constructor(
    readonly sessionId: string,
    readonly rolloutPath: string,
    private readonly config: Config,
    private readonly client: ModelClient,
    private readonly rollout: RolloutRecorder,
    private readonly history: ResponseItem[],
    private readonly state: TurnState,
    private readonly opts: SpawnOptions,
    private readonly execPolicy: Policy | undefined,
    private readonly audit: AuditSink,
  ) {}

  /** Start (or resume) a session. Throws only for setup problems (auth, unreadable rollout). */
  static async spawn(config: Config, opts: SpawnOptions = {}): Promise<{ codex: Codex; sessionId: string; rolloutPath: string }> {
    const env = opts.env ?? process.env;
    const auth = await resolveProviderAuth(config.model_provider, { codexHome: config.codex_home, env, allowCodexApiKeyEnv: true });
    const client = new ModelClient({
      provider: config.model_provider,
      auth,
      env,
      identity: { originator: env.CODEX_INTERNAL_ORIGINATOR_OVERRIDE ?? opts.originator ?? 'codex_cli_rs', ...(opts.version ? { version: opts.version } : {}) },
      ...(opts.logger ? { logger: opts.logger } : {}),
    });
    // A rules file with an error stops the session before anything is written: never half a policy.
    const policy = await loadRulesFromCodexHome(config.codex_home);
    const execPolicy = policy.size > 0 ? policy : undefined;
    let history: ResponseItem[] = [];
    let rollout: RolloutRecorder;
    let sessionId: string;
    let initialMessages: EventMsg[] | undefined;
    if (opts.resumePath) {
      const loaded = loadRollout(opts.resumePath);
      sessionId = loaded.meta.id;
      history = loaded.history;
      initialMessages = loaded.events;
      rollout = RolloutRecorder.resume(opts.resumePath);
      const dangling = abortedOutputsFor(history);
      history.push(...dangling);
      rollout.recordItems(dangling);
    } else {
      sessionId = randomUUID();
      rollout = RolloutRecorder.create(config.codex_home, {
        id: sessionId,
        timestamp: new Date().toISOString(),
        cwd: config.cwd,
        originator: opts.originator ?? 'codex_cli_rs',
        cli_version: opts.version ?? '0.1.0',
        instructions: config.instructions ?? null,
        source: opts.sessionSource ?? 'cli',
        model_provider: config.model_provider_id,
      });
    }
    const audit = opts.audit ?? createAuditLog(config.codex_home, { session_id: sessionId });
    const state = new TurnState(config);
    const codex = new Codex(sessionId, rollout.path, config, client, rollout, history, state, opts, execPolicy, audit);
    codex.emit('', {
      type: 'session_configured',
      session_id: sessionId,
      model: config.model,
      ...(config.model_reasoning_effort ? { reasoning_effort: config.model_reasoning_effort } : {}),
      history_log_id: 0,
      history_entry_count: 0,
      ...(initialMessages ? { initial_messages: initialMessages } : {}),
      rollout_path: rollout.path,
    } as EventMsg);
    return { codex, sessionId, rolloutPath: rollout.path };
  }

  /** The single-consumer event stream; ends after `shutdown_complete`. */
  events(): AsyncIterable<Event> {
    return this.queue;
  }

  /** Queue an op; returns its submission id. */
  async submit(op: Op): Promise<string> {
    const id = String(this.nextId++);
    queueMicrotask(() => void this.handle(id, op));
    return id;
  }

  private emit(id: string, msg: EventMsg): void {
    if (this.closed) return;
    this.rollout.recordEvent(msg);
    this.queue.push({ id, msg });
  }

  private async handle(id: string, op: Op): Promise<void> {
    this.opts.logger?.debug({ session_id: this.sessionId, sub_id: id, op: op.type }, 'op');
    try {
      switch (op.type) {
        case 'user_turn':
        case 'user_input':
          await this.onUserInput(id, op);
          break;
        case 'override_turn_context':
          this.state.override(op as TurnSettingsInput);
          break;
        case 'interrupt':
          await this.interrupt();
          break;
        case 'exec_approval':
        case 'patch_approval':
          this.onApproval(op.id, op.decision as ReviewDecision);
          break;
        case 'shutdown':
          await this.shutdown(id);
          break;
        default:
          this.emit(id, { type: 'error', message: `op \`${op.type}\` is not supported by codex-ts yet` });
      }
    } catch (err: unknown) {
      this.opts.logger?.error({ err, op: op.type }, 'op failed');
      this.emit(id, { type: 'error', message: `internal error handling ${op.type}: ${(err as Error)?.message ?? String(err)}` });
    }
  }

  private async onUserInput(id: string, op: Extract<Op, { type: 'user_turn' | 'user_input' }>): Promise<void> {
    const message = await inputItemsToMessage(op.items);
    const text = op.items.filter((i) => i.type === 'text').map((i) => (i as { text: string }).text).join('\n');
    if (this.task) {
      this.pendingInput.push(message);
      return;
    }
    const turn = this.state.beginTurn(op.type === 'user_turn' ? (op as TurnSettingsInput) : undefined);
    const abort = new AbortController();
    const done = this.runTurn(id, message, text, turn, abort.signal).finally(() => {
      if (this.task?.subId === id) this.task = null;
    });
    this.task = { subId: id, abort, done };
  }

  private async runTurn(id: string, message: ResponseItem, text: string, turn: ReturnType<TurnState['beginTurn']>, signal: AbortSignal): Promise<void> {
    const family = modelFamily(turn.model, this.client.wireApi);
    const features = this.config.features ?? {};
    const toolSet = chooseToolSet(family, this.client.wireApi, features);
    const tools = buildToolRegistry(family, {
      includePlanTool: features.plan_tool ?? this.opts.includePlanTool ?? true,
      includeViewImage: features.view_image_tool ?? this.config.tools_view_image,
      webSearch: this.config.web_search_mode,
      toolSet,
    });
    const newItems: ResponseItem[] = [];
    if (this.history.length === 0 || turn.environmentChanged) {
      const instr = this.history.length === 0 ? userInstructions({ instructions: this.config.instructions, codexHome: this.config.codex_home, cwd: turn.cwd, maxBytes: this.config.project_doc_max_bytes, fallbackFilenames: this.config.project_doc_fallback_filenames }) : null;
      newItems.push(...initialContext(instr, { cwd: turn.cwd, approval_policy: turn.approval_policy, sandbox_policy: turn.sandbox_policy }));
    }
    newItems.push(message);
    this.history.push(...newItems);
    this.rollout.recordItems(newItems);
    this.rollout.recordTurnContext({ cwd: turn.cwd, approval_policy: turn.approval_policy, sandbox_policy: turn.sandbox_policy, model: turn.model, ...(turn.effort ? { effort: turn.effort as never } : {}), summary: turn.summary as never });
    this.emit(id, { type: 'task_started', ...(family.contextWindow ? { model_context_window: family.contextWindow } : {}) } as EventMsg);
    this.emit(id, { type: 'user_message', message: text, kind: 'plain' } as EventMsg);
    const emit = (msg: EventMsg): void => this.emit(id, msg);
    const result = await runTask(
      {
        client: this.client,
        tools,
        history: this.history,
        recordItems: (items) => this.rollout.recordItems(items),
        emit,
        buildPrompt: (input) =>
          buildPrompt(
            { model: turn.model, instructions: this.config.base_instructions ?? baseInstructionsFor(family, toolSet), family, tools, conversationId: this.sessionId, effort: turn.effort, summary: turn.summary, verbosity: this.config.model_verbosity, outputSchema: turn.output_schema },
            input,
          ),
        toolContext: {
          sub_id: id,
          turn: { cwd: turn.cwd, approval_policy: turn.approval_policy, sandbox_policy: turn.sandbox_policy, shell_environment_policy: this.config.shell_environment_policy, freeform_apply_patch: toolSet.applyPatch === 'freeform', sandbox_config: (this.config.toml.sandbox as Record<string, unknown> | undefined) ?? {} },
          emit,
          requestApproval: (msg) => this.gate.request(id, () => emit(msg), signal),
          approvedForSession: this.approvedForSession,
          unifiedExec: this.unifiedExec,
          ...(this.execPolicy ? { execPolicy: this.execPolicy } : {}),
          audit: (entry) => this.audit({ ...entry, approval_policy: turn.approval_policy, sandbox_policy: turn.sandbox_policy.mode } as never),
          attachImage: (url) => this.pendingInput.push({ type: 'message', role: 'user', content: [{ type: 'input_image', image_url: url }] }),
        },
        takePendingInput: () => this.pendingInput.splice(0),
        onUsage: (u) => this.onUsage(id, u, family.contextWindow),
        showRawReasoning: this.config.show_raw_agent_reasoning,
        ...(this.opts.logger ? { log: this.opts.logger.child({ session_id: this.sessionId, sub_id: id }) } : {}),
      },
      signal,
    );
    if (signal.aborted) {
      const dangling = abortedOutputsFor(this.history);
      this.history.push(...dangling);
      this.rollout.recordItems(dangling);
    }
    this.rollout.flush();
    if (signal.aborted) return;
    this.emit(id, { type: 'task_complete', last_agent_message: result.lastAgentMessage });
    runNotify(
      this.config.notify,
      { type: 'agent-turn-complete', 'thread-id': this.sessionId, 'turn-id': id, cwd: turn.cwd, 'input-messages': [text], 'last-assistant-message': result.lastAgentMessage },
      (err) => this.opts.logger?.warn({ err }, 'notify hook failed'),
    );
  }

  private onUsage(id: string, last: TokenUsage | undefined, contextWindow: number | undefined): void {
    if (!last) return;
    const t = this.totalUsage;
    this.totalUsage = {
      input_tokens: t.input_tokens + last.input_tokens,
      cached_input_tokens: t.cached_input_tokens + last.cached_input_tokens,
      output_tokens: t.output_tokens + last.output_tokens,
      reasoning_output_tokens: t.reasoning_output_tokens + last.reasoning_output_tokens,
      total_tokens: t.total_tokens + last.total_tokens,
    };
    this.emit(id, { type: 'token_count', info: { total_token_usage: this.totalUsage, last_token_usage: last, ...(contextWindow ? { model_context_window: contextWindow } : {}) }, rate_limits: null } as EventMsg);
  }

  private onApproval(subId: string, decision: ReviewDecision): void {
    if (decision === 'abort') {
      // The tool sees `abort` (not approved; the audit records it), then the turn ends.
      this.gate.answer(subId, 'abort');
      void this.interrupt();
      return;
    }
    this.gate.answer(subId, decision);
  }

  /** Abort the running task (stream, tools, process groups) and report `turn_aborted`. */
  async interrupt(): Promise<void> {
    const t = this.task;
    this.unifiedExec.terminateAll();
    if (!t) return;
    t.abort.abort();
    await t.done;
    this.emit(t.subId, { type: 'turn_aborted', reason: 'interrupted' });
  }

  private async shutdown(id: string): Promise<void> {
    await this.interrupt();
    this.unifiedExec.terminateAll();
    this.rollout.close();
    this.emit(id, { type: 'shutdown_complete' } as EventMsg);
    this.closed = true;
    this.queue.close();
  }
}

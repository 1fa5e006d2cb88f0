// The queue pair: `Codex.spawn(config)` starts a session; `submit(op)` returns an id and
// `events()` yields every Event. One task runs at a time; `interrupt` aborts it (stream,
// tools and their process groups). The engine never prints and never throws at a caller
// after spawn: problems arrive as `error` events.
import { warmSandboxProbes } from '../exec/sandbox-spawn.js';
import { randomUUID } from 'node:crypto';
import type { Event, EventMsg, Op, ReviewDecision } from '@codex-ts/protocol';
import type { Logger } from 'pino';
import { createProviderAuth } from '../client/auth.js';
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
import type { LineWriterOptions } from '../rollout/line-writer.js';
import { SessionCompactor } from '../compact/auto.js';
import { storeFailureReporter, type StoreFailureReporter } from './store-failures.js';
import { HistoryService } from './history-ops.js';
import { ApprovalGate } from './approvals.js';
import { AsyncQueue } from './async-queue.js';
import { modelFamily } from './model-info.js';
import { buildPrompt, buildToolRegistry, initialContext, inputItemsToMessage } from './prompt.js';
import { runTask, type TurnDeps } from './turn.js';
import { SessionMcp } from '../mcp/session-mcp.js';
import { usesToolSearch } from '../mcp/tool-search.js';
import { TurnState, type TurnSettingsInput } from './turn-state.js';
import { resolveReview, runReview } from './review.js';
import { runUserShell } from './user-shell.js';

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
  /** Path of the apply_patch child script (default: apply-patch-child.cjs beside core's bundle). */
  applyPatchChild?: string;
  /** Version string for headers and session_meta. */
  version?: string;
  /** Where approval decisions go (default: CODEX_HOME/log/audit.jsonl). */
  audit?: AuditSink;
  /** The rollout's write(2) (fault injection in tests). */
  rolloutWriteSync?: LineWriterOptions['writeSync'];
  /** `--ephemeral`: keep the session in memory only (no rollout file). */
  ephemeral?: boolean;
  /** `--ignore-rules`: do not load `CODEX_HOME/rules/*.rules`. */
  ignoreRules?: boolean;
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
  private readonly compactor: SessionCompactor;
  private readonly historyFile: HistoryService;
  private mcp: SessionMcp | undefined;
  /** elicitation_request id -> the waiting submission id. */
  private readonly elicitations = new Map<string, string>();
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
    private readonly store: StoreFailureReporter,
  ) {
    this.compactor = new SessionCompactor({ config, client, history, recordCompacted: (m, h) => rollout.recordCompacted(m, h), emit: (msg) => this.emit('', msg), ...(opts.logger ? { log: opts.logger } : {}) });
    this.historyFile = new HistoryService(config, sessionId, store);
  }

  /** Start (or resume) a session. Throws only for setup problems (auth, unreadable rollout). */
  static async spawn(config: Config, opts: SpawnOptions = {}): Promise<{ codex: Codex; sessionId: string; rolloutPath: string }> {
    const env = opts.env ?? process.env;
    warmSandboxProbes(config.toml.sandbox as Record<string, unknown> | undefined);
    const providerAuth = await createProviderAuth(config.model_provider, {
      codexHome: config.codex_home,
      env,
      allowCodexApiKeyEnv: true,
      credentialsStore: config.toml['cli_auth_credentials_store'],
      config: config.toml,
      originator: env.CODEX_INTERNAL_ORIGINATOR_OVERRIDE ?? opts.originator ?? 'codex_cli_rs',
      ...(opts.logger ? { logger: opts.logger } : {}),
    });
    const client = new ModelClient({
      provider: config.model_provider,
      auth: providerAuth.auth,
      ...(providerAuth.current ? { currentAuth: providerAuth.current } : {}),
      ...(providerAuth.refresh ? { refreshAuth: providerAuth.refresh } : {}),
      env,
      identity: { originator: env.CODEX_INTERNAL_ORIGINATOR_OVERRIDE ?? opts.originator ?? 'codex_cli_rs', ...(opts.version ? { version: opts.version } : {}) },
      ...(opts.logger ? { logger: opts.logger } : {}),
    });
    // A rules file with an error stops the session before anything is written: never half a policy.
    const policy = opts.ignoreRules ? undefined : await loadRulesFromCodexHome(config.codex_home);
    const execPolicy = policy !== undefined && policy.size > 0 ? policy : undefined;
    // MCP servers start after the first model request went out; only `required` ones start
    // now and are waited for (a failure stops the run before any request).
    let current: Codex | undefined;
    const mcp = SessionMcp.fromConfig(config, {
      env,
      ...(opts.logger ? { logger: opts.logger } : {}),
      ...(opts.version ? { version: opts.version } : {}),
      approvalPolicy: () => current?.state.approvalPolicy ?? config.approval_policy,
    });
    if (mcp?.hasRequired) await mcp.startRequired();
    let history: ResponseItem[] = [];
    let rollout: RolloutRecorder;
    let sessionId: string;
    let initialMessages: EventMsg[] | undefined;
    const store = storeFailureReporter(opts.logger);
    if (opts.resumePath) {
      const loaded = loadRollout(opts.resumePath);
      sessionId = loaded.meta.id;
      history = loaded.history;
      initialMessages = loaded.events;
      rollout = RolloutRecorder.resume(opts.resumePath, { onWriteFailure: store.rolloutFailed, ...(opts.rolloutWriteSync ? { writeSync: opts.rolloutWriteSync } : {}) });
      if (rollout.repair.action !== 'none') opts.logger?.warn({ path: opts.resumePath, ...rollout.repair }, 'repaired a cut last line of the rollout before resuming');
      const dangling = abortedOutputsFor(history);
      history.push(...dangling);
      rollout.recordItems(dangling);
    } else {
      sessionId = randomUUID();
      rollout = (opts.ephemeral ? RolloutRecorder.inMemory : RolloutRecorder.create)(config.codex_home, {
        id: sessionId,
        timestamp: new Date().toISOString(),
        cwd: config.cwd,
        originator: opts.originator ?? 'codex_cli_rs',
        cli_version: opts.version ?? '0.1.0',
        instructions: config.instructions ?? null,
        source: opts.sessionSource ?? 'cli',
        model_provider: config.model_provider_id,
      }, { onWriteFailure: store.rolloutFailed, ...(opts.rolloutWriteSync ? { writeSync: opts.rolloutWriteSync } : {}) });
    }
    const audit = opts.audit ?? createAuditLog(config.codex_home, { session_id: sessionId }, { onError: store.logFailed });
    const state = new TurnState(config);
    const codex = new Codex(sessionId, rollout.path, config, client, rollout, history, state, opts, execPolicy, audit, store);
    const hist = codex.historyFile.metadata();
    codex.mcp = mcp;
    current = codex;
    codex.emit('', {
      type: 'session_configured',
      session_id: sessionId,
      model: config.model,
      ...(config.model_reasoning_effort ? { reasoning_effort: config.model_reasoning_effort } : {}),
      history_log_id: hist.log_id,
      history_entry_count: hist.entry_count,
      ...(initialMessages ? { initial_messages: initialMessages } : {}),
      rollout_path: rollout.path,
    } as EventMsg);
    store.attach((msg) => codex.emit('', msg));
    mcp?.attach((msg) => codex.emit('', msg));
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
        case 'resolve_elicitation':
          this.onElicitationAnswer(op);
          break;
        case 'list_mcp_tools':
          this.emit(id, this.mcp ? this.mcp.listToolsResponse() : ({ type: 'mcp_list_tools_response', tools: {}, resources: {}, resource_templates: {}, auth_statuses: {} } as EventMsg));
          break;
        case 'shutdown':
          await this.shutdown(id);
          break;
        case 'compact':
          await this.onCompact(id);
          break;
        case 'review':
        case 'run_user_shell_command':
          await this.onSideTask(id, op);
          break;
        case 'add_to_history':
          this.historyFile.add(op.text);
          break;
        case 'get_history_entry_request':
          this.emit(id, this.historyFile.lookup(op.offset, op.log_id));
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

  /** The model family, tool set and tools a request for `model` gets (MCP tools included). */
  private toolsFor(model: string, review = false): { family: ReturnType<typeof modelFamily>; toolSet: ReturnType<typeof chooseToolSet>; tools: ReturnType<typeof buildToolRegistry> } {
    const family = modelFamily(model, this.client.wireApi);
    const features = this.config.features ?? {};
    const toolSet = chooseToolSet(family, this.client.wireApi, features);
    const tools = buildToolRegistry(family, {
      includePlanTool: features.plan_tool ?? this.opts.includePlanTool ?? true,
      // A review gets neither (as Codex): it reads the repository, nothing else.
      includeViewImage: !review && (features.view_image_tool ?? this.config.tools_view_image),
      webSearch: review ? 'disabled' : this.config.web_search_mode,
      toolSet,
    });
    if (this.mcp) tools.addProvider(this.mcp.providerFor(usesToolSearch(model, this.client.wireApi)));
    return { family, toolSet, tools };
  }

  private async runTurn(id: string, message: ResponseItem, text: string, turn: ReturnType<TurnState['beginTurn']>, signal: AbortSignal): Promise<void> {
    const { family, toolSet, tools } = this.toolsFor(turn.model);
    this.compactor.beginTurn();
    const contextWindow = this.config.model_context_window ?? family.contextWindow;
    const promptFor = (input: ResponseItem[]) =>
      buildPrompt(
        { model: turn.model, instructions: this.config.base_instructions ?? baseInstructionsFor(family, toolSet), family, tools, conversationId: this.sessionId, effort: turn.effort, summary: turn.summary, verbosity: this.config.model_verbosity, outputSchema: turn.output_schema },
        input,
      );
    const newItems: ResponseItem[] = [];
    if (this.history.length === 0 || turn.environmentChanged) {
      const instr = this.history.length === 0 ? userInstructions({ instructions: this.config.instructions, codexHome: this.config.codex_home, cwd: turn.cwd, maxBytes: this.config.project_doc_max_bytes, fallbackFilenames: this.config.project_doc_fallback_filenames }) : null;
      newItems.push(...initialContext(instr, { cwd: turn.cwd, approval_policy: turn.approval_policy, sandbox_policy: turn.sandbox_policy }));
    }
    newItems.push(message);
    await this.compactor.maybeCompactBeforeTurn({ buildPrompt: promptFor, ...(contextWindow !== undefined ? { contextWindow } : {}), signal }, newItems);
    this.history.push(...newItems);
    this.rollout.recordItems(newItems);
    this.rollout.recordTurnContext({ cwd: turn.cwd, approval_policy: turn.approval_policy, sandbox_policy: turn.sandbox_policy, model: turn.model, ...(turn.effort ? { effort: turn.effort as never } : {}), summary: turn.summary as never });
    this.emit(id, { type: 'task_started', ...(family.contextWindow ? { model_context_window: family.contextWindow } : {}) } as EventMsg);
    this.emit(id, { type: 'user_message', message: text, kind: 'plain' } as EventMsg);
    const emit = (msg: EventMsg): void => this.emit(id, msg);
    const result = await runTask(
      {
        client: this.mcp ? this.mcp.wrapClient(this.client) : this.client,
        tools,
        history: this.history,
        recordItems: (items) => this.rollout.recordItems(items),
        emit,
        buildPrompt: promptFor,
        beforeSample: () => this.compactor.maybeAutoCompact({ buildPrompt: promptFor, ...(contextWindow !== undefined ? { contextWindow } : {}), signal }),
        toolContext: this.toolContext(id, turn, toolSet, emit, signal),
        takePendingInput: () => this.pendingInput.splice(0),
        onUsage: (u) => {
          this.compactor.noteUsage(u);
          this.onUsage(id, u, contextWindow);
        },
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

  /** What tools see of a task (turn or review). */
  private toolContext(id: string, turn: ReturnType<TurnState['beginTurn']>, toolSet: ReturnType<typeof chooseToolSet>, emit: (msg: EventMsg) => void, signal: AbortSignal): TurnDeps['toolContext'] {
    return {
      sub_id: id,
      turn: { cwd: turn.cwd, approval_policy: turn.approval_policy, sandbox_policy: turn.sandbox_policy, shell_environment_policy: this.config.shell_environment_policy, freeform_apply_patch: toolSet.applyPatch === 'freeform', sandbox_config: (this.config.toml.sandbox as Record<string, unknown> | undefined) ?? {} },
      emit,
      requestApproval: (msg) => {
        if (msg.type === 'elicitation_request') this.elicitations.set(String(msg.id), id);
        return this.gate.request(id, () => emit(msg), signal);
      },
      approvedForSession: this.approvedForSession,
      unifiedExec: this.unifiedExec,
      ...(this.execPolicy ? { execPolicy: this.execPolicy } : {}),
      ...(this.opts.applyPatchChild !== undefined ? { applyPatchChild: this.opts.applyPatchChild } : {}),
      audit: (entry) => this.audit({ ...entry, approval_policy: turn.approval_policy, sandbox_policy: turn.sandbox_policy.mode } as never),
      attachImage: (url) => this.pendingInput.push({ type: 'message', role: 'user', content: [{ type: 'input_image', image_url: url }] }),
    };
  }

  /** `review` and `run_user_shell_command`: tasks of their own (session/review.ts, session/user-shell.ts). */
  private async onSideTask(id: string, op: Extract<Op, { type: 'review' | 'run_user_shell_command' }>): Promise<void> {
    if (this.task) {
      this.emit(id, { type: 'error', message: `cannot start ${op.type === 'review' ? 'a review' : 'a shell command'} while a turn is running; interrupt it or wait for it to finish` });
      return;
    }
    const turn = this.state.beginTurn(undefined, false);
    const abort = new AbortController();
    const emit = (msg: EventMsg): void => this.emit(id, msg);
    const record = (items: ResponseItem[]): void => {
      this.history.push(...items);
      this.rollout.recordItems(items);
    };
    let run: Promise<void>;
    if (op.type === 'run_user_shell_command') {
      run = runUserShell({ cwd: turn.cwd, env: this.opts.env ?? process.env, shellEnvironmentPolicy: this.config.shell_environment_policy, emit, record }, op.command, abort.signal);
    } else {
      let resolved;
      try {
        resolved = resolveReview(op.review_request, turn.cwd);
      } catch (err: unknown) {
        this.emit(id, { type: 'error', message: (err as Error).message });
        return;
      }
      const reviewModel = typeof this.config.toml['review_model'] === 'string' ? (this.config.toml['review_model'] as string) : turn.model;
      const { family, toolSet, tools } = this.toolsFor(reviewModel, true);
      const contextWindow = this.config.model_context_window ?? family.contextWindow;
      run = runReview(
        {
          client: this.mcp ? this.mcp.wrapClient(this.client) : this.client,
          tools,
          emit,
          env: { cwd: turn.cwd, approval_policy: turn.approval_policy, sandbox_policy: turn.sandbox_policy },
          buildPrompt: (input, instructions) => buildPrompt({ model: reviewModel, instructions, family, tools, conversationId: this.sessionId, effort: turn.effort, summary: turn.summary, verbosity: this.config.model_verbosity }, input),
          recordParent: record,
          toolContext: this.toolContext(id, turn, toolSet, emit, abort.signal),
          onUsage: (u) => this.onUsage(id, u, contextWindow),
          showRawReasoning: this.config.show_raw_agent_reasoning,
          ...(contextWindow ? { modelContextWindow: contextWindow } : {}),
          ...(this.opts.logger ? { log: this.opts.logger.child({ session_id: this.sessionId, sub_id: id, review: true }) } : {}),
        },
        resolved,
        abort.signal,
      );
    }
    const done = run.finally(() => {
      this.rollout.flush();
      if (this.task?.subId === id) this.task = null;
    });
    this.task = { subId: id, abort, done };
    await done;
  }

  /** The `compact` op: summarise the history now, as a task of its own. */
  private async onCompact(id: string): Promise<void> {
    if (this.task) {
      this.emit(id, { type: 'error', message: 'cannot compact while a turn is running; interrupt it or wait for it to finish' });
      return;
    }
    const turn = this.state.beginTurn(undefined, false);
    const { family, toolSet, tools } = this.toolsFor(turn.model);
    const contextWindow = this.config.model_context_window ?? family.contextWindow;
    const abort = new AbortController();
    const done = (async () => {
      this.emit(id, { type: 'task_started', ...(contextWindow ? { model_context_window: contextWindow } : {}) } as EventMsg);
      await this.compactor.compact(
        {
          buildPrompt: (input) => buildPrompt({ model: turn.model, instructions: this.config.base_instructions ?? baseInstructionsFor(family, toolSet), family, tools, conversationId: this.sessionId, effort: turn.effort, summary: turn.summary, verbosity: this.config.model_verbosity }, input),
          ...(contextWindow !== undefined ? { contextWindow } : {}),
          signal: abort.signal,
        },
        'manual',
      );
      this.rollout.flush();
      if (!abort.signal.aborted) this.emit(id, { type: 'task_complete', last_agent_message: null });
    })().finally(() => {
      if (this.task?.subId === id) this.task = null;
    });
    this.task = { subId: id, abort, done };
    await done;
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

  private onElicitationAnswer(op: Extract<Op, { type: 'resolve_elicitation' }>): void {
    const subId = this.elicitations.get(String(op.request_id));
    if (subId === undefined) {
      this.mcp?.resolveElicitation(String(op.request_id), op.decision, op.content);
      return;
    }
    this.elicitations.delete(String(op.request_id));
    const persist = (op.meta as { persist?: unknown } | undefined)?.persist;
    const decision: ReviewDecision = op.decision === 'accept' ? (persist === 'session' ? 'approved_for_session' : 'approved') : op.decision === 'cancel' ? 'abort' : 'denied';
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
    await this.historyFile.settled();
    await this.mcp?.close();
    this.unifiedExec.terminateAll();
    this.rollout.close();
    this.emit(id, { type: 'shutdown_complete' } as EventMsg);
    this.closed = true;
    this.queue.close();
  }
}

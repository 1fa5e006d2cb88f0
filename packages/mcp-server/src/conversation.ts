// One Codex conversation behind the MCP server: its engine, one event pump, and the tools/call
// request currently driving it. Every event goes to the client as a `codex/event` notification
// (the Event plus `_meta.requestId`); approval events become `elicitation/create` requests whose
// answers go back as ops; `task_complete` answers the tools/call; the request's abort
// (`notifications/cancelled`) interrupts the turn, which kills its commands.
import type { Codex } from '@codex-ts/core';
import type { Event, Op, ReviewDecision } from '@codex-ts/protocol';
import type { Logger } from 'pino';
import { decisionOf, elicitationParams, ElicitAnswerSchema } from './elicitation.js';

/** How the conversation talks to the client. */
export interface ClientLink {
  notify(params: Record<string, unknown>, requestId: string | number): Promise<void>;
  elicit(params: Record<string, unknown>, requestId: string | number, signal: AbortSignal): Promise<unknown>;
}

/** The answer to one tools/call. */
export interface TurnResult {
  threadId: string;
  content: string;
}

interface Active {
  requestId: string | number;
  signal: AbortSignal;
  resolve: (r: TurnResult) => void;
  reject: (e: Error) => void;
}

/** A conversation and its event pump. */
export class Conversation {
  private active: Active | undefined;
  private ended = false;

  constructor(
    readonly threadId: string,
    private readonly codex: Codex,
    private readonly link: ClientLink,
    private readonly log: Logger,
  ) {
    void this.pump();
  }

  /** Whether a turn is running. */
  get busy(): boolean {
    return this.active !== undefined;
  }

  /** Send a prompt and wait for the turn's last message; aborting `signal` interrupts the turn. */
  run(prompt: string, requestId: string | number, signal: AbortSignal): Promise<TurnResult> {
    if (this.ended) return Promise.reject(new Error(`conversation ${this.threadId} has ended`));
    if (this.active) return Promise.reject(new Error(`conversation ${this.threadId} is busy with another request`));
    return new Promise<TurnResult>((resolve, reject) => {
      this.active = { requestId, signal, resolve, reject };
      const onAbort = (): void => {
        void this.submit({ type: 'interrupt' });
      };
      signal.addEventListener('abort', onAbort, { once: true });
      void this.submit({ type: 'user_input', items: [{ type: 'text', text: prompt }] });
    });
  }

  private async submit(op: Op): Promise<void> {
    try {
      await this.codex.submit(op);
    } catch (err: unknown) {
      this.log.error({ err, op: op.type, thread_id: this.threadId }, 'submit failed');
    }
  }

  private finish(result: TurnResult | Error): void {
    const a = this.active;
    this.active = undefined;
    if (!a) return;
    if (result instanceof Error) a.reject(result);
    else a.resolve(result);
  }

  private async pump(): Promise<void> {
    try {
      for await (const ev of this.codex.events()) this.onEvent(ev);
    } catch (err: unknown) {
      this.log.error({ err, thread_id: this.threadId }, 'event stream failed');
    }
    this.ended = true;
    this.finish(new Error('the session ended'));
  }

  private onEvent(ev: Event): void {
    const a = this.active;
    if (a) {
      this.link.notify({ ...ev, _meta: { requestId: a.requestId } }, a.requestId).catch((err: unknown) => this.log.warn({ err }, 'codex/event notification failed'));
    }
    const msg = ev.msg;
    switch (msg.type) {
      case 'exec_approval_request':
      case 'apply_patch_approval_request':
      case 'elicitation_request':
        void this.askApproval(ev);
        return;
      case 'task_complete':
        this.finish({ threadId: this.threadId, content: msg.last_agent_message ?? '' });
        return;
      case 'turn_aborted':
        this.finish(new Error(`turn aborted: ${msg.reason}`));
        return;
      default:
        return;
    }
  }

  private async askApproval(ev: Event): Promise<void> {
    const a = this.active;
    const params = elicitationParams(ev.msg, { toolCallId: String(a?.requestId ?? ''), eventId: ev.id });
    let decision: ReviewDecision = 'denied';
    let content: Record<string, unknown> | undefined;
    if (a && params) {
      try {
        const raw = await this.link.elicit(params, a.requestId, a.signal);
        const parsed = ElicitAnswerSchema.safeParse(raw);
        decision = parsed.success ? decisionOf(parsed.data) : 'denied';
        // A server's own question carries the user's answers in `content`.
        if (parsed.success && parsed.data.action === 'accept') content = parsed.data.content;
        if (!parsed.success) this.log.warn({ answer: raw }, 'unrecognised elicitation answer; denying');
      } catch (err: unknown) {
        this.log.warn({ err: (err as Error).message }, 'elicitation failed; denying');
      }
    }
    const msg = ev.msg;
    if (msg.type === 'elicitation_request') {
      const action = decision === 'approved' || decision === 'approved_for_session' ? 'accept' : decision === 'abort' ? 'cancel' : 'decline';
      await this.submit({
        type: 'resolve_elicitation',
        server_name: msg.server_name,
        request_id: msg.id,
        decision: action,
        ...(content && action === 'accept' ? { content } : {}),
        ...(decision === 'approved_for_session' ? { meta: { persist: 'session' } } : {}),
      });
    } else {
      await this.submit({ type: msg.type === 'exec_approval_request' ? 'exec_approval' : 'patch_approval', id: ev.id, decision } as Op);
    }
  }

  /** Interrupt any turn and shut the session down (kills its commands and MCP servers). */
  async shutdown(): Promise<void> {
    if (this.ended) return;
    await this.submit({ type: 'interrupt' });
    await this.submit({ type: 'shutdown' });
  }
}

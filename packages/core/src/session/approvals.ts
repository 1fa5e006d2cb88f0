// The approval gate: one pending request at a time per session (so `exec_approval{id}` with
// the turn's submission id is unambiguous), resolved by the matching op, `denied` on abort.
import type { ReviewDecision } from '@codex-ts/protocol';

interface Pending {
  subId: string;
  resolve: (d: ReviewDecision) => void;
}

/** Serialises approval requests and routes answers to them. */
export class ApprovalGate {
  private chain: Promise<unknown> = Promise.resolve();
  private pending: Pending | null = null;

  /** Emit a request (via `send`) and wait for its answer; `denied` when `signal` aborts. */
  request(subId: string, send: () => void, signal: AbortSignal): Promise<ReviewDecision> {
    const run = async (): Promise<ReviewDecision> => {
      if (signal.aborted) return 'denied';
      return new Promise<ReviewDecision>((resolve) => {
        const onAbort = (): void => finish('denied');
        const finish = (d: ReviewDecision): void => {
          signal.removeEventListener('abort', onAbort);
          this.pending = null;
          resolve(d);
        };
        this.pending = { subId, resolve: finish };
        signal.addEventListener('abort', onAbort, { once: true });
        send();
      });
    };
    const next = this.chain.then(run, run);
    this.chain = next.catch(() => undefined);
    return next;
  }

  /** Deliver an answer; false when nothing with that id is waiting. */
  answer(subId: string, decision: ReviewDecision): boolean {
    if (this.pending === null || this.pending.subId !== subId) return false;
    this.pending.resolve(decision);
    return true;
  }
}

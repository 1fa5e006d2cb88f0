/**
 * The script: FIFO queues of turns, one per model wire plus a shared one both wires
 * draw from when their own queue is empty. With `loop`, the shared queue restarts from
 * its first turn when it runs out (the CLI's `--loop`).
 */
import type { Fault, RecordedRequest, RequestMatcher, ScriptedTurn, TurnInput } from '../types.js';

const FAULT_KINDS = new Set(['status', 'cut', 'stall', 'malformed', 'no-headers', 'drop']);

/** Normalises any accepted turn shape into a `ScriptedTurn`. */
export function normalizeTurn(input: TurnInput): ScriptedTurn {
  if (Array.isArray(input)) return { events: input };
  const raw = input as Record<string, unknown>;
  if (typeof raw['fault'] === 'string') {
    if (!FAULT_KINDS.has(raw['fault'])) throw new Error(`unknown fault kind ${JSON.stringify(raw['fault'])}`);
    const { events, chatChunks, eventDelayMs, headers, match, label, ...fault } = raw;
    const turn: ScriptedTurn = { fault: fault as unknown as Fault };
    Object.assign(turn, definedOnly({ events, chatChunks, eventDelayMs, headers, match, label }));
    return turn;
  }
  return { ...(input as ScriptedTurn) };
}

function definedOnly(obj: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined));
}

/** Which queue a turn goes to. */
export type QueueName = 'responses' | 'chat' | 'shared';

/** A turn taken from a queue, with its 1-based position for logs. */
export interface TakenTurn {
  turn: ScriptedTurn;
  queue: QueueName;
  /** 1-based number of turns served from this queue so far (including this one). */
  number: number;
}

/** FIFO queues of scripted turns. */
export class TurnQueue {
  private readonly queues: Record<QueueName, ScriptedTurn[]> = { responses: [], chat: [], shared: [] };
  private readonly served: Record<QueueName, number> = { responses: 0, chat: 0, shared: 0 };
  private loopSource: ScriptedTurn[] | undefined;

  /** Appends turns to a queue. */
  push(queue: QueueName, turns: TurnInput[]): void {
    this.queues[queue].push(...turns.map(normalizeTurn));
  }

  /** Makes the shared queue restart with `turns` whenever it runs out. */
  loop(turns: TurnInput[]): void {
    this.loopSource = turns.map(normalizeTurn);
    this.queues.shared.push(...this.loopSource);
  }

  /** The next turn for a wire without removing it, or undefined when the script ran out. */
  peek(wire: 'responses' | 'chat'): { turn: ScriptedTurn; queue: QueueName } | undefined {
    if (this.queues[wire].length > 0) return { turn: this.queues[wire][0] as ScriptedTurn, queue: wire };
    if (this.queues.shared.length === 0 && this.loopSource?.length) this.queues.shared.push(...this.loopSource);
    const shared = this.queues.shared[0];
    return shared ? { turn: shared, queue: 'shared' } : undefined;
  }

  /** Removes the turn `peek` returned. */
  take(queue: QueueName): TakenTurn {
    const turn = this.queues[queue].shift();
    if (!turn) throw new Error(`queue ${queue} is empty`);
    this.served[queue] += 1;
    return { turn, queue, number: this.served[queue] };
  }

  /** How many turns are still queued, per queue. */
  pending(): Record<QueueName, number> {
    return { responses: this.queues.responses.length, chat: this.queues.chat.length, shared: this.queues.shared.length };
  }

  /** Drops every queued turn. */
  clear(): void {
    for (const q of Object.values(this.queues)) q.length = 0;
    this.loopSource = undefined;
  }
}

/** Checks a request against a matcher: `undefined` when it matches, else the reason. */
export function checkMatch(matcher: RequestMatcher | undefined, req: RecordedRequest): string | undefined {
  if (matcher === undefined) return undefined;
  if (typeof matcher === 'function') {
    const result = matcher(req);
    if (result === true) return undefined;
    return typeof result === 'string' ? result : 'the turn\'s match function returned false';
  }
  if (matcher.path !== undefined && !req.path.endsWith(matcher.path)) {
    return `expected a path ending in ${JSON.stringify(matcher.path)}, got ${JSON.stringify(req.path)}`;
  }
  if (matcher.contains !== undefined && !req.body.includes(matcher.contains)) {
    return `expected the request body to contain ${JSON.stringify(matcher.contains)}`;
  }
  if (matcher.model !== undefined) {
    const model = (req.json as { model?: unknown } | undefined)?.model;
    if (model !== matcher.model) return `expected model ${JSON.stringify(matcher.model)}, got ${JSON.stringify(model)}`;
  }
  return undefined;
}

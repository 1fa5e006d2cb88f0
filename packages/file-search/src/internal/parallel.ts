// Two-thread walk for the one-shot search: the main thread walks and scores as before, and
// one worker thread (dist/walk-worker.js) takes directories off the bottom of the main
// thread's stack (the biggest unexplored subtrees) whenever it runs dry, and hands half of its
// own back when the main thread runs dry. Each side keeps its own top-K; the worker's is merged
// at the end, so results do not depend on how the work was split.
//
// Messages, worker -> main: {t:'hungry', seq} (stack empty), {t:'work', items} (answer to a
// steal), {t:'done', top, total, stats}. Main -> worker: {t:'work', items}, {t:'finish'}.
// Hunger and steal requests are also raised in a SharedArrayBuffer that each side polls after
// every directory, so neither waits for the other's next event-loop turn.

import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { MessagePort, Worker } from 'node:worker_threads';
import { NO_MATCH, compilePattern, couldMatch, prefixProgress, scorePattern, type CompiledPattern } from '../matcher.js';
import { prepareIgnores, type IgnoreSetup, type PrepareIgnoresOptions } from './ignore-setup.js';
import { TopK, type Scored } from './top-k.js';
import { Walker, type NameFilter, type WalkStats, type WorkItem } from './walker.js';

/** Streams paths through a top-K heap, counting every match. */
export class Scorer {
  readonly top: TopK;
  total = 0;
  readonly onFile: (path: string) => void;
  /** Rejects files that cannot match before the walker builds their paths. */
  readonly filter: NameFilter;

  constructor(readonly pattern: CompiledPattern, limit: number) {
    const top = (this.top = new TopK(limit));
    const progress = new Int32Array(pattern.atoms.length);
    this.filter = {
      enter: (prefix) => prefixProgress(pattern, prefix, progress),
      accepts: (name) => couldMatch(pattern, progress, name),
    };
    this.onFile = (path) => {
      const score = scorePattern(pattern, path, top.threshold);
      if (score === NO_MATCH) return;
      this.total++;
      if (score >= 0 && score >= top.threshold) top.offer(score, path);
    };
  }
}

/** What the worker needs to rebuild the walk's setup. */
interface WorkerInput {
  root: string;
  ignores: PrepareIgnoresOptions;
  pattern: string;
  limit: number;
  flags: Int32Array;
}

type FromWorker =
  | { t: 'hungry'; seq: number }
  | { t: 'work'; items: WorkItem[] }
  | { t: 'done'; top: Scored[]; total: number; stats: WalkStats };
type ToWorker = { t: 'work'; items: WorkItem[] } | { t: 'finish' };

/** Slots of the shared flags: the worker's latest hunger number, and a steal request. */
const HUNGER = 0;
const STEAL = 1;

const WORKER_URL = new URL('./walk-worker.js', import.meta.url);
let workerFile: string | null | undefined;

/** Path of the built worker entry, or null when running from sources (tests). */
function workerPath(): string | null {
  if (workerFile === undefined) {
    try {
      const f = fileURLToPath(WORKER_URL);
      workerFile = existsSync(f) ? f : null;
    } catch {
      workerFile = null;
    }
  }
  return workerFile;
}

let prestarted: Worker | null = null;

/**
 * Use `worker` (started on dist/walk-worker.js without workerData, e.g. by the binary before
 * it loads anything else) for the next parallel walk, so its start-up overlaps ours.
 */
export function adoptWorker(worker: Worker): void {
  prestarted = worker;
}

/** Stop an adopted worker that no walk used. */
export function releaseWorker(): void {
  void prestarted?.terminate();
  prestarted = null;
}

/** Whether a worker thread can be started (the built worker entry exists). */
export function canUseWorker(): boolean {
  return workerPath() !== null;
}

/**
 * Walk `root` on the main thread plus one worker, scoring into `scorer`. Falls back to the
 * main thread alone when the worker has not come up by the time the walk is done.
 */
export async function parallelWalk(
  walker: Walker,
  scorer: Scorer,
  input: { root: string; ignores: PrepareIgnoresOptions; limit: number },
  run: (w: Walker) => Promise<WalkStats>,
  workerFailed: (cause: unknown) => Error,
  waitForWorker = false,
): Promise<WalkStats> {
  const flags = new Int32Array(new SharedArrayBuffer(8));
  const data: WorkerInput = { ...input, pattern: scorer.pattern.text, flags };
  let worker: Worker;
  if (prestarted !== null) {
    worker = prestarted;
    prestarted = null;
    worker.postMessage({ t: 'init', data });
  } else {
    const { Worker } = await import('node:worker_threads');
    worker = new Worker(workerPath()!, { workerData: data });
  }
  worker.unref();
  const send = (m: ToWorker): void => worker.postMessage(m);
  /** Last hunger number of the worker that was answered with work. */
  let served = 0;
  let waiting: ((more: boolean) => void) | null = null;
  let failed: ((err: Error) => void) | null = null;
  let doneMsg: Extract<FromWorker, { t: 'done' }> | null = null;
  let onDone: (() => void) | null = null;
  let error: Error | null = null;

  const feed = (): void => {
    // A cold walk is bound by the disk, which libuv's pool already keeps busy: no hand-offs.
    if (walker.cold) return;
    const seq = Atomics.load(flags, HUNGER);
    if (seq > served && walker.pending >= 2) {
      served = seq;
      send({ t: 'work', items: walker.share() });
    }
  };
  // Polled after every directory: a hungry worker is fed without waiting for an event-loop turn.
  walker.afterDir = feed;
  walker.drained = () => {
    if (error) return Promise.reject(error);
    // Never fed (not up yet, or nothing to spare), or fed and idle again: nothing is left.
    if (served === 0 || Atomics.load(flags, HUNGER) > served) return Promise.resolve(false);
    return new Promise<boolean>((res, rej) => {
      waiting = res;
      failed = rej;
      Atomics.store(flags, STEAL, 1);
    });
  };
  const wake = (more: boolean): void => {
    const w = waiting;
    waiting = null;
    failed = null;
    w?.(more);
  };
  worker.on('message', (m: FromWorker) => {
    if (m.t === 'hungry') {
      if (m.seq <= served) return; // already fed
      if (waiting !== null) wake(false); // both sides idle: the walk is complete
      else feed();
    } else if (m.t === 'work') {
      walker.accept(m.items);
      wake(true);
    } else {
      doneMsg = m;
      onDone?.();
    }
  });
  const fail = (cause: unknown): void => {
    error = workerFailed(cause);
    failed?.(error);
    onDone?.();
  };
  worker.on('error', fail);
  worker.on('exit', (code) => {
    if (doneMsg === null && served > 0) fail(new Error(`walker worker exited with code ${code}`));
  });

  if (waitForWorker) {
    // Tests: let the worker come up first so that it certainly takes part.
    while (Atomics.load(flags, HUNGER) === 0 && error === null) await new Promise((r) => setTimeout(r, 2));
  }
  let stats: WalkStats;
  try {
    stats = await run(walker);
  } catch (err) {
    void worker.terminate();
    throw err;
  }
  if (served === 0) {
    void worker.terminate();
    return stats;
  }
  send({ t: 'finish' });
  if (doneMsg === null && error === null) await new Promise<void>((res) => (onDone = res));
  void worker.terminate();
  if (error) throw error;
  const done = doneMsg!;
  scorer.total += done.total;
  for (const s of done.top) scorer.top.offer(s.score, s.path);
  for (const k of Object.keys(stats) as (keyof WalkStats)[]) stats[k] += done.stats[k];
  return stats;
}

/** Worker side: walk what the main thread hands over until told to finish. */
export function runWorker(port: MessagePort, workerData: unknown, concurrency: number): void {
  const input = workerData as WorkerInput;
  const flags = input.flags;
  const setup: IgnoreSetup = prepareIgnores(input.root, input.ignores);
  const scorer = new Scorer(compilePattern(input.pattern), input.limit);
  const walker = new Walker(input.root, setup, scorer.onFile, false, scorer.filter);
  const post = (m: FromWorker): void => port.postMessage(m);
  let waiting: ((more: boolean) => void) | null = null;
  let seq = 0;
  walker.afterDir = () => {
    if (Atomics.load(flags, STEAL) === 1 && walker.pending >= 2) {
      Atomics.store(flags, STEAL, 0);
      post({ t: 'work', items: walker.share() });
    }
  };
  walker.drained = () =>
    new Promise<boolean>((res) => {
      waiting = res;
      Atomics.store(flags, HUNGER, ++seq);
      post({ t: 'hungry', seq });
    });
  port.on('message', (m: ToWorker) => {
    const w = waiting;
    waiting = null;
    if (m.t === 'work') walker.accept(m.items);
    w?.(m.t === 'work');
  });
  void walker.run(concurrency, undefined, () => new Error('aborted')).then((stats) => {
    post({ t: 'done', top: scorer.top.sorted(), total: scorer.total, stats });
    port.close();
  });
}

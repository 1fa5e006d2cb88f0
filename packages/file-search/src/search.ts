// Public search API. `fileSearch` is the one-shot search (streams paths through a top-K
// heap and keeps nothing else, for the CLI). `FileSearchSession` walks once, keeps the
// path list and answers every later query from it, including queries typed while the walk
// is still running (the TUI's `@` popup).

import { realpathSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { FileSearchError } from './errors.js';
import { prepareIgnores, type IgnoreSetup, type PrepareIgnoresOptions } from './internal/ignore-setup.js';
import { Scorer, canUseWorker, parallelWalk } from './internal/parallel.js';
import { TopK } from './internal/top-k.js';
import { Walker, type WalkStats } from './internal/walker.js';
import { NO_MATCH, compilePattern, matchPattern, scorePattern, type CompiledPattern } from './matcher.js';

/** Codex's default `--limit`. */
export const DEFAULT_LIMIT = 64;

/** One result, as Codex's `FileMatch` (`indices` only when asked for). */
export interface FileMatch {
  score: number;
  /** Path relative to the search directory, `/`-separated. */
  path: string;
  /** Matched Unicode code point positions in `path`, sorted and unique. */
  indices?: number[];
}

/** Results of one query. */
export interface FileSearchResults {
  /** Best matches: score descending, then path ascending. */
  matches: FileMatch[];
  /** How many files matched in total (before the limit). */
  totalMatchCount: number;
}

/** Options shared by {@link fileSearch} and {@link FileSearchSession}. */
export interface WalkOptions {
  /** Directory to search (default: process.cwd()). */
  cwd?: string;
  /** Globs to leave out (gitignore syntax, relative to `cwd`), like Codex's `--exclude`. */
  exclude?: readonly string[];
  /** Honour .gitignore, .ignore, info/exclude and global excludes (default true). */
  respectGitignore?: boolean;
  /** Environment used to find the global git excludes (default process.env). */
  env?: NodeJS.ProcessEnv;
}

/** Per-query options. */
export interface QueryOptions {
  /** Maximum number of matches (default 64). */
  limit?: number;
  /** Fill `indices` on each match for highlighting. */
  computeIndices?: boolean;
  /** Cancels the query; the promise rejects with a FileSearchError of code `aborted`. */
  signal?: AbortSignal;
}

/** Options of {@link fileSearch}. */
export interface FileSearchOptions extends WalkOptions, QueryOptions {
  /** Threads walking the tree: 1 = the calling thread only; 2 or more (default 2) adds one worker thread. */
  threads?: number;
}

function abortError(signal: AbortSignal): FileSearchError {
  return new FileSearchError('aborted', 'file search was aborted', { cause: signal.reason });
}

function resolveRoot(cwd: string | undefined): string {
  const dir = resolve(cwd ?? process.cwd());
  let real: string;
  try {
    real = realpathSync.native(dir);
    if (!statSync(real).isDirectory()) throw new Error('not a directory');
  } catch (err: unknown) {
    throw new FileSearchError('not_a_directory', `search directory ${dir} is not a readable directory`, { cause: err });
  }
  return real;
}

function validateLimit(limit: number | undefined): number {
  const l = limit ?? DEFAULT_LIMIT;
  if (!Number.isInteger(l) || l < 1) {
    throw new FileSearchError('invalid_argument', `limit must be a positive integer, got ${String(limit)}`);
  }
  return l;
}

function prepare(opts: WalkOptions): { root: string; setup: IgnoreSetup; ignores: PrepareIgnoresOptions } {
  const root = resolveRoot(opts.cwd);
  const ignores: PrepareIgnoresOptions = {
    respectIgnoreFiles: opts.respectGitignore ?? true,
    exclude: opts.exclude ?? [],
    env: opts.env ?? process.env,
  };
  return { root, setup: prepareIgnores(root, ignores), ignores };
}

/** Directory reads kept in flight (libuv's pool runs as many as it has threads). */
export const WALK_CONCURRENCY = 16;

function runWalker(walker: Walker, signal: AbortSignal | undefined): Promise<WalkStats> {
  return walker.run(WALK_CONCURRENCY, signal, () => abortError(signal!));
}

function finish(top: TopK, pattern: CompiledPattern, computeIndices: boolean, total: number): FileSearchResults {
  const matches = top.sorted().map(({ score, path }): FileMatch => {
    if (!computeIndices) return { score, path };
    return { score, path, indices: matchPattern(pattern, path)?.indices ?? [] };
  });
  return { matches, totalMatchCount: total };
}

/**
 * Walk `cwd` once and return the best matches for `pattern` (Codex's `run`). Paths are not
 * retained: each is scored as it is found and only the top `limit` are kept.
 */
export async function fileSearch(pattern: string, options: FileSearchOptions = {}): Promise<FileSearchResults> {
  const limit = validateLimit(options.limit);
  const threads = options.threads ?? 2;
  if (!Number.isInteger(threads) || threads < 1) {
    throw new FileSearchError('invalid_argument', `threads must be a positive integer, got ${String(options.threads)}`);
  }
  const { root, setup, ignores } = prepare(options);
  const scorer = new Scorer(compilePattern(pattern), limit);
  const walker = new Walker(root, setup, scorer.onFile, true, scorer.filter);
  if (threads >= 2 && canUseWorker()) {
    const failed = (cause: unknown): Error => new FileSearchError('worker_failed', 'file search worker thread failed', { cause });
    const wait = process.env.CODEX_FILE_SEARCH_TEST_WAIT_FOR_WORKER === '1'; // tests only
    await parallelWalk(walker, scorer, { root, ignores, limit }, (w) => runWalker(w, options.signal), failed, wait);
  } else {
    await runWalker(walker, options.signal);
  }
  return finish(scorer.top, scorer.pattern, options.computeIndices ?? false, scorer.total);
}

/** Score `paths` (all of them) against `pattern`. */
export function rankPaths(paths: readonly string[], pattern: string, options: Omit<QueryOptions, 'signal'> = {}): FileSearchResults {
  const limit = validateLimit(options.limit);
  const compiled = compilePattern(pattern);
  const top = new TopK(limit);
  let total = 0;
  for (const path of paths) {
    const score = scorePattern(compiled, path, top.threshold);
    if (score === NO_MATCH) continue;
    total++;
    if (score >= 0 && score >= top.threshold) top.offer(score, path);
  }
  return finish(top, compiled, options.computeIndices ?? false, total);
}

/**
 * A walk that is done once and queried many times. The walk starts on the first
 * {@link FileSearchSession.search} (or {@link FileSearchSession.start}); a query issued while
 * it runs waits for it instead of starting another.
 */
export class FileSearchSession {
  private readonly paths: string[] = [];
  private readonly controller = new AbortController();
  private walk: Promise<WalkStats> | null = null;
  private done = false;

  constructor(private readonly options: WalkOptions = {}) {}

  /** Start walking now (idempotent). Rejects like {@link fileSearch} on a bad `cwd`. */
  start(): Promise<WalkStats> {
    if (this.walk === null) {
      const { root, setup } = prepare(this.options);
      const walker = new Walker(root, setup, (p) => this.paths.push(p));
      this.walk = runWalker(walker, this.controller.signal).then((stats) => {
        this.done = true;
        return stats;
      });
      // A rejection is observed by whoever awaits the walk; keep Node from flagging it early.
      this.walk.catch(() => undefined);
    }
    return this.walk;
  }

  /** Whether the walk has finished. */
  get walkComplete(): boolean {
    return this.done;
  }

  /** Number of files found so far. */
  get fileCount(): number {
    return this.paths.length;
  }

  /** The files found so far (grows while the walk runs; relative paths, read-only). */
  get files(): readonly string[] {
    return this.paths;
  }

  /** Best matches for `pattern` over the whole tree. */
  async search(pattern: string, options: QueryOptions = {}): Promise<FileSearchResults> {
    const signal = options.signal;
    if (signal?.aborted) throw abortError(signal);
    const walk = this.start();
    if (!this.done) {
      await new Promise<void>((res, rej) => {
        const onAbort = (): void => rej(abortError(signal!));
        signal?.addEventListener('abort', onAbort, { once: true });
        walk.then(
          () => { signal?.removeEventListener('abort', onAbort); res(); },
          (err: unknown) => { signal?.removeEventListener('abort', onAbort); rej(err); },
        );
      });
    }
    return rankPaths(this.paths, pattern, options);
  }

  /** Stop the walk; pending and later searches reject with code `aborted`. */
  close(): void {
    this.controller.abort();
  }
}

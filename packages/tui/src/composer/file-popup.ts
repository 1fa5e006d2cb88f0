// The `@` file popup: fuzzy matches over the workspace's files while the user types.
// One walk (@codex-ts/file-search's FileSearchSession, gitignore-aware) serves every query
// of a popup; ranking runs in slices that yield to the event loop between them, so a key
// press is never stuck behind a 50k-file scoring pass, and a newer query cancels an older
// one. Matches over the files found so far are shown while the walk is still running.
import { FileSearchSession, compilePattern, matchPattern, scorePattern, NO_MATCH } from '@codex-ts/file-search';
import type { Line } from '../term/style.js';
import { renderPopup, Selection, type PopupItem } from './popup-view.js';

/** Matches kept per query (8 are visible; the rest scroll). */
export const FILE_MATCH_LIMIT = 20;
/** Paths scored per slice before yielding to the event loop. */
const SLICE = 2000;
/** A walk is reused by a popup opened again within this time. */
const REUSE_MS = 30_000;
/** The walk stops after this many files (a popup opened in a huge tree such as `~`). */
export const MAX_FILES = 500_000;

export interface FileMatchRow {
  path: string;
  score: number;
  indices: number[];
}

const yieldToLoop = (): Promise<void> => new Promise((res) => setImmediate(res));

/** Walks shared by popups of one cwd (the last one only). */
let cached: { cwd: string; session: FileSearchSession; at: number } | undefined;
/** Frees the cached walk (its path list) once it can no longer be reused. */
let expiry: NodeJS.Timeout | undefined;

function sessionFor(cwd: string): FileSearchSession {
  const now = Date.now();
  if (expiry) clearTimeout(expiry);
  expiry = undefined;
  if (cached && cached.cwd === cwd && now - cached.at < REUSE_MS) {
    cached.at = now;
    return cached.session;
  }
  cached?.session.close();
  const session = new FileSearchSession({ cwd });
  cached = { cwd, session, at: now };
  return session;
}

/** Forget the shared walk (tests, app exit). */
export function dropFileSearchCache(): void {
  if (expiry) clearTimeout(expiry);
  expiry = undefined;
  cached?.session.close();
  cached = undefined;
}

/** A popup closed: keep its walk for REUSE_MS, then let it go. */
function releaseSoon(): void {
  if (expiry) clearTimeout(expiry);
  expiry = setTimeout(dropFileSearchCache, REUSE_MS);
  expiry.unref();
  if (cached) cached.at = Date.now();
}

/**
 * Top `limit` matches of `pattern` among `paths`, scored in slices; undefined when
 * superseded. `matched` (when given) collects every path that matches at all: a longer
 * query typed next only needs to look at those.
 */
export async function rankInSlices(paths: readonly string[], pattern: string, limit: number, current: () => boolean, matched?: string[], count = paths.length): Promise<FileMatchRow[] | undefined> {
  const compiled = compilePattern(pattern);
  const top: Array<{ score: number; path: string }> = [];
  let threshold = -Infinity;
  const n = Math.min(count, paths.length);
  for (let start = 0; start < n; start += SLICE) {
    if (start > 0) {
      await yieldToLoop();
      if (!current()) return undefined;
    }
    const end = Math.min(n, start + SLICE);
    for (let i = start; i < end; i++) {
      const path = paths[i]!;
      const score = scorePattern(compiled, path, threshold);
      if (score === NO_MATCH) continue;
      matched?.push(path);
      if (score < 0 || score < threshold) continue;
      // Insert keeping (score desc, path asc); drop the tail beyond `limit`.
      let j = top.length;
      while (j > 0 && (top[j - 1]!.score < score || (top[j - 1]!.score === score && top[j - 1]!.path > path))) j--;
      if (j >= limit) continue;
      top.splice(j, 0, { score, path });
      if (top.length > limit) top.pop();
      if (top.length === limit) threshold = top[limit - 1]!.score;
    }
  }
  return top.map(({ score, path }) => ({ score, path, indices: matchPattern(compiled, path)?.indices ?? [] }));
}

export class FilePopup {
  query = '';
  matches: FileMatchRow[] = [];
  /** True while the walk or the ranking for the current query is still going. */
  searching = false;
  error: string | undefined;
  readonly sel = new Selection();
  private gen = 0;
  private readonly session: FileSearchSession;
  /** Every file matching `narrow.query` over the finished walk (for narrowing). */
  private narrow: { query: string; paths: string[] } | undefined;

  constructor(
    cwd: string,
    /** Called when results arrive (the app redraws). */
    private readonly onUpdate: () => void,
    private readonly maxFiles = MAX_FILES,
  ) {
    this.session = sessionFor(cwd);
    const walk = this.session.start();
    walk.catch((err: unknown) => {
      if (this.capped) return; // stopped on purpose at maxFiles
      this.error = (err as Error).message;
      this.searching = false;
      this.onUpdate();
    });
    // While the walk runs, stop it once it has found maxFiles files (even with no query typed).
    if (!this.session.walkComplete) {
      this.watch = setInterval(() => {
        if (this.capped) this.session.close();
        if (this.capped || this.session.walkComplete || this.closed) this.stopWatch();
      }, 50);
      this.watch.unref();
      walk.then(() => this.stopWatch(), () => this.stopWatch());
    }
  }

  private watch: NodeJS.Timeout | undefined;
  private closed = false;

  private stopWatch(): void {
    if (this.watch) clearInterval(this.watch);
    this.watch = undefined;
  }

  /** The text after `@` changed. */
  setQuery(query: string): void {
    if (query === this.query && (this.matches.length > 0 || this.searching)) return;
    this.query = query;
    const gen = ++this.gen;
    if (query === '') {
      this.matches = [];
      this.searching = false;
      return;
    }
    this.searching = true;
    void this.run(query, gen);
  }

  /** The tree has more than `maxFiles` files: the walk stops, results cover the first ones. */
  get capped(): boolean {
    return this.session.fileCount >= this.maxFiles;
  }

  private async run(query: string, gen: number): Promise<void> {
    const current = (): boolean => gen === this.gen;
    for (;;) {
      if (this.capped) this.session.close();
      const complete = this.session.walkComplete || this.capped;
      // A query that extends the last one can only match files the last one matched
      // (matching is a subsequence test), so typing on narrows instead of rescanning.
      const base = complete && this.narrow && query.startsWith(this.narrow.query) && !this.narrow.query.endsWith('\\') ? this.narrow.paths : this.session.files;
      const matched: string[] = [];
      const found = await rankInSlices(base, query, FILE_MATCH_LIMIT, current, complete ? matched : undefined, base === this.session.files ? this.maxFiles : base.length);
      if (!found || !current()) return;
      if (complete) this.narrow = { query, paths: matched };
      this.matches = found;
      this.sel.clamp(found.length);
      if (complete || this.error) break;
      this.onUpdate();
      // The walk is still running: rank again once it ends (or in 150 ms with what is found by then).
      await Promise.race([this.session.start().catch(() => undefined), new Promise((res) => setTimeout(res, 150))]);
      if (!current()) return;
    }
    this.searching = false;
    this.onUpdate();
  }

  /** Files searched (walked so far, at most maxFiles). */
  get fileCount(): number {
    return Math.min(this.session.fileCount, this.maxFiles);
  }

  move(delta: number): void {
    this.sel.move(delta, this.matches.length);
  }

  /** The highlighted path, if any. */
  selected(): string | undefined {
    return this.matches[this.sel.index]?.path;
  }

  /** Stop caring about results (the walk stays cached for a popup opened again soon). */
  close(): void {
    this.gen++;
    this.closed = true;
    releaseSoon();
  }

  render(width: number): Line[] {
    const items: PopupItem[] = this.matches.map((m) => ({ label: m.path, indices: m.indices }));
    const empty = this.error ? `file search failed: ${this.error}` : this.query === '' ? 'type to search files' : this.searching ? 'searching…' : 'no matches';
    return renderPopup(items, this.sel, width, empty);
  }
}

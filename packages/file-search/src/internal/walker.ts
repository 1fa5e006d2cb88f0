// Depth-first directory walker run in time slices. Owns: ignore-file discovery per
// directory, skipping `.git`, following symlinks without loops (a link whose target is one
// of its logical ancestors is skipped), skipping unreadable directories and names that are
// not valid UTF-8 (as Codex does), and handing every non-directory path to `onFile`.

import { readdir, readdirSync, realpathSync, statSync, type Dirent } from 'node:fs';
import { type IgnoreNode, type IgnoreSetup, isIgnored, loadRuleSet } from './ignore-setup.js';

/** A followed symlink: the logical directory `logicalRel` really is `realRoot`. */
export interface LinkSegment {
  readonly realRoot: string;
  readonly logicalRel: string;
  /** Real path of the directory that held the link. */
  readonly parentReal: string;
  readonly parent: LinkSegment | null;
}

/** A directory handed between threads: its ignore chain is described, not copied. */
export interface WorkItem {
  readonly rel: string;
  /** Ignore-file directories from the outermost down: [dir, has .gitignore, has .ignore]. */
  readonly chain: readonly (readonly [string, boolean, boolean])[];
  readonly link: LinkSegment | null;
}

/** Cheap rejection of files that cannot match (see matcher's prefixProgress/couldMatch). */
export interface NameFilter {
  /** Called once per directory with its path prefix ('' or 'a/b/'). */
  enter(prefix: string): void;
  /** False when the file `prefix + name` cannot match. */
  accepts(name: string): boolean;
}

/** Counters describing what the walk skipped. */
export interface WalkStats {
  directories: number;
  /** Directories that could not be read (permissions, vanished). */
  unreadable: number;
  /** Symlinks skipped because they would loop or dangle. */
  badLinks: number;
  /** Entries skipped because their names are not valid UTF-8. */
  nonUtf8: number;
}

/** Milliseconds of synchronous walking between event-loop turns. */
const SLICE_MS = 8;
/** Directory reads averaged before deciding whether the page cache is cold. */
const PROBE_READS = 16;
/**
 * Median synchronous read time (ms) above which reads are treated as disk I/O. Measured on
 * the benchmark tree: warm medians 0.011-0.021 ms, cold 0.068-0.100 ms.
 */
const COLD_READ_MS = 0.04;

const utf8 = new TextDecoder('utf-8', { fatal: true });

function within(ancestor: string, path: string): boolean {
  return path === ancestor || path.startsWith(ancestor === '/' ? '/' : `${ancestor}/`);
}

function join(dir: string, name: string): string {
  return dir.endsWith('/') ? dir + name : `${dir}/${name}`;
}

/** Walks one tree; call {@link Walker.run} once. */
export class Walker {
  readonly stats: WalkStats = { directories: 0, unreadable: 0, badLinks: 0, nonUtf8: 0 };
  private readonly rels: string[] = [];
  private readonly nodes: (IgnoreNode | null)[] = [];
  private readonly links: (LinkSegment | null)[] = [];
  private readonly imported = new Map<string, IgnoreNode>();
  /**
   * Listings of real directories read through a followed symlink, and resolutions of symlinks
   * by their real path: with pnpm's node_modules the same real directory is reached through
   * many links (13k visits of 2k directories), and each is read from disk once.
   */
  private readonly listings = new Map<string, Dirent[] | null>();
  private readonly resolved = new Map<string, string | false | null>();
  /** Whether reads looked like disk I/O, so the walk keeps many reads in flight instead. */
  cold = false;
  /** Called after each directory (work sharing checks here). */
  afterDir: (() => void) | null = null;
  /** Called when no directory is left; resolves true when more work was pushed. */
  drained: (() => Promise<boolean>) | null = null;

  /**
   * @param root absolute real path of the search root
   * @param onFile receives each file's path relative to `root`, `/`-separated
   */
  constructor(
    private readonly root: string,
    private readonly setup: IgnoreSetup,
    private readonly onFile: (rel: string) => void,
    seedRoot = true,
    private readonly filter: NameFilter | null = null,
  ) {
    if (seedRoot) this.push('', setup.rootNode, null);
  }

  /** Remove the shallowest half of the pending directories, described for another thread. */
  share(): WorkItem[] {
    const n = this.rels.length >> 1;
    const out: WorkItem[] = [];
    if (n === 0) return out;
    const rels = this.rels.splice(0, n);
    const nodes = this.nodes.splice(0, n);
    const links = this.links.splice(0, n);
    for (let i = 0; i < n; i++) {
      const chain: [string, boolean, boolean][] = [];
      for (let x: IgnoreNode | null = nodes[i]!; x !== null && x.dir !== undefined; x = x.parent) chain.unshift([x.dir, x.gitignore !== null, x.ignore !== null]);
      out.push({ rel: rels[i]!, chain, link: links[i]! });
    }
    return out;
  }

  /** Push directories described by another thread's {@link Walker.share}. */
  accept(items: readonly WorkItem[]): void {
    for (const { rel, chain, link } of items) {
      let node = this.setup.rootNode;
      for (const [dir, gi, ig] of chain) {
        let next = this.imported.get(dir);
        if (next === undefined) {
          const base = dir === '' ? '' : `${dir}/`;
          const abs = dir === '' ? this.root : join(this.root, dir);
          const load = (f: string): ReturnType<typeof loadRuleSet> => loadRuleSet(join(abs, f), base, '');
          next = { dir, gitignore: gi ? load('.gitignore') : null, ignore: ig ? load('.ignore') : null, parent: node };
          this.imported.set(dir, next);
        }
        node = next;
      }
      this.push(rel, node, link);
    }
  }

  /** Start walking below `rel` too (used when work is handed over between threads). */
  push(rel: string, node: IgnoreNode | null, link: LinkSegment | null): void {
    this.rels.push(rel);
    this.nodes.push(node);
    this.links.push(link);
  }

  /** Number of directories waiting to be read. */
  get pending(): number {
    return this.rels.length;
  }

  /**
   * Walk the whole tree. Directories are read synchronously while reads are cheap (warm page
   * cache: no thread hand-offs); once reads look like disk I/O the walk switches to keeping up
   * to `concurrency` reads in flight on libuv's thread pool, so the I/O runs in parallel.
   * Yields to the event loop every few milliseconds. Rejects with `abortError()` on abort.
   */
  run(concurrency: number, signal: AbortSignal | undefined, abortError: () => Error): Promise<WalkStats> {
    return new Promise((resolve, reject) => {
      let inflight = 0;
      let finished = false;
      const finish = (err: Error | null): void => {
        if (finished) return;
        finished = true;
        signal?.removeEventListener('abort', onAbort);
        if (err) reject(err);
        else resolve(this.stats);
      };
      const onAbort = (): void => finish(abortError());
      if (signal?.aborted) return onAbort();
      signal?.addEventListener('abort', onAbort, { once: true });

      const resume = (): void => {
        if (this.cold) pump();
        else setImmediate(slice);
      };
      /** Out of directories: finish, unless another thread hands over more. */
      const drain = (): void => {
        if (this.drained === null) return finish(null);
        this.drained().then((more) => (finished ? undefined : more ? resume() : finish(null)), (err: Error) => finish(err));
      };
      const pump = (): void => {
        while (!finished && inflight < concurrency && this.rels.length > 0) {
          const rel = this.rels.pop()!;
          const node = this.nodes.pop()!;
          const link = this.links.pop()!;
          const abs = rel === '' ? this.root : join(this.root, rel);
          inflight++;
          readdir(abs, { withFileTypes: true }, (err, ents) => {
            inflight--;
            if (finished) return;
            if (err) this.stats.unreadable++; // unreadable or vanished: skipped, as the ignore crate does
            else this.processDir(rel, abs, ents, node, link);
            this.afterDir?.();
            if (this.rels.length === 0 && inflight === 0) drain();
            else pump();
          });
        }
      };

      const probe = new Float64Array(PROBE_READS);
      let reads = 0;
      let slowWindows = 0;
      const slice = (): void => {
        if (finished) return;
        const deadline = performance.now() + SLICE_MS;
        while (this.rels.length > 0) {
          const rel = this.rels.pop()!;
          const node = this.nodes.pop()!;
          const link = this.links.pop()!;
          const abs = rel === '' ? this.root : join(this.root, rel);
          const real = link === null ? null : this.realOf(rel, link);
          let ents = real === null ? undefined : this.listings.get(real);
          const cached = ents !== undefined;
          const t0 = performance.now();
          if (ents === undefined) {
            try {
              ents = readdirSync(abs, { withFileTypes: true });
            } catch {
              ents = null; // unreadable or vanished: skipped, as the ignore crate does
            }
            if (real !== null) this.listings.set(real, ents);
          }
          const t1 = performance.now();
          if (ents === null) this.stats.unreadable++;
          else this.processDir(rel, abs, ents, node, link);
          this.afterDir?.();
          if (!cached) {
            probe[reads++] = t1 - t0;
            if (reads === PROBE_READS) {
              // The median shrugs off reads that were merely preempted on a busy machine; two slow
              // windows in a row are needed, so one burst of load does not switch modes.
              slowWindows = probe.sort()[PROBE_READS >> 1]! > COLD_READ_MS ? slowWindows + 1 : 0;
              if (slowWindows === 2) {
                this.cold = true;
                return pump();
              }
              reads = 0;
            }
          }
          if (t1 > deadline) {
            setImmediate(slice);
            return;
          }
        }
        drain();
      };
      // Never finish inside the call: an abort issued right after it still wins.
      setImmediate(slice);
    });
  }

  private processDir(rel: string, abs: string, ents: Dirent[], parentNode: IgnoreNode | null, link: LinkSegment | null): void {
    this.stats.directories++;
    const setup = this.setup;
    let node = parentNode;
    let lossy: Set<string> | null = null;
    for (const e of ents) {
      const name = e.name;
      if (name.charCodeAt(0) === 46 && setup.respectIgnoreFiles && (name === '.gitignore' || name === '.ignore')) {
        if (e.isDirectory()) continue;
        const base = rel === '' ? '' : `${rel}/`;
        const rs = loadRuleSet(join(abs, name), base, '');
        if (rs !== null) {
          const prev: IgnoreNode | null = node !== parentNode ? node : null;
          node = name === '.gitignore'
            ? { dir: rel, gitignore: rs, ignore: prev?.ignore ?? null, parent: parentNode }
            : { dir: rel, gitignore: prev?.gitignore ?? null, ignore: rs, parent: parentNode };
        }
      } else if (lossy === null && name.includes('\uFFFD')) {
        lossy = this.invalidNames(abs);
      }
    }
    const checkIgnores = node !== null || setup.overrides !== null || setup.gitExclude !== null || setup.globalExclude !== null;
    const prefix = rel === '' ? '' : `${rel}/`;
    const filter = this.filter;
    filter?.enter(prefix);
    for (const e of ents) {
      const name = e.name;
      if (name === '.git') continue;
      if (lossy !== null && lossy.has(name)) {
        this.stats.nonUtf8++;
        continue;
      }
      let dir = e.isDirectory();
      let target: string | null = null;
      if (!dir && e.isSymbolicLink()) {
        // Cached by the link's real path: a directory's real path, false for a file, null if dangling.
        const key = join(this.realOf(rel, link), name);
        let res = this.resolved.get(key);
        if (res === undefined) {
          const childAbs = join(abs, name);
          try {
            res = statSync(childAbs).isDirectory() ? realpathSync.native(childAbs) : false;
          } catch {
            res = null;
          }
          this.resolved.set(key, res);
        }
        if (res === null) {
          this.stats.badLinks++;
          continue;
        }
        dir = res !== false;
        if (dir) target = res as string;
      }
      // A file that cannot match is skipped before its path is built or checked for ignores.
      if (!dir && filter !== null && !filter.accepts(name)) continue;
      const childRel = prefix + name;
      if (checkIgnores && isIgnored(setup, node, childRel, name, dir)) continue;
      if (!dir) {
        this.onFile(childRel);
      } else if (target === null) {
        this.push(childRel, node, link);
      } else {
        const current = this.realOf(rel, link);
        if (this.loops(target, current, link)) {
          this.stats.badLinks++;
          continue;
        }
        this.push(childRel, node, { realRoot: target, logicalRel: childRel, parentReal: current, parent: link });
      }
    }
  }

  private realOf(rel: string, link: LinkSegment | null): string {
    if (link === null) return rel === '' ? this.root : join(this.root, rel);
    return rel === link.logicalRel ? link.realRoot : link.realRoot + rel.slice(link.logicalRel.length);
  }

  /** Whether `target` is the real path of a logical ancestor of the current directory. */
  private loops(target: string, current: string, link: LinkSegment | null): boolean {
    let segEnd = current;
    for (let s = link; ; s = s.parent) {
      const segStart = s === null ? this.root : s.realRoot;
      if (within(target, segEnd) && within(segStart, target)) return true;
      if (s === null) return false;
      segEnd = s.parentReal;
    }
  }

  /** Names in `abs` (as Node decodes them, lossily) whose bytes are not valid UTF-8. */
  private invalidNames(abs: string): Set<string> {
    const bad = new Set<string>();
    let raw: Buffer[];
    try {
      raw = readdirSync(abs, { encoding: 'buffer' });
    } catch {
      return bad;
    }
    for (const b of raw) {
      try {
        utf8.decode(b);
      } catch {
        bad.add(b.toString('utf8'));
      }
    }
    return bad;
  }
}

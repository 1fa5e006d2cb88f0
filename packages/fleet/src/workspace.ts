// Each task's own checkout: a git worktree of a local repository, or a clone of a git URL
// made from a worker-local bare cache. Both live under the shared directory, so a worker that
// takes over a lost task finds the files the first one changed. The worktree's directory name
// is the task id, which keeps git's per-worktree admin names unique under concurrency.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { FleetError } from './errors.js';
import { isGitUrl, type FleetTask } from './task.js';

/** Where a task's files live under the shared directory. */
export interface TaskPaths {
  /** The task's own directory: CODEX_HOME, last message, schema. */
  dir: string;
  /** CODEX_HOME of the task's `codex exec` (its rollout is under sessions/). */
  home: string;
  /** The checkout the task runs in. */
  work: string;
  lastMessage: string;
  schema: string;
}

/** Paths of task `id` in `queue`. */
export function taskPaths(sharedDir: string, queue: string, id: string): TaskPaths {
  const dir = join(sharedDir, queue, 'task', id);
  return { dir, home: join(dir, 'home'), work: join(sharedDir, queue, 'work', id), lastMessage: join(dir, 'last-message.txt'), schema: join(dir, 'output-schema.json') };
}

const MAX_DIFF_BYTES = 10 * 1024 * 1024;

/** Run git; resolves stdout, rejects with FleetError('workspace') carrying git's stderr. */
export function git(args: string[], opts: { cwd?: string; signal?: AbortSignal; maxBuffer?: number; env?: Record<string, string> } = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      'git',
      args,
      {
        ...(opts.cwd !== undefined ? { cwd: opts.cwd } : {}),
        ...(opts.signal !== undefined ? { signal: opts.signal } : {}),
        maxBuffer: opts.maxBuffer ?? 64 * 1024 * 1024,
        encoding: 'utf8',
        // A worker never waits for a credential prompt.
        env: { ...process.env, ...opts.env, GIT_TERMINAL_PROMPT: '0', GIT_ASKPASS: '', SSH_ASKPASS: '' },
      },
      (err, stdout, stderr) => {
        if (err) reject(new FleetError('workspace', `git ${args.join(' ')} failed: ${(stderr || err.message).trim()}`, { cause: err }));
        else resolve(stdout);
      },
    );
  });
}

/** A checkout ready to run in. */
export interface Workspace {
  work: string;
  baseCommit: string;
}

const cacheLocks = new Map<string, Promise<unknown>>();

/** One holder at a time per cache: in this process (a promise chain) and across processes (a lock dir). */
async function withCacheLock<T>(cache: string, signal: AbortSignal | undefined, fn: () => Promise<T>): Promise<T> {
  const prev = cacheLocks.get(cache) ?? Promise.resolve();
  const run = prev.catch(() => undefined).then(async () => {
    const lock = `${cache}.lock`;
    for (;;) {
      try {
        mkdirSync(lock);
        break;
      } catch (err: unknown) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
        // A holder that died leaves its lock: anything older than 10 minutes is taken over.
        try {
          if (Date.now() - statSync(lock).mtimeMs > 600_000) rmSync(lock, { recursive: true, force: true });
        } catch {
          // gone meanwhile: try again
        }
        await sleep(100, undefined, signal ? { signal } : undefined);
      }
    }
    try {
      return await fn();
    } finally {
      rmSync(lock, { recursive: true, force: true });
    }
  });
  cacheLocks.set(cache, run);
  return run as Promise<T>;
}

async function resolveCommit(gitDir: string, ref: string, signal?: AbortSignal): Promise<string> {
  try {
    return (await git(['-C', gitDir, 'rev-parse', '--verify', '--end-of-options', `${ref}^{commit}`], { ...(signal ? { signal } : {}) })).trim();
  } catch (err: unknown) {
    throw new FleetError('workspace', `ref ${JSON.stringify(ref)} is not a commit in ${gitDir}`, { cause: err });
  }
}

/**
 * Remove a task's checkout and git's record of it. Never `git worktree prune`: run while
 * another task's `git worktree add` is between creating its admin directory and locking it,
 * prune deletes that directory and the add fails. The admin directory is named after the
 * checkout (the task id), so it is removed by name instead.
 */
export async function removeWorkspace(task: FleetTask, work: string): Promise<void> {
  if (!isGitUrl(task.repo) && existsSync(task.repo)) {
    await git(['-C', task.repo, 'worktree', 'remove', '--force', work]).catch(() => undefined);
    rmSync(work, { recursive: true, force: true });
    const common = await git(['-C', task.repo, 'rev-parse', '--path-format=absolute', '--git-common-dir']).catch(() => '');
    if (common.trim() !== '') rmSync(join(common.trim(), 'worktrees', basename(work)), { recursive: true, force: true });
  } else rmSync(work, { recursive: true, force: true });
}

/** A fresh checkout of the task's repo at its ref in `work` (anything there before is removed). */
export async function prepareWorkspace(task: FleetTask, work: string, cacheDir: string, signal?: AbortSignal, commit?: string): Promise<Workspace> {
  // A resumed task starts from the commit its first run used, wherever the ref has moved since.
  const ref = commit ?? task.ref ?? 'HEAD';
  const sig = signal ? { signal } : {};
  if (existsSync(work)) await removeWorkspace(task, work);
  mkdirSync(join(work, '..'), { recursive: true });
  if (!isGitUrl(task.repo)) {
    if (!existsSync(task.repo)) throw new FleetError('workspace', `repository ${task.repo} does not exist on this worker`);
    const baseCommit = await resolveCommit(task.repo, ref, signal);
    try {
      await git(['-C', task.repo, 'worktree', 'add', '--quiet', '--detach', work, baseCommit], sig);
    } catch (err: unknown) {
      // Someone else's prune (a user's, or gc's) can still race an add: clean up and try once more.
      if (signal?.aborted) throw err;
      await removeWorkspace(task, work);
      await git(['-C', task.repo, 'worktree', 'add', '--quiet', '--detach', work, baseCommit], sig);
    }
    return { work, baseCommit };
  }
  const cache = join(cacheDir, `${createHash('sha256').update(task.repo).digest('hex').slice(0, 24)}.git`);
  mkdirSync(cacheDir, { recursive: true });
  const baseCommit = await withCacheLock(cache, signal, async () => {
    if (!existsSync(cache)) {
      const tmp = `${cache}.tmp-${process.pid}`;
      rmSync(tmp, { recursive: true, force: true });
      await git(['clone', '--quiet', '--bare', '--', task.repo, tmp], sig);
      renameSync(tmp, cache);
    } else {
      await git(['-C', cache, 'fetch', '--quiet', '--prune', '--force', '--', task.repo, '+refs/heads/*:refs/heads/*', '+refs/tags/*:refs/tags/*'], sig);
    }
    return resolveCommit(cache, ref, signal);
  });
  await git(['clone', '--quiet', '--no-checkout', '--', cache, work], sig);
  await git(['-C', work, 'checkout', '--quiet', '--detach', baseCommit], sig);
  await git(['-C', work, 'remote', 'set-url', 'origin', task.repo], sig);
  return { work, baseCommit };
}

/**
 * Everything the task changed since `baseCommit`, written to `file` as a binary diff, while the
 * task may still be running: a copy of the checkout's index takes the `git add -A`, so the
 * agent's own git commands never meet a lock of ours. Returns the diff's size in bytes.
 */
export async function snapshotDiff(work: string, baseCommit: string, file: string): Promise<number> {
  const index = (await git(['-C', work, 'rev-parse', '--path-format=absolute', '--git-path', 'index'])).trim();
  const tmpIndex = `${file}.index`;
  try {
    if (existsSync(index)) copyFileSync(index, tmpIndex);
    const env = { GIT_INDEX_FILE: tmpIndex };
    await git(['-C', work, 'add', '-A'], { env });
    await git(['-C', work, 'diff', '--cached', '--binary', `--output=${file}`, baseCommit], { env });
  } finally {
    rmSync(tmpIndex, { force: true });
  }
  return statSync(file).size;
}

/** Everything the task changed since `baseCommit` (tracked, new and deleted files), as a binary diff. */
export async function workspaceDiff(work: string, baseCommit: string): Promise<{ diff: string; truncated: boolean }> {
  await git(['-C', work, 'add', '-A']);
  try {
    const diff = await git(['-C', work, 'diff', '--cached', '--binary', baseCommit], { maxBuffer: MAX_DIFF_BYTES });
    return { diff, truncated: false };
  } catch (err: unknown) {
    const stat = await git(['-C', work, 'diff', '--cached', '--stat', baseCommit]);
    if (/maxBuffer/i.test(String((err as Error).message))) return { diff: `${stat}\n[diff larger than ${MAX_DIFF_BYTES} bytes; see the worktree]\n`, truncated: true };
    throw err;
  }
}

// Finds and lists sessions: `sessions/YYYY/MM/DD/rollout-*.jsonl` (and the flat
// `archived_sessions/`), newest first by last write, each with what a picker shows: time,
// cwd, first user prompt, size. Only a file's head is read, so listing stays cheap however
// long the sessions are. `--last` filters by the session's cwd, as Codex 0.169 does.
import { closeSync, existsSync, openSync, readdirSync, readSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { SessionMeta } from '@codex-ts/protocol';

/** One session as a picker shows it. */
export interface SessionSummary {
  id: string;
  path: string;
  /** The directory the session was started in (session_meta.cwd). */
  cwd: string;
  /** session_meta.timestamp (UTC ISO), or the file's birth time. */
  created_at: string;
  /** Last write to the rollout (UTC ISO). */
  updated_at: string;
  /** The first prompt the user typed, or null when none was recorded. */
  first_user_message: string | null;
  size_bytes: number;
  source?: unknown;
  originator?: string;
  cli_version?: string;
  forked_from_id?: string;
  /** session_meta.git.branch, when the session recorded one. */
  git_branch?: string;
  archived: boolean;
}

/** Options for {@link listSessions}. */
export interface ListSessionsOptions {
  /** Only sessions started in this directory (`--all` leaves it unset). */
  cwd?: string;
  /** At most this many (default: all). */
  limit?: number;
  /** Also list `archived_sessions/`. */
  includeArchived?: boolean;
  /** Scan at most this many files (Codex caps at 10,000). */
  scanCap?: number;
}

interface RolloutFile {
  path: string;
  mtimeMs: number;
  size: number;
  archived: boolean;
}

const ROLLOUT_RE = /^rollout-.*-([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})\.jsonl$/;

/** The session id a rollout file name carries, or null. */
export function idFromRolloutName(path: string): string | null {
  return ROLLOUT_RE.exec(basename(path))?.[1] ?? null;
}

/** For a path under `<home>/sessions` or `<home>/archived_sessions`, the home. */
export function sessionsRootOf(path: string): { codexHome: string } | null {
  let cur = dirname(resolve(path));
  for (;;) {
    const name = basename(cur);
    if (name === 'sessions' || name === 'archived_sessions') return { codexHome: dirname(cur) };
    const up = dirname(cur);
    if (up === cur) return null;
    cur = up;
  }
}

function subdirs(dir: string): string[] {
  try {
    return readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
  } catch {
    return []; // a directory that vanished or cannot be read lists as empty
  }
}

function rolloutsIn(dir: string, archived: boolean, out: RolloutFile[], cap: number): void {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return; // unreadable directory: nothing to list there
  }
  for (const name of names) {
    if (out.length >= cap) return;
    if (!ROLLOUT_RE.test(name)) continue;
    const path = join(dir, name);
    try {
      const st = statSync(path);
      if (st.isFile()) out.push({ path, mtimeMs: st.mtimeMs, size: st.size, archived });
    } catch {
      // removed between readdir and stat
    }
  }
}

/** Every rollout file, newest write first. */
function rolloutFiles(codexHome: string, opts: { includeArchived?: boolean; scanCap?: number } = {}): RolloutFile[] {
  const cap = opts.scanCap ?? 10_000;
  const out: RolloutFile[] = [];
  const root = join(codexHome, 'sessions');
  const desc = (names: string[]): string[] => names.sort().reverse();
  for (const y of desc(subdirs(root))) {
    for (const m of desc(subdirs(join(root, y)))) {
      for (const d of desc(subdirs(join(root, y, m)))) rolloutsIn(join(root, y, m, d), false, out, cap);
    }
  }
  if (opts.includeArchived) rolloutsIn(join(codexHome, 'archived_sessions'), true, out, cap);
  return out.sort((a, b) => b.mtimeMs - a.mtimeMs || (a.path < b.path ? 1 : -1));
}

/** The rollout of session `id` (active first, then archived when asked), or null. */
export function findRolloutById(codexHome: string, id: string, opts: { includeArchived?: boolean } = {}): string | null {
  const want = id.toLowerCase();
  const hit = rolloutFiles(codexHome, opts).find((f) => idFromRolloutName(f.path)?.toLowerCase() === want);
  return hit?.path ?? null;
}

/** The head of a rollout: its session_meta and the first user prompt. Null when not a rollout. */
export function readSessionHead(path: string, maxBytes = 1024 * 1024): { meta: SessionMeta & { id: string }; firstUserMessage: string | null } | null {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return null;
  }
  try {
    const chunk = Buffer.alloc(64 * 1024);
    let pending = '';
    let offset = 0;
    let meta: (SessionMeta & { id: string }) | null = null;
    let fallback: string | null = null;
    while (offset < maxBytes) {
      const n = readSync(fd, chunk, 0, chunk.length, offset);
      if (n === 0) break;
      offset += n;
      pending += chunk.subarray(0, n).toString('utf8');
      let nl: number;
      while ((nl = pending.indexOf('\n')) >= 0) {
        const raw = pending.slice(0, nl);
        pending = pending.slice(nl + 1);
        const line = parseLine(raw);
        if (!line) continue;
        if (line.type === 'session_meta' && meta === null) {
          const p = line.payload as SessionMeta;
          const id = p.id ?? p.session_id;
          if (typeof id !== 'string') return null;
          meta = { ...p, id };
        } else if (line.type === 'event_msg') {
          const ev = line.payload as { type?: string; message?: unknown };
          if (ev.type === 'user_message' && typeof ev.message === 'string' && meta) return { meta, firstUserMessage: ev.message };
        } else if (line.type === 'response_item' && fallback === null) {
          fallback = userPromptText(line.payload);
        }
      }
      if (meta === null && offset >= maxBytes) return null;
    }
    return meta ? { meta, firstUserMessage: fallback } : null;
  } finally {
    closeSync(fd);
  }
}

function parseLine(raw: string): { type?: string; payload?: unknown } | null {
  if (raw.trim() === '') return null;
  try {
    return JSON.parse(raw) as { type?: string; payload?: unknown };
  } catch {
    return null; // a cut line
  }
}

/** Text of a user message that the user typed (not an injected context block), or null. */
export function userPromptText(item: unknown): string | null {
  const it = item as { type?: string; role?: string; content?: { type?: string; text?: string }[] };
  if (it?.type !== 'message' || it.role !== 'user' || !Array.isArray(it.content)) return null;
  const text = it.content.filter((c) => c.type === 'input_text' && typeof c.text === 'string').map((c) => c.text).join('');
  const t = text.trimStart();
  if (t === '' || t.startsWith('<environment_context>') || t.startsWith('<user_instructions>') || t.startsWith('# AGENTS.md instructions')) return null;
  // Records of a `!cmd` and of a review's outcome are context, not prompts (backtrack counts prompts).
  if (t.startsWith('<user_shell_command>') || t.startsWith('<user_action>')) return null;
  return text;
}

function sameDir(a: string, b: string): boolean {
  const norm = (p: string): string => {
    try {
      return realpathSync(p);
    } catch {
      return resolve(p); // a directory that no longer exists compares lexically
    }
  };
  return resolve(a) === resolve(b) || norm(a) === norm(b);
}

/** Sessions newest first (by last write), optionally only those started in `cwd`. */
export function listSessions(codexHome: string, opts: ListSessionsOptions = {}): SessionSummary[] {
  const out: SessionSummary[] = [];
  const limit = opts.limit ?? Number.POSITIVE_INFINITY;
  for (const f of rolloutFiles(codexHome, opts)) {
    if (out.length >= limit) break;
    const head = readSessionHead(f.path);
    if (head === null) continue;
    if (opts.cwd !== undefined && !sameDir(head.meta.cwd, opts.cwd)) continue;
    const m = head.meta as SessionMeta & { id: string; forked_from_id?: unknown; git?: { branch?: unknown } | null };
    out.push({
      id: m.id,
      path: f.path,
      cwd: m.cwd,
      created_at: typeof m.timestamp === 'string' ? m.timestamp : new Date(f.mtimeMs).toISOString(),
      updated_at: new Date(f.mtimeMs).toISOString(),
      first_user_message: head.firstUserMessage,
      size_bytes: f.size,
      ...(m.source !== undefined ? { source: m.source } : {}),
      ...(typeof m.originator === 'string' ? { originator: m.originator } : {}),
      ...(typeof m.cli_version === 'string' ? { cli_version: m.cli_version } : {}),
      ...(typeof m.forked_from_id === 'string' ? { forked_from_id: m.forked_from_id } : {}),
      ...(typeof m.git?.branch === 'string' ? { git_branch: m.git.branch } : {}),
      archived: f.archived,
    });
  }
  return out;
}

/** The newest session (in `cwd` unless it is undefined), or null. */
export function findLatestSession(codexHome: string, opts: { cwd?: string } = {}): SessionSummary | null {
  return listSessions(codexHome, { ...opts, limit: 1 })[0] ?? null;
}

/** Legacy: rollout paths newest first. */
export function listRollouts(codexHome: string, cap = 10_000): string[] {
  if (!existsSync(join(codexHome, 'sessions'))) return [];
  return rolloutFiles(codexHome, { scanCap: cap }).map((f) => f.path);
}

/** Legacy: the rollout of session `id`, or the newest with `{ last: true }` (any cwd). */
export function findRolloutPath(codexHome: string, which: string | { last: true }): string | null {
  if (typeof which !== 'string') return listRollouts(codexHome)[0] ?? null;
  return findRolloutById(codexHome, which);
}

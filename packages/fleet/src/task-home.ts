// A task's CODEX_HOME in shared storage: it holds the task's rollout (so another worker can
// resume it) and links to the running worker's config.toml, auth.json, rules and profile
// files, re-made by every worker that runs the task (no credential is copied into shared
// storage; each worker brings its own).
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { emptyUsage, type TaskUsage } from './result.js';

const LINKED = (name: string): boolean =>
  name === 'config.toml' || name === 'auth.json' || name === 'rules' || name === 'AGENTS.md' || name === 'AGENTS.override.md' || name.endsWith('.config.toml');

/** Make `home` exist and link the worker's own files into it (replacing links of an earlier worker). */
export function linkTaskHome(home: string, workerHome: string): void {
  mkdirSync(home, { recursive: true, mode: 0o700 });
  for (const name of readdirSync(home)) {
    if (LINKED(name) && lstatSync(join(home, name)).isSymbolicLink()) rmSync(join(home, name), { force: true });
  }
  if (!existsSync(workerHome)) return;
  for (const name of readdirSync(workerHome)) {
    if (!LINKED(name) || existsSync(join(home, name))) continue;
    symlinkSync(join(workerHome, name), join(home, name));
  }
}

/** The rollout file of session `id` under `home`, or undefined. */
export function findRollout(home: string, id: string): string | undefined {
  const root = join(home, 'sessions');
  if (!existsSync(root)) return undefined;
  const walk = (dir: string, depth: number): string | undefined => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory() && depth < 3) {
        const hit = walk(p, depth + 1);
        if (hit) return hit;
      } else if (e.isFile() && e.name.startsWith('rollout-') && e.name.endsWith(`-${id}.jsonl`)) return p;
    }
    return undefined;
  };
  return walk(root, 0);
}

/**
 * Token usage of every model response recorded in a rollout (the `last_token_usage` of each
 * `token_count` event), so a task resumed after a crash still counts its first run's requests.
 * Undefined when the rollout cannot be read or has none.
 */
export function rolloutUsage(path: string): TaskUsage | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return undefined; // no rollout: the caller keeps the usage exec reported
  }
  let usage: TaskUsage | undefined;
  for (const line of text.split('\n')) {
    if (!line.includes('"token_count"')) continue;
    let rec: { type?: string; payload?: { type?: string; info?: { last_token_usage?: Record<string, unknown> } | null } };
    try {
      rec = JSON.parse(line) as typeof rec;
    } catch {
      continue; // a cut last line
    }
    const last = rec.type === 'event_msg' && rec.payload?.type === 'token_count' ? rec.payload.info?.last_token_usage : undefined;
    if (!last) continue;
    const n = (k: string): number => (typeof last[k] === 'number' ? (last[k] as number) : 0);
    const u = usage ?? emptyUsage();
    usage = {
      input_tokens: u.input_tokens + n('input_tokens'),
      cached_input_tokens: u.cached_input_tokens + n('cached_input_tokens'),
      output_tokens: u.output_tokens + n('output_tokens'),
      reasoning_output_tokens: u.reasoning_output_tokens + n('reasoning_output_tokens'),
      total_tokens: u.total_tokens + n('total_tokens'),
    };
  }
  return usage;
}

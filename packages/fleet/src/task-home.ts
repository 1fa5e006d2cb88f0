// A task's CODEX_HOME in shared storage: it holds the task's rollout (so another worker can
// resume it) and links to the running worker's config.toml, auth.json, rules and profile
// files, re-made by every worker that runs the task (no credential is copied into shared
// storage; each worker brings its own).
import { existsSync, lstatSync, mkdirSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';

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

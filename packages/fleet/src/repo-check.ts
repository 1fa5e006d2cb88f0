// The submit-time check of local repositories: each path exists here and its ref names a
// commit, reported with the lines that use it (git URLs are left to the workers).
import { existsSync } from 'node:fs';
import type { ParsedTask } from './task.js';
import { isGitUrl } from './task.js';
import { git } from './workspace.js';

/** `file:line: …` for every task whose local repository or ref does not check out. */
export async function checkLocalRepos(tasks: ParsedTask[], file: string): Promise<string[]> {
  const groups = new Map<string, { repo: string; ref: string; lines: number[] }>();
  for (const t of tasks) {
    if (isGitUrl(t.task.repo)) continue;
    const ref = t.task.ref ?? 'HEAD';
    const key = `${t.task.repo}\0${ref}`;
    const g = groups.get(key) ?? { repo: t.task.repo, ref, lines: [] };
    g.lines.push(t.line);
    groups.set(key, g);
  }
  const errors: { line: number; msg: string }[] = [];
  await Promise.all(
    [...groups.values()].map(async (g) => {
      let problem: string | undefined;
      if (!existsSync(g.repo)) problem = `repository ${g.repo} does not exist`;
      else {
        try {
          await git(['-C', g.repo, 'rev-parse', '--verify', '--end-of-options', `${g.ref}^{commit}`]);
        } catch {
          problem = `ref ${JSON.stringify(g.ref)} is not a commit in ${g.repo} (or it is not a git repository)`;
        }
      }
      if (problem !== undefined) for (const line of g.lines) errors.push({ line, msg: `${file}:${line}: ${problem}` });
    }),
  );
  return errors.sort((a, b) => a.line - b.line).map((e) => e.msg);
}

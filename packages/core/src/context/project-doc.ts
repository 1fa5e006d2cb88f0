// AGENTS.md discovery (Codex's rules): global instructions from CODEX_HOME, then project docs
// from the git root down to the cwd, first match per directory, joined with blank lines,
// within a total byte budget (0 disables project docs).
import { readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { findGitRoot } from '../project/git-root.js';

/** File names looked for in each directory, in order (fallbacks appended from config). */
export const PROJECT_DOC_NAMES = ['AGENTS.override.md', 'AGENTS.md'];
/** Separator between config `instructions` and the project docs. */
export const PROJECT_DOC_SEPARATOR = '\n\n--- project-doc ---\n\n';

/** Options for {@link readProjectDocs}. */
export interface ProjectDocOptions {
  cwd: string;
  maxBytes: number;
  fallbackFilenames?: string[];
}

/** The doc files that apply to `cwd`, outermost first. */
export function projectDocPaths(opts: ProjectDocOptions): string[] {
  const root = findGitRoot(opts.cwd);
  const dirs: string[] = [];
  if (root === null) dirs.push(opts.cwd);
  else {
    dirs.push(root);
    const rel = relative(root, opts.cwd);
    let cur = root;
    for (const part of rel === '' ? [] : rel.split(sep)) {
      cur = join(cur, part);
      dirs.push(cur);
    }
  }
  const names = [...PROJECT_DOC_NAMES, ...(opts.fallbackFilenames ?? [])];
  const out: string[] = [];
  for (const d of dirs) {
    for (const n of names) {
      const p = join(d, n);
      try {
        if (statSync(p).isFile()) {
          out.push(p);
          break;
        }
      } catch {
        // not there: try the next name
      }
    }
  }
  return out;
}

/** Concatenated project docs within the byte budget, or null when there are none. */
export function readProjectDocs(opts: ProjectDocOptions): string | null {
  if (opts.maxBytes <= 0) return null;
  let remaining = opts.maxBytes;
  const parts: string[] = [];
  for (const p of projectDocPaths(opts)) {
    if (remaining <= 0) break;
    let buf: Buffer;
    try {
      buf = readFileSync(p);
    } catch {
      continue; // unreadable doc: skipped, as Codex does
    }
    const slice = buf.length > remaining ? buf.subarray(0, remaining) : buf;
    remaining -= slice.length;
    const text = slice.toString('utf8').replace(/\uFFFD$/, '');
    if (text.trim() !== '') parts.push(text);
  }
  return parts.length === 0 ? null : parts.join('\n\n');
}

/** Global instructions: `$CODEX_HOME/AGENTS.override.md`, else `$CODEX_HOME/AGENTS.md` (trimmed). */
export function readGlobalInstructions(codexHome: string): string | null {
  for (const n of PROJECT_DOC_NAMES) {
    try {
      const t = readFileSync(join(codexHome, n), 'utf8').trim();
      if (t !== '') return t;
    } catch {
      // absent
    }
  }
  return null;
}

/** The user-instructions text: config instructions (or global AGENTS.md) + project docs. */
export function userInstructions(opts: {
  instructions?: string;
  codexHome: string;
  cwd: string;
  maxBytes: number;
  fallbackFilenames?: string[];
}): string | null {
  const base = opts.instructions?.trim() || readGlobalInstructions(opts.codexHome) || '';
  const docs = readProjectDocs(opts);
  if (docs === null) return base === '' ? null : base;
  return base === '' ? docs : `${base}${PROJECT_DOC_SEPARATOR}${docs}`;
}

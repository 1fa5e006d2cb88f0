// `/export`: the conversation as Markdown (Codex 0.169's layout: `# Codex conversation`, then
// `## User`, `## Assistant` and `## Activity` sections; activity rows indented as code), and a
// write that never leaves half a file or replaces an existing one.
import { existsSync, linkSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import { AgentCell } from '../cells/agent-cell.js';
import { HeaderCell } from '../cells/cell.js';
import type { TranscriptEntry } from '../pager/transcript.js';
import { plain } from '../term/style.js';

/** Width activity cells are rendered at for the file. */
const EXPORT_WIDTH = 100;

/** Strip terminal control characters (the file may be `cat` later) but keep newlines and tabs. */
const clean = (s: string): string => s.replace(/\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|[\x00-\x08\x0b-\x1f\x7f\x9b]/g, '');

/** The transcript as Markdown. */
export function conversationMarkdown(entries: readonly TranscriptEntry[]): string {
  const out: string[] = ['# Codex conversation'];
  for (const e of entries) {
    if (e.cell instanceof HeaderCell) continue;
    if (e.user !== undefined) out.push('## User', clean(e.user).trimEnd());
    else if (e.cell instanceof AgentCell) out.push('## Assistant', clean(e.source ?? e.cell.text).trimEnd());
    else if (e.source !== undefined) continue; // a collapsed reasoning summary
    else {
      const rows = e.cell
        .render(EXPORT_WIDTH)
        .map((l) => clean(plain(l)).trimEnd())
        .filter((l, i, all) => l !== '' || (i > 0 && i < all.length - 1));
      if (rows.length) out.push('## Activity', rows.map((r) => (r === '' ? '' : `    ${r}`)).join('\n'));
    }
  }
  return `${out.join('\n\n')}\n`;
}

/** The default file name, as Codex names it. */
export const defaultExportName = (sessionId: string | undefined): string => `codex-session-${sessionId ?? new Date().toISOString().replace(/[:.]/g, '-')}.md`;

/** `name` relative to `cwd` (`~/` is the home directory). */
export function exportPath(name: string, cwd: string): string {
  const n = name.trim();
  if (n === '~' || n.startsWith('~/')) return join(homedir(), n.slice(1));
  return isAbsolute(n) ? n : resolve(cwd, n);
}

/**
 * Write `text` to `path` only if nothing is there: a temp file beside it, then a hard link
 * (fails if the name exists), then the temp file is removed. Throws with a message naming
 * the path.
 */
export function writeNewFile(path: string, text: string): void {
  const dir = dirname(path);
  // A mistyped directory is an error, not something to create.
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new Error(`could not write ${path}: ${dir} is not a directory`);
  const tmp = join(dir, `.${basename(path)}.${process.pid}.${Date.now()}.tmp`);
  let written = false;
  try {
    writeFileSync(tmp, text, { flag: 'wx', mode: 0o644 });
    written = true;
    linkSync(tmp, path);
  } catch (err: unknown) {
    const e = err as NodeJS.ErrnoException;
    if (e.code === 'EEXIST' && written) throw new Error(`${path} already exists; choose another name`);
    throw new Error(`could not write ${path}: ${e.code ?? ''} ${e.message}`.replace(/ {2,}/g, ' '));
  } finally {
    try {
      unlinkSync(tmp);
    } catch {
      // not created
    }
  }
}

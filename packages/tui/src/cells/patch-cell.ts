// A patch: a header with the files and +/- counts, then each file's coloured unified
// diff (additions green, deletions red, hunk headers cyan). Also used by the approval
// modal to show what would change.
import { isAbsolute, relative } from 'node:path';
import type { FileChange, FileChanges } from '@codex-ts/protocol';
import { revealLine, sanitize, sp, type Line } from '../term/style.js';
import { truncate, truncateLine } from '../term/wrap.js';
import type { Cell } from './cell.js';
import { highlightCode, langFromPath, type HighlightState } from './highlight.js';

/** One file's change normalised. */
export interface FileDiff {
  path: string;
  kind: 'add' | 'delete' | 'update';
  movePath?: string;
  /** Diff body lines (`+x`, `-x`, ` x`, `@@ …`). */
  lines: string[];
  added: number;
  removed: number;
}

function contentLines(content: string | undefined, mark: '+' | '-'): string[] {
  if (!content) return [];
  return content.replace(/\n$/, '').split('\n').map((l) => mark + l);
}

/** Normalise a FileChange (both the 0.47 and the tagged forms). */
export function fileDiff(path: string, change: FileChange): FileDiff {
  const c = change as Record<string, unknown>;
  const tagged = typeof c['type'] === 'string' ? (c as { type: string }) : undefined;
  const kind = (tagged?.type ?? Object.keys(c)[0]) as FileDiff['kind'];
  const body = (tagged ?? c[kind]) as { content?: string; unified_diff?: string; move_path?: string | null };
  let lines: string[];
  if (kind === 'add') lines = contentLines(body.content, '+');
  else if (kind === 'delete') lines = contentLines(body.content, '-');
  else lines = (body.unified_diff ?? '').replace(/\n$/, '').split('\n').filter((l) => !l.startsWith('---') && !l.startsWith('+++'));
  const added = lines.filter((l) => l.startsWith('+')).length;
  const removed = lines.filter((l) => l.startsWith('-')).length;
  return { path, kind, ...(body.move_path ? { movePath: body.move_path } : {}), lines, added, removed };
}

/** Rows for a set of changes (at most `maxLines` diff rows per file). */
export function renderChanges(changes: FileChanges, width: number, maxLines = 40, cwd?: string): Line[] {
  const out: Line[] = [];
  for (const [path, change] of Object.entries(changes)) {
    const d = fileDiff(path, change);
    const verb = d.kind === 'add' ? 'Added' : d.kind === 'delete' ? 'Deleted' : 'Edited';
    const show = (p: string): string => displayPath(p, cwd);
    const name = revealLine(d.movePath ? `${show(d.path)} → ${show(d.movePath)}` : show(d.path));
    out.push([sp('  └ ', { dim: true }), sp(`${verb} `, { bold: true }), sp(name), sp(' ('), sp(`+${d.added}`, { fg: 'green' }), sp(' '), sp(`-${d.removed}`, { fg: 'red' }), sp(')')]);
    const shown = d.lines.slice(0, maxLines);
    const lang = langFromPath(d.movePath ?? d.path);
    const state: HighlightState = {};
    for (const l of shown) out.push(truncateLine([sp('      '), ...diffLine(sanitize(l).replace(/\t/g, '    '), lang, state)], Math.max(10, width)));
    if (d.lines.length > shown.length) out.push([sp(`      … +${d.lines.length - shown.length} lines`, { dim: true })]);
  }
  return out;
}

/**
 * One diff row: the +/- sign in green/red, the code syntax-highlighted by the file's
 * language on a tinted background (additions green, deletions red), hunk headers cyan.
 */
export function diffLine(l: string, lang: string | undefined, state: HighlightState): Line {
  if (l.startsWith('@@')) return [sp(l, { fg: 'cyan' })];
  const sign = l[0];
  if (sign === '+' || sign === '-') {
    const bg = sign === '+' ? ('add' as const) : ('del' as const);
    return [sp(sign, { fg: sign === '+' ? 'green' : 'red', bold: true, bg }), ...highlightCode(l.slice(1), lang, state, { bg })];
  }
  if (sign === ' ') return [sp(' '), ...highlightCode(l.slice(1), lang, state)];
  return [sp(l, { dim: true })];
}

/** A path relative to `cwd` when it is inside it. */
export function displayPath(p: string, cwd?: string): string {
  if (!cwd || !isAbsolute(p)) return p;
  const rel = relative(cwd, p);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : p;
}

/** Totals over all files. */
export function changeTotals(changes: FileChanges): { files: number; added: number; removed: number } {
  let added = 0;
  let removed = 0;
  const entries = Object.entries(changes);
  for (const [p, c] of entries) {
    const d = fileDiff(p, c);
    added += d.added;
    removed += d.removed;
  }
  return { files: entries.length, added, removed };
}

export class PatchCell implements Cell {
  status: 'applying' | 'applied' | 'failed' = 'applying';
  error = '';
  constructor(
    readonly callId: string,
    private readonly changes: FileChanges,
    private readonly cwd?: string,
  ) {}

  render(width: number): Line[] {
    const t = changeTotals(this.changes);
    const color = this.status === 'failed' ? 'red' : this.status === 'applied' ? 'green' : undefined;
    const title = this.status === 'failed' ? 'Patch failed' : this.status === 'applied' ? 'Applied patch' : 'Applying patch';
    const rows: Line[] = [
      [
        sp('• ', color ? { fg: color, bold: true } : { dim: true }),
        sp(title, { bold: true }),
        sp(` · ${t.files} file${t.files === 1 ? '' : 's'} (`),
        sp(`+${t.added}`, { fg: 'green' }),
        sp(' '),
        sp(`-${t.removed}`, { fg: 'red' }),
        sp(')'),
      ],
      ...renderChanges(this.changes, width, 40, this.cwd),
    ];
    if (this.status === 'failed' && this.error.trim()) rows.push([sp('    '), sp(truncate(sanitize(this.error.trim()).split('\n')[0]!, width - 4), { fg: 'red' })]);
    return rows;
  }
}

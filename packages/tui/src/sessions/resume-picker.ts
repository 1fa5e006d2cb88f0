// The resume picker (`codex resume`, `/resume`): the recorded sessions of this directory
// (Tab switches to every directory), newest first, one row each: when it was last
// updated, its git branch when known, its size and its first prompt. Typing filters,
// ↑/↓/PgUp/PgDn/Home/End move, Enter picks, Esc clears the search or cancels.
import type { Key } from '../term/keys.js';
import { sanitize, sp, type Line } from '../term/style.js';
import { truncate, widthOf } from '../term/wrap.js';
import type { Overlay, OverlayResult } from '../app/overlay.js';

/** What the picker shows of a session (core's SessionSummary has these fields). */
export interface PickerSession {
  id: string;
  path: string;
  cwd: string;
  updated_at: string;
  first_user_message: string | null;
  size_bytes: number;
  git_branch?: string;
}

export interface ResumePickerOptions {
  /** The sessions, newest first: of `cwd` only, or of every directory when `all`. */
  load(all: boolean): PickerSession[];
  /** Start with every directory (`--all`). */
  all?: boolean;
  /** Title (default: resume). */
  title?: string;
  /** What Enter does, for the key hints (default `resume`). */
  verb?: string;
  /** Opened over a running session (`/resume`): Esc and Ctrl+C just close it. */
  inSession?: boolean;
  /** Enter on a session. */
  onPick(s: PickerSession): void;
  /** Esc with an empty search: the caller starts a new session or just closes. */
  onCancel(): void;
  /** Closed without a decision (Ctrl+C, app quitting). */
  onAbort?(): void;
  /** `Date.now` (tests). */
  now?: () => number;
}

/** `5s ago`, `3m ago`, `2h ago`, `4d ago`, or the date for anything older than a month. */
export function relativeTime(iso: string, now: number): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return '';
  const s = Math.max(0, Math.round((now - t) / 1000));
  if (s < 60) return `${s}s ago`;
  if (s < 3600) return `${Math.floor(s / 60)}m ago`;
  if (s < 86_400) return `${Math.floor(s / 3600)}h ago`;
  if (s < 30 * 86_400) return `${Math.floor(s / 86_400)}d ago`;
  return new Date(t).toISOString().slice(0, 10);
}

/** `812 B`, `4.2 KB`, `1.3 MB`. */
export function humanSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

const oneLine = (s: string): string => sanitize(s).replace(/\s+/g, ' ').trim();

export class ResumePicker implements Overlay {
  private all: boolean;
  private sessions: PickerSession[] = [];
  private query = '';
  private selected = 0;
  private top = 0;
  private decided = false;
  /** Rows of the list at the last render (for paging). */
  private pageRows = 10;

  constructor(private readonly opts: ResumePickerOptions) {
    this.all = opts.all === true;
    this.reload();
  }

  private reload(): void {
    this.sessions = this.opts.load(this.all);
    this.selected = 0;
    this.top = 0;
  }

  /** The sessions the search keeps. */
  visible(): PickerSession[] {
    const q = this.query.toLowerCase();
    if (q === '') return this.sessions;
    return this.sessions.filter((s) =>
      [s.first_user_message ?? '', s.id, s.git_branch ?? '', this.all ? s.cwd : ''].some((f) => f.toLowerCase().includes(q)),
    );
  }

  handle(key: Key): OverlayResult {
    const list = this.visible();
    const move = (to: number): OverlayResult => {
      this.selected = Math.max(0, Math.min(list.length - 1, to));
      return 'keep';
    };
    switch (key.name) {
      case 'escape':
        if (this.query !== '') {
          this.query = '';
          this.selected = 0;
          this.top = 0;
          return 'keep';
        }
        this.decided = true;
        this.opts.onCancel();
        return 'close';
      case 'enter': {
        const s = list[this.selected];
        if (!s) return 'keep';
        this.decided = true;
        this.opts.onPick(s);
        return 'close';
      }
      case 'up':
        return move(this.selected - 1);
      case 'down':
        return move(this.selected + 1);
      case 'pageup':
        return move(this.selected - this.pageRows);
      case 'pagedown':
        return move(this.selected + this.pageRows);
      case 'home':
        return move(0);
      case 'end':
        return move(list.length - 1);
      case 'tab':
      case 'backtab':
        this.all = !this.all;
        this.reload();
        return 'keep';
      case 'backspace':
        this.query = [...this.query].slice(0, -1).join('');
        this.selected = 0;
        this.top = 0;
        return 'keep';
      case 'text':
      case 'paste':
        if (key.ctrl || key.meta || !key.text) return 'keep';
        this.query += key.text.replace(/[\r\n\t]/g, ' ');
        this.selected = 0;
        this.top = 0;
        return 'keep';
      default:
        return 'keep';
    }
  }

  onClose(): void {
    if (this.decided) return;
    this.decided = true;
    this.opts.onAbort?.();
  }

  render(width: number, maxRows: number): { lines: Line[]; cursor?: { row: number; col: number } } {
    const now = (this.opts.now ?? Date.now)();
    const list = this.visible();
    const lines: Line[] = [];
    lines.push([sp(` ${this.opts.title ?? 'Resume a previous session'}`, { bold: true })]);
    const scope = (label: string, on: boolean): ReturnType<typeof sp> => sp(` ${label} `, on ? { bold: true, fg: 'cyan' } : { dim: true });
    lines.push([sp(' Sessions: ', { dim: true }), scope('This directory', !this.all), scope('All', this.all), sp('  (tab)', { dim: true })]);
    lines.push([]);
    const searchRow = lines.length;
    lines.push(this.query === '' ? [sp(' Type to search', { dim: true })] : [sp(' Search: ', { dim: true }), sp(oneLine(this.query))]);
    lines.push([]);
    const footer: Line[] = [
      [sp(` ${list.length === 0 ? 0 : this.selected + 1} / ${list.length}`, { dim: true })],
      [
        sp(
          ` enter ${this.opts.verb ?? 'resume'}   esc ${this.query ? 'clear search' : this.opts.inSession ? 'close' : 'start new'}   tab this directory/all   ↑/↓ pgup/pgdn browse${this.opts.inSession ? '' : '   ctrl+c quit'}`,
          { dim: true },
        ),
      ],
    ];
    const room = Math.max(1, maxRows - lines.length - footer.length - 1);
    this.pageRows = room;
    if (list.length === 0) {
      lines.push([sp(this.sessions.length === 0 ? (this.all ? '  No sessions yet' : '  No sessions in this directory yet (tab shows all)') : '  No sessions match', { dim: true })]);
    } else {
      if (this.selected < this.top) this.top = this.selected;
      if (this.selected >= this.top + room) this.top = this.selected - room + 1;
      const shown = list.slice(this.top, this.top + room);
      const timeW = Math.max(...shown.map((s) => relativeTime(s.updated_at, now).length), 7);
      const sizeW = Math.max(...shown.map((s) => humanSize(s.size_bytes).length), 4);
      const branches = shown.map((s) => (s.git_branch ? truncate(oneLine(s.git_branch), 20) : ''));
      const branchW = Math.max(0, ...branches.map((b) => widthOf(b)));
      const cwdW = this.all ? Math.min(30, Math.max(...shown.map((s) => widthOf(s.cwd)))) : 0;
      shown.forEach((s, i) => {
        const sel = this.top + i === this.selected;
        const row: Line = [sp(sel ? ' › ' : '   ', sel ? { fg: 'cyan', bold: true } : undefined)];
        row.push(sp(relativeTime(s.updated_at, now).padEnd(timeW + 2), { dim: !sel }));
        if (this.all) row.push(sp(`${truncate(oneLine(s.cwd), cwdW).padEnd(cwdW)}  `, { dim: true }));
        if (branchW > 0) row.push(sp(`${branches[i]!}${' '.repeat(branchW - widthOf(branches[i]!))}  `, { fg: 'green' }));
        row.push(sp(humanSize(s.size_bytes).padStart(sizeW) + '  ', { dim: true }));
        const used = row.reduce((n, x) => n + widthOf(x.t), 0);
        const prompt = s.first_user_message === null ? '(no message yet)' : oneLine(s.first_user_message);
        row.push(sp(truncate(prompt, Math.max(4, width - used - 1)), sel ? { bold: true } : s.first_user_message === null ? { dim: true } : undefined));
        lines.push(row);
      });
    }
    lines.push([]);
    lines.push(...footer);
    const cursor = { row: searchRow, col: this.query === '' ? 1 : Math.min(width - 1, 9 + widthOf(oneLine(this.query))) };
    return { lines: lines.slice(0, Math.max(maxRows, 1)), cursor };
  }
}

// One shell command: `• Running cmd` while it runs, then `• Ran cmd` with exit code,
// duration and the tail of its output.
import { reveal, sanitizeOutput, sp, type Line } from '../term/style.js';
import { truncate, wrapLine } from '../term/wrap.js';
import type { Cell } from './cell.js';

const TAIL_LINES = 5;

/** Human form of an argv: `bash -lc 'x'` shows as `x`. */
export function commandText(argv: string[]): string {
  if (argv.length === 3 && /(^|\/)(ba|z)?sh$/.test(argv[0]!) && (argv[1] === '-lc' || argv[1] === '-c')) return argv[2]!;
  return argv.map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`)).join(' ');
}

/** A core/Rust duration (`{secs,nanos}`, ms number or string) in milliseconds. */
export function durationMs(d: unknown): number | undefined {
  if (typeof d === 'number') return d;
  if (typeof d === 'string') {
    const m = /^([\d.]+)\s*(ms|s)?$/.exec(d.trim());
    return m ? Number(m[1]) * (m[2] === 's' ? 1000 : 1) : undefined;
  }
  if (d && typeof d === 'object' && 'secs' in d) {
    const o = d as { secs: number; nanos?: number };
    return o.secs * 1000 + (o.nanos ?? 0) / 1e6;
  }
  return undefined;
}

/** `12ms`, `1.5s`, `2m 03s`. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)}s`;
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, '0')}s`;
}

export class ExecCell implements Cell {
  output = '';
  exitCode: number | undefined;
  duration: number | undefined;
  /** A command the user ran with `!` (`You ran …`). */
  userShell = false;

  constructor(readonly callId: string, private readonly argv: string[]) {}

  get done(): boolean {
    return this.exitCode !== undefined;
  }

  render(width: number): Line[] {
    const cmd = reveal(commandText(this.argv)).replace(/[\n\t]/g, ' ');
    const ok = this.exitCode === 0;
    const bullet = this.done ? sp('• ', { fg: ok ? 'green' : 'red', bold: true }) : sp('• ', { dim: true });
    const verb = this.userShell ? (this.done ? 'You ran ' : 'You are running ') : this.done ? 'Ran ' : 'Running ';
    const rows: Line[] = wrapLine([bullet, sp(verb, { bold: true }), sp(cmd)], width, [sp('  ')]);
    const text = sanitizeOutput(this.output).replace(/\t/g, '    ').replace(/\n+$/, '');
    const lines = text === '' ? [] : text.split('\n');
    const tail = lines.slice(-TAIL_LINES);
    const body: Line[] = [];
    if (lines.length > tail.length) body.push([sp(`… +${lines.length - tail.length} lines`, { dim: true })]);
    for (const l of tail) body.push([sp(truncate(l, Math.max(4, width - 4)), { dim: true })]);
    if (this.done) {
      const parts = [`exit ${this.exitCode}`];
      if (this.duration !== undefined) parts.push(formatDuration(this.duration));
      body.push([sp(parts.join(' · '), ok ? { dim: true } : { fg: 'red' })]);
    } else if (body.length === 0) return rows;
    body.forEach((b, i) => rows.push([sp(i === 0 ? '  └ ' : '    ', { dim: true }), ...b]));
    return rows;
  }
}

// The footer: a working indicator while a turn runs, hints, and the status line
// (model, cwd, sandbox, approval mode, tokens).
import { homedir } from 'node:os';
import type { TokenUsage } from '@codex-ts/protocol';
import { sp, type Line } from '../term/style.js';
import { truncate } from '../term/wrap.js';

/** `1.2K`, `3.4M`. */
export function compactNumber(n: number): string {
  if (n < 1000) return String(n);
  if (n < 1_000_000) return `${(n / 1000).toFixed(n < 10_000 ? 1 : 0)}K`;
  return `${(n / 1_000_000).toFixed(1)}M`;
}

/** `1,234,567`. */
export const grouped = (n: number): string => n.toLocaleString('en-US');

/** Codex's exit line: `Token usage: total=… input=… (+ N cached) output=… (reasoning N)`. */
export function tokenUsageLine(u: TokenUsage): string {
  let s = `Token usage: total=${grouped(u.total_tokens)} input=${grouped(u.input_tokens)}`;
  if (u.cached_input_tokens > 0) s += ` (+ ${grouped(u.cached_input_tokens)} cached)`;
  s += ` output=${grouped(u.output_tokens)}`;
  if (u.reasoning_output_tokens > 0) s += ` (reasoning ${grouped(u.reasoning_output_tokens)})`;
  return s;
}

/** `~/x` for paths under home. */
export function tildePath(p: string, home = homedir()): string {
  return home && (p === home || p.startsWith(`${home}/`)) ? `~${p.slice(home.length)}` : p;
}

export interface StatusInfo {
  model: string;
  cwd: string;
  sandbox: string;
  approval: string;
  usage?: TokenUsage;
  contextWindow?: number;
  /** Reasoning effort chosen with /model. */
  effort?: string;
  /** From `session_configured`. */
  sessionId?: string;
}

export function statusLine(info: StatusInfo, width: number, hint = false): Line {
  const parts = [info.effort ? `${info.model} ${info.effort}` : info.model, tildePath(info.cwd), info.sandbox, info.approval];
  if (info.usage) {
    let t = `${compactNumber(info.usage.total_tokens)} tokens`;
    if (info.contextWindow) t += ` · ${Math.max(0, Math.round(100 - (info.usage.total_tokens / info.contextWindow) * 100))}% context left`;
    parts.push(t);
  }
  if (hint) parts.push('? for shortcuts');
  return [sp(truncate(`  ${parts.join(' · ')}`, width), { dim: true })];
}

export function workingLine(startedAt: number, now: number, width: number): Line {
  const secs = Math.floor((now - startedAt) / 1000);
  return [sp('◦ ', { fg: 'cyan' }), sp('Working', { bold: true }), sp(truncate(` (${secs}s • esc to interrupt)`, Math.max(1, width - 10)), { dim: true })];
}

// `/status`: the session's settings and usage as a labelled block.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { TokenUsage } from '@codex-ts/protocol';
import type { Cell } from '../cells/cell.js';
import { compactNumber, tildePath } from '../app/status.js';
import { sanitize, sp, type Line } from '../term/style.js';
import { wrapLine } from '../term/wrap.js';

export interface StatusReport {
  model: string;
  effort?: string | undefined;
  summary?: string | undefined;
  provider?: string | undefined;
  cwd: string;
  approval: string;
  sandbox: string;
  agentsMd: string[];
  account: string;
  sessionId?: string | undefined;
  usage?: TokenUsage | undefined;
  contextWindow?: number | undefined;
}

/** AGENTS.md files that apply to `cwd`: from the repository root (or cwd) down to cwd. */
export function agentsFiles(cwd: string): string[] {
  const dirs: string[] = [];
  let d = cwd;
  for (;;) {
    dirs.unshift(d);
    if (existsSync(join(d, '.git'))) break;
    const up = dirname(d);
    if (up === d) {
      dirs.splice(0, dirs.length - 1);
      break;
    }
    d = up;
  }
  return dirs.map((x) => join(x, 'AGENTS.md')).filter((f) => existsSync(f));
}

export class StatusCell implements Cell {
  constructor(private readonly r: StatusReport) {}

  rows(): Array<[string, string]> {
    const r = this.r;
    const details = [r.effort ? `reasoning ${r.effort}` : undefined, r.summary ? `summaries ${r.summary}` : undefined].filter(Boolean);
    const rows: Array<[string, string]> = [
      ['Model', details.length ? `${r.model} (${details.join(', ')})` : r.model],
      ...(r.provider ? [['Model provider', r.provider] as [string, string]] : []),
      ['Directory', tildePath(r.cwd)],
      ['Approval', r.approval],
      ['Sandbox', r.sandbox],
      ['Agents.md', r.agentsMd.length ? r.agentsMd.map((f) => tildePath(f)).join(', ') : '<none>'],
      ['Account', r.account],
      ['Session', r.sessionId ?? '(starting)'],
    ];
    const u = r.usage;
    rows.push(['Token usage', u ? `${compactNumber(u.total_tokens)} total  (${compactNumber(u.input_tokens)} input + ${compactNumber(u.output_tokens)} output)` : '0 total']);
    if (r.contextWindow) {
      const used = u?.total_tokens ?? 0;
      const left = Math.max(0, Math.round(100 - (used / r.contextWindow) * 100));
      rows.push(['Context window', `${left}% left (${compactNumber(used)} used / ${compactNumber(r.contextWindow)})`]);
    }
    return rows;
  }

  render(width: number): Line[] {
    const out: Line[] = [[sp('• ', { dim: true }), sp('/status', { bold: true })], []];
    const keyW = 18;
    for (const [k, v] of this.rows()) {
      out.push(...wrapLine([sp('  '), sp(`${k}:`.padEnd(keyW), { dim: true }), sp(sanitize(v))], width, [sp(' '.repeat(keyW + 2))]));
    }
    return out;
  }
}

/** `/mcp`: each configured server with its state and tools. */
export interface McpServerRow {
  name: string;
  state: string;
  error?: string;
  tools: string[];
}

export class McpCell implements Cell {
  constructor(private readonly servers: McpServerRow[]) {}
  render(width: number): Line[] {
    const out: Line[] = [[sp('🔌  '), sp('MCP Tools', { bold: true })], []];
    if (this.servers.length === 0) {
      out.push([sp('  • No MCP servers configured.', { italic: true })]);
      out.push(...wrapLine([sp('    Add [mcp_servers.<name>] tables to config.toml (or run `codex mcp add`).', { dim: true })], width, [sp('    ')]));
      return out;
    }
    for (const s of this.servers) {
      const state = s.state === 'ready' ? 'connected' : s.state;
      out.push([sp('  • '), sp(sanitize(s.name), { bold: true }), sp(`: ${state} (${s.tools.length} tools)`, { fg: s.state === 'ready' ? 'green' : s.state === 'failed' ? 'red' : 'yellow' })]);
      if (s.error) out.push(...wrapLine([sp(`    ${sanitize(s.error)}`, { fg: 'red' })], width, [sp('    ')]));
      if (s.tools.length) out.push(...wrapLine([sp('    └ ', { dim: true }), sp(sanitize(s.tools.join(', ')))], width, [sp('      ')]));
    }
    return out;
  }
}

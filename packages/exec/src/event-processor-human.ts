// `codex exec` human output (event_processor_with_human_output.rs, laid out as Codex 0.169
// prints it): the config header and every step go to stderr through `write`; the final
// agent message is handed back for stdout. ANSI styles only when `color` is on. Every string
// from the model, a command, a tool or a file goes through term-text before it is styled:
// no escape sequence it holds reaches the terminal.
import { shlexJoin } from '@codex-ts/core';
import { termLine, termOutput, termRevealLine, termSafe } from '@codex-ts/protocol';
import type { EventMsg, EventMsgOf, FileChanges, TokenUsage } from '@codex-ts/protocol';
import { fileChangeKind } from './event-processor-jsonl.js';

/** Lines of command output shown per command (Codex's MAX_OUTPUT_LINES_FOR_EXEC_TOOL_CALL). */
export const MAX_OUTPUT_LINES = 20;

/** Options of {@link HumanEventProcessor}. */
export interface HumanOutputOptions {
  /** Where progress goes (stderr). */
  write: (text: string) => void;
  /** Emit ANSI colours and styles. */
  color: boolean;
  /** `key: value` pairs of the header (see `configSummaryEntries`); session id is appended. */
  summary: Array<[string, string]>;
  /** The prompt, echoed under `user` after the header. */
  prompt: string;
  /** Header title, e.g. `codex-ts v0.1.0`. */
  title: string;
  /** Print `thinking` blocks (config `hide_agent_reasoning = false`). Default true. */
  showReasoning?: boolean;
}

type Style = 'bold' | 'dim' | 'italic' | 'red' | 'green' | 'magenta' | 'cyan' | 'yellow';
const ANSI: Record<Style, [number, number]> = {
  bold: [1, 22],
  dim: [2, 22],
  italic: [3, 23],
  red: [31, 39],
  green: [32, 39],
  magenta: [35, 39],
  cyan: [36, 39],
  yellow: [33, 39],
};

/** Codex's duration format: `36ms`, `1.50s`, `2m 05s`. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(2)}s`;
  const minutes = Math.floor(ms / 60_000);
  const seconds = Math.floor((ms % 60_000) / 1000);
  return `${minutes}m ${String(seconds).padStart(2, '0')}s`;
}

/** A protocol Duration (`{secs, nanos}`, ms number, or `"1.5s"`-like string) in milliseconds. */
export function durationMs(d: unknown): number {
  if (typeof d === 'number') return d;
  if (typeof d === 'string') {
    const m = /^([\d.]+)\s*(ms|s)?$/.exec(d.trim());
    if (!m) return 0;
    return m[2] === 'ms' ? Number(m[1]) : Number(m[1]) * 1000;
  }
  if (d && typeof d === 'object' && 'secs' in d) {
    const { secs, nanos } = d as { secs: number; nanos: number };
    return secs * 1000 + nanos / 1e6;
  }
  return 0;
}

/** Renders engine events as Codex's human-readable transcript. */
export class HumanEventProcessor {
  private readonly opts: HumanOutputOptions;
  private readonly showReasoning: boolean;
  private readonly commands = new Map<string, { command: string; cwd: string }>();
  private readonly patches = new Map<string, FileChanges>();
  private lastMessage: string | undefined;
  private totalUsage: TokenUsage | undefined;

  constructor(opts: HumanOutputOptions) {
    this.opts = opts;
    this.showReasoning = opts.showReasoning ?? true;
  }

  /** The last agent message seen (the one that goes to stdout). */
  get finalMessage(): string | undefined {
    return this.lastMessage;
  }

  /** Render one engine event. */
  process(msg: EventMsg): void {
    switch (msg.type) {
      case 'session_configured':
        return this.header(msg.session_id);
      case 'agent_message':
        this.lastMessage = msg.message;
        return this.block(this.s('codex', 'italic', 'magenta'), termSafe(msg.message));
      case 'agent_reasoning':
        if (this.showReasoning) this.block(this.s('thinking', 'italic', 'magenta'), this.s(termSafe(msg.text), 'italic'));
        return;
      case 'exec_command_begin':
        return this.execBegin(msg);
      case 'exec_command_end':
        return this.execEnd(msg);
      case 'patch_apply_begin':
        this.patches.set(msg.call_id, msg.changes);
        return;
      case 'patch_apply_end':
        return this.patchEnd(msg);
      case 'mcp_tool_call_begin':
        return this.line(`${this.s('tool', 'italic', 'magenta')}\n${this.s(invocationText(msg.invocation), 'bold')}`);
      case 'mcp_tool_call_end':
        return this.mcpEnd(msg);
      case 'web_search_end':
        return this.line(`🌐 Searched: ${termLine(msg.query)}`);
      case 'plan_update':
        return this.plan(msg);
      case 'token_count':
        if (msg.info) this.totalUsage = msg.info.total_token_usage;
        return;
      case 'task_complete':
        if (msg.last_agent_message != null) this.lastMessage = msg.last_agent_message;
        return;
      case 'error':
        return this.line(`${this.s('ERROR:', 'bold', 'red')} ${termSafe(msg.message)}`);
      case 'stream_error':
      case 'background_event':
        return this.line(this.s(termSafe(msg.message), 'dim'));
      case 'warning':
        return this.line(this.s(`warning: ${termSafe(msg.message)}`, 'yellow'));
      case 'mcp_startup_update':
        if (msg.status.state === 'failed') this.line(this.s(`warning: ${termSafe(msg.status.error ?? `MCP server \`${msg.server}\` failed to start`)}`, 'yellow'));
        return;
      case 'turn_aborted':
        return this.line(this.s(msg.reason === 'interrupted' ? 'task interrupted' : `task aborted: ${termLine(String(msg.reason))}`, 'red'));
      default:
        return;
    }
  }

  /** Print the trailer (`tokens used`); returns the message for stdout, if any. */
  finish(): string | undefined {
    if (this.totalUsage) {
      this.block(this.s('tokens used', 'italic', 'magenta'), this.totalUsage.total_tokens.toLocaleString('en-US'));
    }
    return this.lastMessage;
  }

  private s(text: string, ...styles: Style[]): string {
    if (!this.opts.color) return text;
    return styles.reduce((acc, st) => `\x1b[${ANSI[st][0]}m${acc}\x1b[${ANSI[st][1]}m`, text);
  }

  private line(text: string): void {
    this.opts.write(`${text}\n`);
  }

  private block(title: string, body: string): void {
    this.line(`${title}\n${body}`);
  }

  private header(sessionId: string): void {
    const rows = [...this.opts.summary, ['session id', sessionId] as [string, string]];
    const lines = [this.opts.title, '--------', ...rows.map(([k, v]) => `${this.s(`${k}:`, 'bold')} ${termLine(v)}`), '--------'];
    this.line(lines.join('\n'));
    this.block(this.s('user', 'bold', 'cyan'), termSafe(this.opts.prompt));
  }

  private execBegin(msg: EventMsgOf<'exec_command_begin'>): void {
    const command = termRevealLine(shlexJoin(msg.command));
    this.commands.set(msg.call_id, { command, cwd: msg.cwd });
    this.line(`${this.s('exec', 'italic', 'magenta')}\n${this.s(command, 'bold')} in ${termRevealLine(msg.cwd)}`);
  }

  private execEnd(msg: EventMsgOf<'exec_command_end'>): void {
    if (!this.commands.delete(msg.call_id)) return;
    const took = formatDuration(durationMs(msg.duration));
    const title =
      msg.exit_code === 0
        ? this.s(` succeeded in ${took}:`, 'green')
        : this.s(` exited ${msg.exit_code} in ${took}:`, 'red');
    const lines = termOutput(msg.aggregated_output).split('\n');
    if (lines.at(-1) === '') lines.pop();
    const shown = lines.slice(0, MAX_OUTPUT_LINES);
    if (lines.length > shown.length) shown.push(`… +${lines.length - shown.length} lines`);
    this.line(shown.length ? `${title}\n${this.s(shown.join('\n'), 'dim')}\n` : title);
  }

  private patchEnd(msg: EventMsgOf<'patch_apply_end'>): void {
    const changes = this.patches.get(msg.call_id) ?? {};
    this.patches.delete(msg.call_id);
    const status = msg.success ? this.s('patch: completed', 'green') : this.s('patch: failed', 'red');
    const parts = [this.s('apply patch', 'italic', 'magenta'), status];
    for (const [path, change] of Object.entries(changes)) parts.push(this.s(termRevealLine(path), 'bold'), termSafe(changeDiff(path, change)));
    if (!msg.success && msg.stderr.trim()) parts.push(this.s(termSafe(msg.stderr.trimEnd()), 'red'));
    this.line(parts.join('\n'));
  }

  private mcpEnd(msg: EventMsgOf<'mcp_tool_call_end'>): void {
    const ok = 'Ok' in msg.result && msg.result.Ok.isError !== true;
    const took = formatDuration(durationMs(msg.duration));
    const title = `${invocationText(msg.invocation)} ${ok ? 'success' : 'failed'} in ${took}:`;
    const body = 'Ok' in msg.result ? JSON.stringify(msg.result.Ok.content, null, 2) : msg.result.Err;
    this.block(this.s(title, ok ? 'green' : 'red'), this.s(termSafe(body), 'dim'));
  }

  private plan(msg: EventMsgOf<'plan_update'>): void {
    const lines = [this.s('Plan update', 'italic', 'magenta')];
    if (msg.explanation) lines.push(termSafe(msg.explanation));
    for (const p of msg.plan) {
      if (p.status === 'completed') lines.push(`  ${this.s('✓', 'green')} ${this.s(termLine(p.step), 'dim')}`);
      else if (p.status === 'in_progress') lines.push(`  ${this.s('→', 'cyan')} ${this.s(termLine(p.step), 'bold')}`);
      else lines.push(`  • ${termLine(p.step)}`);
    }
    this.line(lines.join('\n'));
  }
}

function invocationText(inv: { server: string; tool: string; arguments?: unknown }): string {
  const args = inv.arguments === undefined || inv.arguments === null ? '' : JSON.stringify(inv.arguments);
  return termLine(`${inv.server}.${inv.tool}(${args})`);
}

/** The fields of a FileChange whichever way it is tagged. */
function changeFields(change: FileChanges[string]): { content?: string; unified_diff?: string; move_path?: string | null } {
  const c = change as Record<string, unknown>;
  for (const tag of ['add', 'delete', 'update']) {
    const inner = c[tag];
    if (inner !== null && typeof inner === 'object') return inner as ReturnType<typeof changeFields>;
  }
  return c as ReturnType<typeof changeFields>;
}

/** A unified diff of one FileChange, relative to its own path. */
function changeDiff(path: string, change: FileChanges[string]): string {
  const kind = fileChangeKind(change);
  const fields = changeFields(change);
  const name = path.split('/').pop() ?? path;
  const body = (text: string, sign: string): string[] => {
    const lines = text.split('\n');
    if (lines.at(-1) === '') lines.pop();
    return lines.map((l) => `${sign}${l}`);
  };
  if (kind === 'add') {
    const lines = body(fields.content ?? '', '+');
    return ['--- /dev/null', `+++ b/${name}`, `@@ -0,0 +1,${lines.length} @@`, ...lines].join('\n');
  }
  if (kind === 'delete') {
    const lines = body(fields.content ?? '', '-');
    return [`--- a/${name}`, '+++ /dev/null', `@@ -1,${lines.length} +0,0 @@`, ...lines].join('\n');
  }
  const moved = fields.move_path ? `(moved to ${fields.move_path})\n` : '';
  return `${moved}${(fields.unified_diff ?? '').trimEnd()}`;
}

// The chat: turns engine events into cells. Finished cells go to the renderer's
// scrollback (once); live cells (the streaming answer, running commands, a patch being
// applied) are part of every frame until they finish.
import type { EventMsg } from '@codex-ts/protocol';
import { AgentCell } from '../cells/agent-cell.js';
import { NoticeCell, UserCell, type Cell } from '../cells/cell.js';
import { durationMs, ExecCell, formatDuration } from '../cells/exec-cell.js';
import { PatchCell } from '../cells/patch-cell.js';
import { PlanCell } from '../cells/plan-cell.js';
import { sanitize, sp, type Line } from '../term/style.js';
import { truncate } from '../term/wrap.js';
import { RowsCell, Transcript } from '../pager/transcript.js';

/** Characters of a finished command's output kept in the transcript (its tail). */
const EXEC_OUTPUT_KEPT = 64 * 1024;

/** What the chat needs from the renderer. */
export interface Sink {
  commit(lines: Line[]): void;
  schedule(): void;
  readonly cols: number;
}

export class ChatView {
  private agent: AgentCell | undefined;
  /** Rows of the streaming answer already moved to scrollback. */
  private agentCommitted = 0;
  private readonly execs = new Map<string, ExecCell>();
  private readonly patches = new Map<string, PatchCell>();
  private reasoning = '';

  /** The session's cwd, for relative paths in patches. */
  cwd: string | undefined;
  /** Every finished cell, for the transcript pager and backtrack. */
  readonly transcript = new Transcript();

  constructor(private readonly sink: Sink) {}

  /** Commit a finished cell, followed by a blank row. */
  commit(cell: Cell): void {
    this.transcript.push(cell instanceof UserCell ? { cell, user: cell.text, source: cell.text } : { cell });
    this.sink.commit([...cell.render(this.sink.cols), []]);
  }

  /** Cells still changing (streaming answer, running commands, patches being applied). */
  liveCells(): Cell[] {
    return [...(this.agent ? [this.agent] : []), ...this.execs.values(), ...this.patches.values()];
  }

  /** Handle one engine event; returns true when the screen changed. */
  onEvent(msg: EventMsg): boolean {
    switch (msg.type) {
      case 'agent_message_delta':
        this.ensureAgent().text += msg.delta;
        return true;
      case 'agent_message':
        this.ensureAgent().text = msg.message;
        this.finishAgent();
        return true;
      case 'agent_reasoning_delta':
        this.reasoning += msg.delta;
        return false;
      case 'agent_reasoning':
        this.commitReasoning(msg.text);
        return true;
      case 'exec_command_begin': {
        this.finishAgent();
        this.execs.set(msg.call_id, Object.assign(new ExecCell(msg.call_id, msg.command), { userShell: msg.source === 'user_shell' }));
        return true;
      }
      case 'exec_command_output_delta': {
        const cell = this.execs.get(msg.call_id);
        if (cell) cell.output += Buffer.from(msg.chunk, 'base64').toString('utf8');
        return cell !== undefined;
      }
      case 'exec_command_end': {
        const cell = this.execs.get(msg.call_id) ?? new ExecCell(msg.call_id, []);
        cell.output = msg.aggregated_output || `${msg.stdout}${msg.stderr}`;
        cell.exitCode = msg.exit_code;
        cell.duration = durationMs(msg.duration);
        this.execs.delete(msg.call_id);
        this.commit(cell);
        // The transcript keeps the cell: only the output's tail is ever shown, so keep just that.
        if (cell.output.length > EXEC_OUTPUT_KEPT) cell.output = cell.output.slice(-EXEC_OUTPUT_KEPT);
        return true;
      }
      case 'patch_apply_begin':
        this.finishAgent();
        this.patches.set(msg.call_id, new PatchCell(msg.call_id, msg.changes, this.cwd));
        return true;
      case 'patch_apply_end': {
        const cell = this.patches.get(msg.call_id);
        if (!cell) return false;
        cell.status = msg.success ? 'applied' : 'failed';
        cell.error = msg.stderr || msg.stdout;
        this.patches.delete(msg.call_id);
        this.commit(cell);
        return true;
      }
      case 'plan_update':
        this.finishAgent();
        this.commit(new PlanCell(msg.plan, msg.explanation));
        return true;
      case 'stream_error':
        this.commit(new NoticeCell(msg.message, 'retry'));
        return true;
      case 'error':
        this.finishAgent();
        this.commit(new NoticeCell(msg.message, 'error'));
        return true;
      case 'warning':
        this.commit(new NoticeCell(String((msg as { message?: unknown }).message ?? ''), 'warning'));
        return true;
      case 'mcp_startup_update': {
        // Every MCP server failure is shown once, when it happens (the rest keep working).
        if (msg.status.state !== 'failed') return false;
        this.commit(new NoticeCell(`MCP server ${msg.server} failed to start: ${msg.status.error ?? 'no reason given'}`, 'warning'));
        return true;
      }
      case 'background_event':
        this.commit(new NoticeCell(msg.message, 'info'));
        return true;
      case 'mcp_tool_call_end': {
        const inv = msg.invocation;
        const ok = 'Ok' in msg.result && !msg.result.Ok.isError;
        const ms = durationMs(msg.duration);
        this.commit(new NoticeCell(`${ok ? 'Called' : 'Failed'} ${inv.server}.${inv.tool}${ms !== undefined ? ` (${formatDuration(ms)})` : ''}`, ok ? 'info' : 'error'));
        return true;
      }
      case 'web_search_end':
        this.commit(new NoticeCell(`Searched the web: ${msg.query}`, 'info'));
        return true;
      default:
        return false;
    }
  }

  /** The turn ended (completed or aborted): everything live is committed as it stands. */
  endTurn(note?: { text: string; kind: 'info' | 'error' | 'warning' }): void {
    this.finishAgent();
    for (const cell of this.execs.values()) this.commit(cell);
    this.execs.clear();
    for (const cell of this.patches.values()) this.commit(cell);
    this.patches.clear();
    if (note) this.commit(new NoticeCell(note.text, note.kind));
  }

  /** Live rows, keeping at most `budget` of the streaming answer on screen. */
  liveRows(width: number, budget: number): Line[] {
    const rows: Line[] = [];
    if (this.agent) {
      const all = this.agent.render(width);
      // Rows that no longer fit go to scrollback now (they will not change: markdown
      // above the last few rows is settled), so the live area never outgrows the screen.
      const keep = Math.max(3, budget);
      if (all.length - this.agentCommitted > keep) {
        const upto = all.length - keep;
        this.sink.commit(all.slice(this.agentCommitted, upto));
        this.agentCommitted = upto;
      }
      rows.push(...all.slice(this.agentCommitted));
    }
    for (const c of this.execs.values()) rows.push(...c.render(width));
    for (const c of this.patches.values()) rows.push(...c.render(width));
    return rows;
  }

  get hasLive(): boolean {
    return this.agent !== undefined || this.execs.size > 0 || this.patches.size > 0;
  }

  private ensureAgent(): AgentCell {
    if (!this.agent) {
      this.agent = new AgentCell();
      this.agentCommitted = 0;
    }
    return this.agent;
  }

  private finishAgent(): void {
    const cell = this.agent;
    if (!cell) return;
    this.agent = undefined;
    if (cell.text.trim() === '') return;
    this.transcript.push({ cell, source: cell.text });
    const rows = cell.render(this.sink.cols);
    this.sink.commit([...rows.slice(this.agentCommitted), []]);
    this.agentCommitted = 0;
  }

  private commitReasoning(text: string): void {
    const full = (text || this.reasoning).trim();
    this.reasoning = '';
    if (!full) return;
    // Collapsed: the summary's title (its first bold line) or its first line.
    const first = full.split('\n').find((l) => l.trim() !== '') ?? '';
    const title = first.replace(/^\*\*(.*)\*\*$/, '$1');
    this.transcript.push({ cell: new RowsCell([[sp('• ', { dim: true }), sp(sanitize(title), { dim: true, italic: true })]]), source: full });
    this.sink.commit([[sp('• ', { dim: true }), sp(truncate(sanitize(title), Math.max(4, this.sink.cols - 2)), { dim: true, italic: true })], []]);
  }
}

// What each slash command does. The controller talks to the app through SlashHost (the
// App implements it) so the commands stay out of the app's own code.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { EventMsg, Op, ReasoningEffort } from '@codex-ts/protocol';
import { NoticeCell, type Cell } from '../cells/cell.js';
import type { Overlay, SessionActions } from '../app/overlay.js';
import type { StatusInfo } from '../app/status.js';
import type { TurnSettings } from '../app/app.js';
import { describeAccount, logoutAccount } from './account.js';
import { findCommand, parseSlash, setExtraCommands } from './commands.js';
import { expandPrompt, loadPrompts, promptCommands, PROMPTS_PREFIX, takesArguments } from './custom-prompts.js';
import { reviewEventCell } from './review-banner.js';
import type { CopyFn } from '../backtrack/controls.js';
import type { Transcript } from '../pager/transcript.js';
import type { Key } from '../term/keys.js';
import { DiffCell, gitDiff } from './git-diff.js';
import { ListPicker } from './list-picker.js';
import { APPROVAL_PRESETS, modelChoices, PERMISSION_PRESETS, type ApprovalPreset } from './presets.js';
import { agentsFiles, McpCell, StatusCell, type McpServerRow } from './status-cell.js';

/** Settings the slash commands need beyond the turn (run-tui fills them in). */
export interface SlashEnv {
  codexHome?: string;
  /** `cli_auth_credentials_store`. */
  authStore?: unknown;
  provider?: string;
  env?: NodeJS.ProcessEnv;
  /** Clears the terminal (screen and scrollback) and redraws the live area (`/clear`). */
  clearScreen?: () => void;
  /** Runs `fn` with the terminal handed over (Ctrl+G's external editor). */
  suspend?: <T>(fn: () => Promise<T>) => Promise<T>;
}

/** The app as the commands see it. */
export interface SlashHost {
  readonly deps: { turn?: TurnSettings; status: StatusInfo; sessions?: SessionActions; slash?: SlashEnv; clipboard?: CopyFn; engine: { submit(op: Op): Promise<string> } };
  readonly isRunning: boolean;
  /** The chat's transcript (`/copy`, `/export`). */
  readonly chat: { readonly transcript: Transcript };
  /** Backtrack, pager, warnings tray: `/warnings` presses F2 there. */
  readonly controls: { onKey(key: Key): boolean };
  readonly composer: { set(text: string): void };
  show(cell: Cell): void;
  openOverlay(o: Overlay): void;
  requestQuit(): void;
  submitText(text: string, images?: string[]): void;
  /** Re-sync the composer popups (after the text changed under them). */
  syncPopups(): void;
  schedule(): void;
}

/** The prompt `/init` sends (our own wording of what Codex asks for). */
export const INIT_PROMPT = [
  'Create an AGENTS.md file in the current directory that tells an AI coding agent how to work in this repository.',
  'Look at the repository first (layout, languages, build and test commands, conventions, CI) and write what a new contributor would need, concisely:',
  '',
  '- Project structure: where the source, tests and assets live.',
  '- Build, test and development commands, each with one line on what it does.',
  '- Coding style and naming conventions, formatters and linters in use.',
  '- Testing guidelines: frameworks, how to run one test, where new tests go.',
  '- Commit and pull request conventions seen in the history.',
  '',
  'Keep it short (a few hundred words), use Markdown headings, and only state what the repository shows.',
].join('\n');

export class SlashCommands {
  /** A `/mcp` waiting for its `mcp_list_tools_response`. */
  private mcpPending = 0;

  constructor(private readonly host: SlashHost) {
    setExtraCommands(() => promptCommands(host.deps.slash?.codexHome));
  }

  /** Run `text` if it is a slash command line; false when it is a normal message. */
  tryRun(text: string): boolean {
    if (text.startsWith('!')) return this.userShell(text.slice(1).trim());
    const parsed = parseSlash(text);
    if (!parsed) return false;
    if (!findCommand(parsed.name)) {
      // A path such as `/tmp/x is broken` is a message, not a command.
      if (text.trim().slice(1).includes('/')) return false;
      this.notice(`Unrecognized command '/${parsed.name}'. Type "/" for a list of supported commands.`, 'error');
      return true;
    }
    this.run(parsed.name, parsed.args);
    return true;
  }

  run(name: string, args = ''): void {
    const cmd = findCommand(name);
    if (!cmd) return;
    if (!cmd.duringTask && this.host.isRunning) {
      this.notice(`'/${name}' is disabled while a task is in progress.`, 'error');
      return;
    }
    try {
      this.dispatch(name, args);
    } catch (err: unknown) {
      this.notice(`/${name} failed: ${(err as Error).message}`, 'error');
    }
    this.host.schedule();
  }

  private dispatch(name: string, args: string): void {
    const h = this.host;
    switch (name) {
      case 'model':
        return this.pickModel();
      case 'approvals':
        return this.pickApprovals('Select Approval Mode', APPROVAL_PRESETS);
      case 'permissions':
        return this.pickApprovals('Update Model Permissions', PERMISSION_PRESETS);
      case 'copy':
      case 'export':
      case 'pwd':
      case 'warnings':
      case 'clear':
        // Loaded at first use (kept off the start-up path).
        return void import('./more.js').then((m) => m.runMore(h, name, args)).catch((err: unknown) => this.notice(`/${name} failed: ${(err as Error).message}`, 'error'));
      case 'status':
        return void this.status();
      case 'diff':
        return void this.diff();
      case 'compact':
        return this.submit({ type: 'compact' });
      case 'init': {
        const cwd = h.deps.turn?.cwd ?? h.deps.status.cwd;
        if (existsSync(join(cwd, 'AGENTS.md'))) {
          this.notice('AGENTS.md already exists here. Skipping /init to avoid overwriting it.', 'info');
          return;
        }
        h.submitText(INIT_PROMPT);
        return;
      }
      case 'review':
        return void import('./review-popup.js').then((m) => m.openReview(h, args)).catch((err: unknown) => this.notice(`/review failed: ${(err as Error).message}`, 'error'));
      case 'mention':
        h.composer.set('@');
        h.syncPopups();
        return;
      case 'mcp':
        this.mcpPending++;
        return this.submit({ type: 'list_mcp_tools' });
      case 'logout':
        return void this.logout();
      case 'quit':
      case 'exit':
        h.requestQuit();
        return;
      case 'new':
      case 'resume':
      case 'fork':
        return this.session(name);
      default:
        if (name.startsWith(PROMPTS_PREFIX)) return this.customPrompt(name.slice(PROMPTS_PREFIX.length), args);
    }
  }

  /** `!cmd`: the core runs it in the user's shell; the model sees it at the next turn. */
  private userShell(command: string): true {
    const h = this.host;
    if (command === '') {
      this.notice('Type a command after `!` to run it in your shell, e.g. `!ls`.', 'info');
    } else if (h.isRunning) {
      h.composer.set(`!${command}`);
      this.notice("'!' commands are disabled while a task is in progress.", 'error');
    } else {
      void h.deps.engine.submit({ type: 'add_to_history', text: `!${command}` }).catch(() => undefined);
      this.submit({ type: 'run_user_shell_command', command });
    }
    h.schedule();
    return true;
  }

  /** `/prompts:<name> [args]`: without arguments a prompt that takes some waits in the composer. */
  private customPrompt(name: string, args: string): void {
    const h = this.host;
    const prompt = loadPrompts(h.deps.slash?.codexHome).find((p) => p.name === name);
    if (!prompt) return this.notice(`Unrecognized command '/${PROMPTS_PREFIX}${name}'. Type "/" for a list of supported commands.`, 'error');
    if (args === '' && takesArguments(prompt.content)) {
      h.composer.set(`/${PROMPTS_PREFIX}${name} `);
      return;
    }
    let text: string;
    try {
      text = expandPrompt(prompt, args);
    } catch (err: unknown) {
      h.composer.set(`/${PROMPTS_PREFIX}${name} ${args}`);
      return this.notice((err as Error).message, 'error');
    }
    if (text.trim() === '') return this.notice(`/${PROMPTS_PREFIX}${name}: the prompt is empty (${prompt.path}).`, 'error');
    h.submitText(text);
  }

  /** Engine events the commands wait for; true when handled (the screen changed). */
  onEvent(msg: EventMsg): boolean {
    const review = reviewEventCell(msg);
    if (review) {
      this.host.show(review);
      return true;
    }
    if (msg.type === 'mcp_list_tools_response' && this.mcpPending > 0) {
      this.mcpPending--;
      this.host.show(new McpCell(mcpRows(msg)));
      return true;
    }
    return false;
  }

  private notice(text: string, kind: 'info' | 'error' | 'warning'): void {
    this.host.show(new NoticeCell(text, kind));
  }

  private submit(op: Op): void {
    void this.host.deps.engine.submit(op).catch((err: unknown) => this.notice(`${op.type} failed: ${(err as Error).message}`, 'error'));
  }

  private session(name: 'new' | 'resume' | 'fork'): void {
    const actions = this.host.deps.sessions;
    if (!actions) {
      this.notice(`/${name} is not available: this build cannot switch sessions yet.`, 'error');
      return;
    }
    const p = name === 'new' ? actions.newSession() : name === 'resume' ? actions.resume() : actions.fork();
    p.catch((err: unknown) => this.notice(`/${name} failed: ${(err as Error).message}`, 'error'));
  }

  private pickModel(): void {
    const h = this.host;
    const turn = h.deps.turn;
    if (!turn) {
      this.notice('The session is still starting; try /model again in a moment.', 'info');
      return;
    }
    const presets = modelChoices(turn.model);
    h.openOverlay(
      new ListPicker(
        'Select Model',
        'Choose the model for this and later turns. You can also use `-m` or `model` in config.toml.',
        presets.map((p) => ({ label: p.model, description: p.description, current: p.model === turn.model })),
        (i) => {
          const preset = presets[i]!;
          const currentEffort = preset.model === turn.model ? turn.effort : undefined;
          h.openOverlay(
            new ListPicker(
              `Select Reasoning Level for ${preset.model}`,
              undefined,
              preset.efforts.map((e) => ({ label: e.effort, description: e.description, current: currentEffort !== undefined && e.effort === currentEffort })),
              (j) => this.setModel(preset.model, preset.efforts[j]!.effort),
              undefined,
              preset.efforts.findIndex((e) => e.effort === preset.defaultEffort),
            ),
          );
        },
      ),
    );
  }

  private setModel(model: string, effort: ReasoningEffort): void {
    const h = this.host;
    const turn = h.deps.turn;
    if (!turn) return;
    turn.model = model;
    turn.effort = effort;
    h.deps.status.model = model;
    h.deps.status.effort = effort;
    this.submit({ type: 'override_turn_context', model, effort });
    this.notice(`Model changed to ${model} ${effort}`, 'info');
  }

  private pickApprovals(title: string, presets: readonly ApprovalPreset[]): void {
    const h = this.host;
    const turn = h.deps.turn;
    if (!turn) {
      this.notice(`The session is still starting; try /${title.startsWith('Update') ? 'permissions' : 'approvals'} again in a moment.`, 'info');
      return;
    }
    const mode = (turn.sandbox_policy as { mode?: string }).mode;
    h.openOverlay(
      new ListPicker(
        title,
        undefined,
        presets.map((p) => ({ label: p.label, description: p.description, current: p.sandboxMode === mode && p.approval === turn.approval_policy })),
        (i) => {
          const p = presets[i]!;
          // Keep the configured writable roots and network setting when the mode stays.
          const sandbox = p.sandboxMode === mode ? turn.sandbox_policy : p.sandbox;
          turn.approval_policy = p.approval;
          turn.sandbox_policy = sandbox;
          h.deps.status.approval = p.approval;
          h.deps.status.sandbox = p.sandboxMode;
          this.submit({ type: 'override_turn_context', approval_policy: p.approval, sandbox_policy: sandbox });
          this.notice(`Approval mode: ${p.label} (approval ${p.approval}, sandbox ${p.sandboxMode})`, 'info');
        },
      ),
    );
  }

  private async status(): Promise<void> {
    const h = this.host;
    const s = h.deps.status;
    const env = h.deps.slash ?? {};
    const account = env.codexHome ? await describeAccount({ codexHome: env.codexHome, store: env.authStore, env: env.env ?? process.env }) : 'unknown';
    h.show(
      new StatusCell({
        model: h.deps.turn?.model ?? s.model,
        effort: h.deps.turn?.effort ?? undefined,
        summary: h.deps.turn?.summary,
        provider: env.provider,
        cwd: h.deps.turn?.cwd ?? s.cwd,
        approval: s.approval,
        sandbox: s.sandbox,
        agentsMd: agentsFiles(h.deps.turn?.cwd ?? s.cwd),
        account,
        sessionId: s.sessionId,
        usage: s.usage,
        contextWindow: s.contextWindow,
      }),
    );
  }

  private async diff(): Promise<void> {
    const h = this.host;
    const cwd = h.deps.turn?.cwd ?? h.deps.status.cwd;
    const d = await gitDiff(cwd, h.deps.slash?.env ?? process.env);
    if (d.kind === 'not-a-repo') this.notice('/diff: not inside a git repository', 'error');
    else if (d.kind === 'error') this.notice(`/diff failed: ${d.message}`, 'error');
    else if (d.text.trim() === '') this.notice('/diff: no changes', 'info');
    else h.show(new DiffCell(d.text));
  }

  private async logout(): Promise<void> {
    const h = this.host;
    const env = h.deps.slash ?? {};
    if (!env.codexHome) {
      this.notice('/logout is not available before the configuration is loaded.', 'error');
      return;
    }
    try {
      const r = await logoutAccount({ codexHome: env.codexHome, store: env.authStore, env: env.env ?? process.env });
      this.notice(r === 'logged-out' ? 'Successfully logged out' : 'Not logged in', 'info');
      // As Codex: logging out ends the session.
      h.requestQuit();
    } catch (err: unknown) {
      this.notice(`Error logging out: ${(err as Error).message}`, 'error');
    }
  }
}

/** Servers and their tools from an `mcp_list_tools_response`. */
export function mcpRows(msg: Extract<EventMsg, { type: 'mcp_list_tools_response' }>): McpServerRow[] {
  const servers = ((msg as { servers?: Array<{ name: string; state: string; error?: string }> }).servers ?? []).map(
    (s): McpServerRow => ({ name: s.name, state: s.state, ...(s.error ? { error: s.error } : {}), tools: [] }),
  );
  const byName = new Map(servers.map((s) => [s.name, s]));
  for (const [qualified, tool] of Object.entries(msg.tools)) {
    const m = /^mcp__(.+?)__(.+)$/.exec(qualified);
    const server = m ? m[1]! : qualified.split('__')[0]!;
    let row = byName.get(server);
    if (!row) {
      row = { name: server, state: 'ready', tools: [] };
      byName.set(server, row);
      servers.push(row);
    }
    row.tools.push(m ? m[2]! : tool.name);
  }
  for (const s of servers) s.tools.sort();
  return servers.sort((a, b) => a.name.localeCompare(b.name));
}

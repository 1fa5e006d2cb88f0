// The slash commands the TUI offers, in popup order (most used first, as Codex orders
// them), with their one-line descriptions, and the popup's filter: a prefix match ranks
// first, then fuzzy matches by score.
import { fuzzyMatch } from '@codex-ts/file-search';

export interface SlashCommand {
  name: string;
  description: string;
  /** Whether it may run while a turn is in progress. */
  duringTask: boolean;
  /** Shown in the popup (aliases such as /exit are not). */
  hidden?: boolean;
}

export const SLASH_COMMANDS: readonly SlashCommand[] = [
  { name: 'model', description: 'choose what model and reasoning effort to use', duringTask: false },
  { name: 'permissions', description: 'choose what Codex is allowed to do', duringTask: false },
  // The older name of /permissions, still accepted (as Codex does); shown only when typed.
  { name: 'approvals', description: 'choose what Codex can do without approval', duringTask: false, hidden: true },
  { name: 'review', description: 'review my current changes and find issues', duringTask: false },
  { name: 'new', description: 'start a new chat during a conversation', duringTask: false },
  { name: 'resume', description: 'resume a saved chat', duringTask: false },
  { name: 'fork', description: 'fork the current chat', duringTask: false },
  { name: 'init', description: 'create an AGENTS.md file with instructions for Codex', duringTask: false },
  { name: 'compact', description: 'summarize conversation to prevent hitting the context limit', duringTask: false },
  { name: 'copy', description: 'copy the last response to the clipboard', duringTask: true },
  { name: 'export', description: 'export the conversation as markdown', duringTask: true },
  { name: 'diff', description: 'show git diff (including untracked files)', duringTask: true },
  { name: 'mention', description: 'mention a file', duringTask: true },
  { name: 'status', description: 'show current session configuration and token usage', duringTask: true },
  { name: 'warnings', description: 'view retained warnings and diagnostic details', duringTask: true },
  { name: 'pwd', description: 'show the current working directory', duringTask: true },
  { name: 'mcp', description: 'list configured MCP tools', duringTask: true },
  { name: 'logout', description: 'log out of Codex', duringTask: false },
  { name: 'quit', description: 'exit Codex', duringTask: true },
  { name: 'exit', description: 'exit Codex', duringTask: true, hidden: true },
  { name: 'clear', description: 'clear the terminal and start a new chat', duringTask: false },
];

/** Commands that come from files (custom prompts), listed after the built-in ones. */
let extra: () => readonly SlashCommand[] = () => [];
export function setExtraCommands(provider: () => readonly SlashCommand[]): void {
  extra = provider;
}

const allCommands = (): readonly SlashCommand[] => {
  const more = extra();
  return more.length ? [...SLASH_COMMANDS, ...more] : SLASH_COMMANDS;
};

export function findCommand(name: string): SlashCommand | undefined {
  return allCommands().find((c) => c.name === name);
}

/** One popup row: the command and the matched character positions in its name. */
export interface CommandMatch {
  command: SlashCommand;
  indices: number[];
}

/** Commands for the text typed after `/` (empty: all visible ones, in order). */
export function filterCommands(query: string): CommandMatch[] {
  const q = query.toLowerCase();
  const visible = allCommands().filter((c) => !c.hidden || (q !== '' && c.name.startsWith(q)));
  if (q === '') return visible.filter((c) => !c.hidden).map((command) => ({ command, indices: [] }));
  const prefix: CommandMatch[] = [];
  const fuzzy: Array<CommandMatch & { score: number }> = [];
  for (const command of visible) {
    if (command.name.startsWith(q)) {
      prefix.push({ command, indices: [...Array(q.length).keys()] });
      continue;
    }
    const m = fuzzyMatch(q, command.name);
    if (m) fuzzy.push({ command, indices: m.indices, score: m.score });
  }
  // An alias that duplicates a shown command (/exit beside /quit) stays out unless typed.
  fuzzy.sort((a, b) => b.score - a.score);
  return [...prefix, ...fuzzy.filter((f) => !f.command.hidden).map(({ command, indices }) => ({ command, indices }))];
}

/** `/name rest` → name and the rest; undefined when the text is not a slash command line. */
export function parseSlash(text: string): { name: string; args: string } | undefined {
  // `/prompts:<name>` keeps the file name's case.
  const m = /^\/([a-z][a-z0-9-]*)(:[^\s]+)?(?:\s+([\s\S]*))?$/i.exec(text.trim());
  if (!m) return undefined;
  return { name: m[1]!.toLowerCase() + (m[2] ?? ''), args: (m[3] ?? '').trim() };
}

// The smaller session commands, loaded at first use: /copy, /export, /pwd, /warnings, /clear.
import { AgentCell } from '../cells/agent-cell.js';
import { NoticeCell } from '../cells/cell.js';
import { ListPicker } from './list-picker.js';
import { conversationMarkdown, defaultExportName, exportPath, writeNewFile } from './export.js';
import type { SlashHost } from './run.js';
import { TextPrompt } from './text-prompt.js';

const notice = (h: SlashHost, text: string, kind: 'info' | 'error'): void => h.show(new NoticeCell(text, kind));
const cwdOf = (h: SlashHost): string => h.deps.turn?.cwd ?? h.deps.status.cwd;

/** The last finished answer of the agent, if any. */
export function lastAgentText(h: SlashHost): string | undefined {
  const entries = h.chat.transcript.entries;
  for (let i = entries.length - 1; i >= 0; i--) {
    const e = entries[i]!;
    if (e.cell instanceof AgentCell) return e.source ?? e.cell.text;
  }
  return undefined;
}

async function copy(h: SlashHost, text: string, what: string): Promise<void> {
  const clip = h.deps.clipboard;
  if (!clip) return notice(h, 'Copying is not available in this terminal session.', 'error');
  const result = await clip(text, what);
  notice(h, result, result.startsWith('Could not') ? 'error' : 'info');
}

function save(h: SlashHost, name: string): string | undefined {
  const path = exportPath(name, cwdOf(h));
  try {
    writeNewFile(path, conversationMarkdown(h.chat.transcript.entries));
  } catch (err: unknown) {
    return (err as Error).message;
  }
  notice(h, `Saved conversation to ${path}`, 'info');
  h.schedule();
  return undefined;
}

export async function runMore(h: SlashHost, name: string, args: string): Promise<void> {
  switch (name) {
    case 'copy': {
      const text = lastAgentText(h);
      if (text === undefined || text.trim() === '') return notice(h, 'No response to copy yet.', 'error');
      return copy(h, text, 'the last response');
    }
    case 'export': {
      if (h.chat.transcript.entries.every((e) => e.user === undefined && !(e.cell instanceof AgentCell))) return notice(h, 'Nothing to export yet: the conversation is empty.', 'error');
      if (args !== '') {
        const err = save(h, args);
        if (err) notice(h, `/export: ${err}`, 'error');
        return;
      }
      const options = [
        { label: 'Copy to clipboard', description: 'Copy the whole conversation as Markdown' },
        { label: 'Save to file', description: 'Write it to a Markdown file' },
      ];
      h.openOverlay(
        new ListPicker('Export conversation', 'Save the complete conversation as Markdown', options, (i) => {
          if (i === 0) void copy(h, conversationMarkdown(h.chat.transcript.entries), 'the conversation');
          else h.openOverlay(new TextPrompt({ title: 'Save conversation', subtitle: `Relative to ${cwdOf(h)}`, initial: defaultExportName(h.deps.status.sessionId), onSubmit: (text) => save(h, text) }));
          h.schedule();
        }),
      );
      return;
    }
    case 'pwd':
      return notice(h, `Current working directory: ${cwdOf(h)}`, 'info');
    case 'warnings':
      h.controls.onKey({ name: 'f2' });
      return;
    case 'clear': {
      const actions = h.deps.sessions;
      if (!actions) return notice(h, '/clear is not available: this build cannot switch sessions yet.', 'error');
      h.deps.slash?.clearScreen?.();
      await actions.newSession();
      return;
    }
  }
}

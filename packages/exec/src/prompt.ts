// Where the prompt comes from: the PROMPT argument, or stdin when it is `-` or absent
// (Codex's messages and exit codes: a TTY with no prompt, an unreadable or empty stdin).
import { ExecError } from './errors.js';

/** The stdin `readPrompt` reads: a stream that may be a terminal. */
export interface PromptStdin extends AsyncIterable<Buffer | string> {
  isTTY?: boolean;
}

async function readAll(stdin: PromptStdin): Promise<string> {
  let text = '';
  try {
    for await (const chunk of stdin) text += typeof chunk === 'string' ? chunk : chunk.toString('utf8');
  } catch (err: unknown) {
    throw new ExecError('stdin_unreadable', `Failed to read prompt from stdin: ${(err as Error).message}`, { cause: err });
  }
  return text.startsWith('\uFEFF') ? text.slice(1) : text;
}

/** Codex's `<stdin>` block: the prompt, a blank line, then the piped text inside the tags. */
export function promptWithStdin(prompt: string, stdinText: string): string {
  return `${prompt}\n\n<stdin>\n${stdinText}${stdinText.endsWith('\n') ? '' : '\n'}</stdin>`;
}

/**
 * The prompt of `codex exec PROMPT` with stdin piped in: like Codex, stdin (read to EOF,
 * after `Reading additional input from stdin...`) is appended as a `<stdin>` block; a
 * terminal or an empty pipe adds nothing.
 */
export async function readPromptWithStdin(arg: string | undefined, stdin: PromptStdin, notice: (line: string) => void): Promise<string> {
  if (arg === undefined || arg === '-' || stdin.isTTY) return readPrompt(arg, stdin, notice);
  notice('Reading additional input from stdin...');
  const extra = await readAll(stdin);
  return extra.trim() === '' ? arg : promptWithStdin(arg, extra);
}

/**
 * The prompt text. `arg` wins unless it is `-`; otherwise stdin is read to EOF, after
 * printing `Reading prompt from stdin...` (not for an explicit `-`) through `notice`.
 */
export async function readPrompt(arg: string | undefined, stdin: PromptStdin, notice: (line: string) => void): Promise<string> {
  if (arg !== undefined && arg !== '-') return arg;
  const forced = arg === '-';
  if (stdin.isTTY && !forced) {
    throw new ExecError('no_prompt', 'No prompt provided. Either specify one as an argument or pipe the prompt into stdin.');
  }
  if (!forced) notice('Reading prompt from stdin...');
  const text = await readAll(stdin);
  if (text.trim() === '') throw new ExecError('no_prompt', 'No prompt provided via stdin.');
  return text;
}

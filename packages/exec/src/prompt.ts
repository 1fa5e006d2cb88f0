// Where the prompt comes from: the PROMPT argument, or stdin when it is `-` or absent
// (Codex's messages and exit codes: a TTY with no prompt, an unreadable or empty stdin).
import { ExecError } from './errors.js';

/** The stdin `readPrompt` reads: a stream that may be a terminal. */
export interface PromptStdin extends AsyncIterable<Buffer | string> {
  isTTY?: boolean;
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
  let text = '';
  try {
    for await (const chunk of stdin) text += typeof chunk === 'string' ? chunk : chunk.toString('utf8');
  } catch (err: unknown) {
    throw new ExecError('stdin_unreadable', `Failed to read prompt from stdin: ${(err as Error).message}`, { cause: err });
  }
  if (text.trim() === '') throw new ExecError('no_prompt', 'No prompt provided via stdin.');
  return text;
}

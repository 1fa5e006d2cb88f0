// `codex resume [SESSION_ID] [PROMPT]` and `codex fork [SESSION_ID] [PROMPT]`, as Codex 0.169:
// the TUI opens on a recorded session: the picker by default (this directory's sessions;
// `--all` for every directory), `--last` for the newest, or the id given (an unknown id is
// an error, exit 1). `resume` continues the session (same id, same rollout); `fork` starts a
// new session holding a copy of its history. The TUI's flags (-m, -s, -a, -c, --cd, …) apply.
import type { ArgumentsCamelCase, Argv } from 'yargs';
import type { CommandDef } from '../command.js';
import { interactiveUnavailable } from '../front-door.js';
import { addTuiFlags, tuiOptionsFrom, type InteractiveArgs } from '../interactive.js';
import { CODEX_VERSION } from '../version.js';

type Args = ArgumentsCamelCase<Record<string, unknown>>;

const TUI_FLAGS = ['-m', '--model', '-p', '--profile', '-s', '--sandbox', '-a', '--ask-for-approval', '--full-auto', '--dangerously-bypass-approvals-and-sandbox', '--yolo', '-C', '--cd', '--add-dir', '--oss', '--alt-screen'];

function builder(action: 'resume' | 'fork'): (y: Argv) => Argv {
  return (y) =>
    addTuiFlags(
      y
        .positional('SESSION_ID', { type: 'string', describe: `Session id (UUID) to ${action}; without it the picker opens (or --last)` })
        .positional('PROMPT', { type: 'string', array: true, describe: 'A first message to send' })
        .option('last', { type: 'boolean', describe: `${action === 'resume' ? 'Continue' : 'Fork'} the most recent session of this directory without the picker` })
        .option('all', { type: 'boolean', describe: 'Every directory\'s sessions (no filtering by the current directory)' })
        .option('include-non-interactive', { type: 'boolean', describe: 'Also offer `codex exec` sessions in the picker and for --last' }),
    );
}

async function run(action: 'resume' | 'fork', argv: Args): Promise<number> {
  if (!process.stdin.isTTY || !process.stdout.isTTY) {
    process.stderr.write(`Error: codex ${action} opens the interactive UI, which needs a terminal on stdin and stdout.\n${interactiveUnavailable([])}`);
    return 1;
  }
  const last = argv.last === true;
  // With --last the lone positional is the prompt (Codex: `resume --last PROMPT`).
  const words = [...(argv.SESSION_ID !== undefined ? [String(argv.SESSION_ID)] : []), ...((argv.PROMPT as string[] | undefined) ?? []).map(String)];
  const id = last ? undefined : words.shift();
  const prompt = words.join(' ');
  const { runTui } = await import('@codex-ts/tui');
  return runTui(
    {
      ...tuiOptionsFrom(argv as unknown as InteractiveArgs),
      ...(prompt !== '' ? { prompt } : {}),
      session: {
        action,
        ...(id !== undefined ? { id } : {}),
        ...(last ? { last: true } : {}),
        ...(argv.all === true ? { all: true } : {}),
        ...(argv.includeNonInteractive === true ? { includeNonInteractive: true } : {}),
      },
    },
    { version: CODEX_VERSION },
  );
}

/** `codex resume`. */
export const resumeCommand: CommandDef = {
  command: 'resume [SESSION_ID] [PROMPT..]',
  describe: 'Resume a previous interactive session (picker by default; --last for the most recent)',
  flags: ['--last', '--all', '--include-non-interactive', ...TUI_FLAGS],
  builder: builder('resume'),
  run: (argv) => run('resume', argv),
};

/** `codex fork`. */
export const forkCommand: CommandDef = {
  command: 'fork [SESSION_ID] [PROMPT..]',
  describe: 'Fork a previous interactive session into a new one (picker by default; --last for the most recent)',
  flags: ['--last', '--all', '--include-non-interactive', ...TUI_FLAGS],
  builder: builder('fork'),
  run: (argv) => run('fork', argv),
};

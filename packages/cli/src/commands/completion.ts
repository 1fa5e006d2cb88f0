// `codex completion bash|zsh|fish`: prints a completion script for the shell.
import type { CommandDef } from '../command.js';

/** Built lazily to avoid a cycle with the command table. */
export function completionCommand(all: () => CommandDef[]): CommandDef {
  return {
    command: 'completion [shell]',
    describe: 'Print a shell completion script (bash, zsh or fish)',
    flags: [],
    values: ['bash', 'zsh', 'fish'],
    builder: (y) =>
      y
        .positional('shell', { choices: ['bash', 'zsh', 'fish'] as const, default: 'bash', describe: 'Target shell' })
        .example('codex completion bash > ~/.local/share/bash-completion/completions/codex', '')
        .example('codex completion fish > ~/.config/fish/completions/codex.fish', ''),
    run: async (argv) => {
      const { completionScript } = await import('../completion.js');
      process.stdout.write(completionScript(argv.shell as 'bash' | 'zsh' | 'fish', all()));
      return 0;
    },
  };
}

// `codex archive SESSION` and `codex delete [--force] SESSION`, as Codex 0.169: archive moves
// the rollout to $CODEX_HOME/archived_sessions/, delete removes an active or archived one
// (without a terminal it needs --force, as Codex asks for confirmation otherwise).
import type { ArgumentsCamelCase } from 'yargs';
import type { CommandDef } from '../command.js';

type Args = ArgumentsCamelCase<Record<string, unknown>>;

async function withHome(argv: Args, fn: (core: typeof import('@codex-ts/core'), codexHome: string) => string): Promise<number> {
  const core = await import('@codex-ts/core');
  try {
    const config = core.loadConfig({ overrides: Array.isArray(argv.config) ? argv.config.map(String) : [] });
    process.stdout.write(`${fn(core, config.codex_home)}\n`);
    return 0;
  } catch (err: unknown) {
    process.stderr.write(`Error: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
}

/** `codex archive`. */
export const archiveCommand: CommandDef = {
  command: 'archive <SESSION>',
  describe: 'Archive a saved session by id',
  flags: [],
  builder: (y) => y.positional('SESSION', { type: 'string', describe: 'Session id (UUID)' }),
  run: (argv) =>
    withHome(argv, (core, home) => {
      core.archiveSession(home, String(argv.SESSION));
      return `Archived session ${String(argv.SESSION)}.`;
    }),
};

/** `codex delete`. */
export const deleteCommand: CommandDef = {
  command: 'delete <SESSION>',
  describe: 'Permanently delete a saved session by id',
  flags: ['--force'],
  builder: (y) =>
    y
      .positional('SESSION', { type: 'string', describe: 'Session id (UUID)' })
      .option('force', { type: 'boolean', describe: 'Delete without prompting. SESSION must be a UUID' }),
  run: async (argv) => {
    if (argv.force !== true) {
      if (!process.stdin.isTTY) {
        process.stderr.write('Error: cannot confirm session deletion without an interactive terminal; rerun with --force and a session UUID\n');
        return 1;
      }
      const { createInterface } = await import('node:readline/promises');
      const rl = createInterface({ input: process.stdin, output: process.stderr });
      const answer = await rl.question(`Delete session ${String(argv.SESSION)} permanently? [y/N] `);
      rl.close();
      if (!/^y(es)?$/i.test(answer.trim())) {
        process.stderr.write('Not deleted.\n');
        return 1;
      }
    }
    return withHome(argv, (core, home) => {
      core.deleteSession(home, String(argv.SESSION));
      return `Deleted session ${String(argv.SESSION)}.`;
    });
  },
};

// The yargs front door of `codex`: global flags, the subcommand table, usage errors (exit 2).
import yargs from 'yargs';
import type { Argv } from 'yargs';
import type { CommandDef } from './command.js';
import { allCommands } from './commands/index.js';
import { CODEX_VERSION } from './version.js';

/** Run the CLI on `args` (argv without node and script). Sets process.exitCode. */
export async function main(args: string[]): Promise<void> {
  const commands = allCommands();
  let parser: Argv = yargs(args)
    .scriptName('codex')
    .usage('Codex CLI (codex-ts): a coding agent in your terminal.\n\nUsage: codex <command> [options]')
    .version('version', 'Print version', `codex-cli ${CODEX_VERSION}`)
    .alias('version', 'V')
    .help('help', 'Print help')
    .alias('help', 'h')
    .option('config', {
      alias: 'c',
      type: 'string',
      array: true,
      requiresArg: true,
      global: true,
      describe: 'Override a config.toml value: -c key=value (value parsed as TOML), repeatable',
    })
    .strict()
    .wrap(Math.min(100, process.stdout.columns || 100))
    .fail((msg, err, y) => {
      if (err) throw err;
      process.stderr.write(`error: ${msg}\n\nRun 'codex --help' for usage.\n`);
      void y;
      process.exit(2);
    });
  for (const c of commands) parser = register(parser, c);
  parser = parser.command(
    '$0',
    false,
    (y) => y,
    () => {
      parser.showHelp('log');
    },
  );
  await parser.parseAsync();
}

function register(parser: Argv, c: CommandDef): Argv {
  return parser.command({
    command: c.command,
    aliases: c.aliases,
    describe: c.describe,
    builder: c.builder,
    handler: async (argv) => {
      const code = await c.run(argv);
      if (typeof code === 'number') process.exitCode = code;
    },
  });
}

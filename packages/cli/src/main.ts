// The yargs front door of `codex`: global flags, the subcommand table, usage errors (exit 2).
// Only the subcommand named on the command line is registered (its builder runs, nothing
// else is laid out); the whole table is built only for `codex --help` and completion.
// Anything that is not a subcommand is Codex's interactive UI invocation (`codex [PROMPT]`).
import yargs from 'yargs';
import type { Argv } from 'yargs';
import type { CommandDef } from './command.js';
import { allCommands } from './commands/index.js';
import { unknownArgumentsMessage, VALUE_FLAGS } from './front-door.js';
import { CODEX_VERSION } from './version.js';

/** The first word of a command string (`exec [PROMPT]` → `exec`). */
const nameOf = (c: CommandDef): string => c.command.split(/\s+/)[0]!;

/** The subcommand `args` names: the first positional, skipping flags and their values (`-c k=v`). */
export function pickCommand(commands: CommandDef[], args: readonly string[]): CommandDef | undefined {
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (VALUE_FLAGS.has(a)) {
      i++;
      continue;
    }
    if (a === '--') return undefined;
    if (a.startsWith('-')) continue;
    return commands.find((c) => nameOf(c) === a || (c.aliases ?? []).includes(a));
  }
  return undefined;
}

const wantsRootHelpOrVersion = (args: readonly string[]): boolean =>
  args.some((a) => a === '--help' || a === '-h' || a === '--version' || a === '-V' || a === 'help');

/**
 * yargs lays out the running subcommand's whole help text (cacheHelpMessage) right after
 * starting its handler, in case the handler asks for help later: ~50 ms of string measuring on
 * every `codex exec`. No handler of ours shows help, and `--help` does not go through it, so
 * the cache is skipped; help is still laid out whenever it is printed.
 */
function skipHelpCache(parser: Argv): Argv {
  const internal = (parser as unknown as { getInternalMethods?: () => { getUsageInstance?: () => { cacheHelpMessage?: () => void } } }).getInternalMethods?.();
  const usage = internal?.getUsageInstance?.();
  if (usage && typeof usage.cacheHelpMessage === 'function') usage.cacheHelpMessage = () => {};
  return parser;
}

function baseParser(args: string[]): Argv {
  return skipHelpCache(yargs(args))
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
    // One value per -c, so `codex -c k=v exec ...` keeps `exec` as the command.
    .nargs('config', 1)
    .strict()
    .wrap(Math.min(100, process.stdout.columns || 100))
    .fail((msg, err) => {
      if (err) throw err;
      process.stderr.write(`error: ${unknownArgumentsMessage(msg)}\n\nRun 'codex --help' for usage.\n`);
      process.exit(2);
    });
}

/** Run the CLI on `args` (argv without node and script). Sets process.exitCode. */
export async function main(args: string[]): Promise<void> {
  const commands = allCommands();
  const picked = pickCommand(commands, args);
  if (picked === undefined && !wantsRootHelpOrVersion(args)) {
    // `codex` and `codex "prompt"` start the interactive UI.
    const { runInteractive } = await import('./interactive.js');
    process.exitCode = await runInteractive(args);
    return;
  }
  let parser = baseParser(args);
  for (const c of picked ? [picked] : commands) parser = register(parser, c);
  if (!picked) {
    parser = parser.command('$0', false, (y) => y, () => {
      parser.showHelp('log');
    });
  }
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

// The shape every `codex` subcommand module has: yargs wiring plus the static facts shell
// completion needs (so completion scripts never load the commands themselves).
import type { Argv, ArgumentsCamelCase } from 'yargs';

/** One `codex` subcommand. `run` is where heavy modules get imported. */
export interface CommandDef {
  /** yargs command string, e.g. `completion <shell>`. */
  command: string;
  aliases?: string[];
  describe: string;
  builder: (y: Argv) => Argv;
  run: (argv: ArgumentsCamelCase<Record<string, unknown>>) => Promise<number | void>;
  /** Flags offered by shell completion (long and short forms). */
  flags: string[];
  /** Fixed values for the first positional (e.g. shells, sub-subcommands). */
  values?: string[];
}

/** The global flags every subcommand accepts. */
export const GLOBAL_FLAGS = ['-c', '--config', '-h', '--help', '-V', '--version'];

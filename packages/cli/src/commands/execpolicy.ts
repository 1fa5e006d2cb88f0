// `codex execpolicy check --rules FILE [--rules FILE...] [--pretty] CMD...`: evaluates a
// command against rules files and prints Codex's JSON. yargs only routes here; the
// arguments go through untouched (unknown options and numbers stay strings, `--` kept)
// to @codex-ts/execpolicy, which parses them with clap's semantics.
import type { CommandDef } from '../command.js';

/**
 * The raw arguments after `execpolicy`: taken from the process argv when it holds the
 * subcommand (so global flags such as `-c` inside CMD reach the command untouched),
 * else rebuilt from what yargs collected.
 */
export function rawExecpolicyArgs(argv: Record<string, unknown>, processArgs: readonly string[] = process.argv.slice(2)): string[] {
  const at = processArgs.indexOf('execpolicy');
  if (at >= 0) return processArgs.slice(at + 1);
  const args = ((argv.args as unknown[] | undefined) ?? []).map(String);
  const rest = ((argv['--'] as unknown[] | undefined) ?? []).map(String);
  return rest.length > 0 ? [...args, '--', ...rest] : args;
}

const EXECPOLICY_HELP = `Check commands against execpolicy rules files

Usage: codex execpolicy <COMMAND>

Commands:
  check  Check a command against rules files and print the matching rules as JSON

Options:
  -h, --help  Print help
`;

const CHECK_HELP = `Check a command against rules files and print the matching rules as JSON

Usage: codex execpolicy check [OPTIONS] --rules <PATH> <COMMAND>...

Arguments:
  <COMMAND>...  The command to check (put it after -- when it starts with a dash)

Options:
  -r, --rules <PATH>              A .rules file; repeatable, later files add rules
      --pretty                    Pretty-print the JSON
      --resolve-host-executables  For an absolute program path, also match rules written for its basename
  -h, --help                      Print help
`;

/** The execpolicy command. */
export const execpolicyCommand: CommandDef = {
  command: 'execpolicy [args..]',
  describe: 'Check a command against execpolicy rules files (prints the matching rules as JSON)',
  flags: ['--rules', '-r', '--pretty', '--resolve-host-executables'],
  values: ['check'],
  builder: (y) =>
    y
      // CMD may contain -h (`ls -h`): the check's own parser reports usage instead.
      .help(false)
      .parserConfiguration({ 'unknown-options-as-args': true, 'populate--': true, 'parse-numbers': false, 'parse-positional-numbers': false })
      .positional('args', { type: 'string', array: true, describe: 'check --rules FILE [--rules FILE...] [--pretty] CMD...' })
      .example('codex execpolicy check --rules ~/.codex/rules/default.rules git push --force', '')
      .example('codex execpolicy check --rules a.rules --pretty -- rm -rf /', ''),
  run: async (argv) => {
    const raw = rawExecpolicyArgs(argv);
    // Help for the command itself and for `check` (clap prints these; the check parser does not).
    const help = raw.length === 1 && (raw[0] === '--help' || raw[0] === '-h' || raw[0] === 'help') ? EXECPOLICY_HELP
      : raw.length === 2 && raw[0] === 'check' && (raw[1] === '--help' || raw[1] === '-h') ? CHECK_HELP : undefined;
    if (help !== undefined) {
      process.stdout.write(help);
      return 0;
    }
    const { runExecpolicyCli } = await import('@codex-ts/execpolicy');
    const result = await runExecpolicyCli(raw);
    process.stdout.write(result.stdout);
    process.stderr.write(result.stderr);
    return result.exitCode;
  },
};

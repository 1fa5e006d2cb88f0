// `codex sandbox linux|macos [--full-auto] [-c key=value] -- CMD...` (alias `debug`): runs
// any command under the sandbox policy from config and flags, so people can test it.
import type { CommandDef } from '../command.js';

/** The sandbox debug command. */
export const sandboxCommand: CommandDef = {
  command: 'sandbox <platform> [command..]',
  aliases: ['debug'],
  describe: 'Run a command under the Codex sandbox (Landlock/seccomp or bubblewrap on Linux, Seatbelt on macOS)',
  flags: ['--full-auto', '-s', '--sandbox', '--backend', '-C', '--cd'],
  values: ['linux', 'landlock', 'macos', 'seatbelt'],
  builder: (y) =>
    y
      .parserConfiguration({ 'populate--': true, 'unknown-options-as-args': true })
      .positional('platform', { choices: ['linux', 'landlock', 'macos', 'seatbelt'] as const, describe: 'Which sandbox to use' })
      .positional('command', { type: 'string', array: true, describe: 'The command to run (after --)' })
      .option('full-auto', { type: 'boolean', default: false, describe: 'Workspace-write sandbox: write in the cwd and TMPDIR, no network' })
      .option('sandbox', { alias: 's', choices: ['read-only', 'workspace-write', 'danger-full-access'] as const, describe: 'Sandbox mode (default: config, else read-only)' })
      .option('backend', { choices: ['auto', 'landlock', 'bwrap'] as const, describe: 'Linux backend (config: [sandbox] backend)' })
      .option('cd', { alias: 'C', type: 'string', describe: 'Working directory' })
      .example('codex sandbox linux --full-auto -- bash -c "touch ok; touch /etc/nope"', ''),
  run: async (argv) => {
    const { runSandboxDebug } = await import('./sandbox-run.js');
    return runSandboxDebug({
      platform: argv.platform as string,
      command: [...((argv.command as string[] | undefined) ?? []), ...((argv['--'] as string[] | undefined) ?? [])].map(String),
      fullAuto: argv.fullAuto === true,
      sandbox: argv.sandbox as string | undefined,
      backend: argv.backend as string | undefined,
      cd: argv.cd as string | undefined,
      overrides: (argv.config as string[] | undefined) ?? [],
    });
  },
};

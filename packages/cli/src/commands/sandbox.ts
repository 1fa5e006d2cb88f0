// `codex sandbox [-P PROFILE] [OPTIONS] -- CMD...` (Codex 0.169's form) and
// `codex sandbox linux|macos [OPTIONS] -- CMD...` (alias `debug`): runs any command under the
// sandbox policy from config and flags, so people can test it. Without a mode the policy is
// read-only, as in Codex; the exit status is the command's.
import type { CommandDef } from '../command.js';

const PLATFORMS = ['linux', 'landlock', 'macos', 'seatbelt'];

/** Codex 0.169's built-in permission profiles (`-P`) and the sandbox mode each means. */
export const PERMISSION_PROFILES: Record<string, 'read-only' | 'workspace-write' | 'danger-full-access'> = {
  ':read-only': 'read-only',
  ':workspace': 'workspace-write',
  ':danger-full-access': 'danger-full-access',
};

/** The sandbox debug command. */
export const sandboxCommand: CommandDef = {
  command: 'sandbox [platform] [command..]',
  aliases: ['debug'],
  describe: 'Run a command under the Codex sandbox (Landlock/seccomp or bubblewrap on Linux, Seatbelt on macOS)',
  flags: ['-P', '--permissions-profile', '--full-auto', '-s', '--sandbox', '--backend', '-C', '--cd'],
  values: PLATFORMS,
  builder: (y) =>
    y
      .parserConfiguration({ 'populate--': true, 'unknown-options-as-args': true })
      .positional('platform', { type: 'string', describe: 'Optional: linux or macos (default: this machine\'s sandbox)' })
      .positional('command', { type: 'string', array: true, describe: 'The command to run (after --)' })
      .option('permissions-profile', { alias: 'P', type: 'string', requiresArg: true, describe: 'Permission profile: :read-only (default), :workspace, :danger-full-access' })
      .option('full-auto', { type: 'boolean', default: false, describe: 'Workspace-write sandbox: write in the cwd and TMPDIR, no network' })
      .option('sandbox', { alias: 's', choices: ['read-only', 'workspace-write', 'danger-full-access'] as const, describe: 'Sandbox mode (default: config, else read-only)' })
      .option('backend', { choices: ['auto', 'landlock', 'bwrap'] as const, describe: 'Linux backend (config: [sandbox] backend)' })
      .option('cd', { alias: 'C', type: 'string', describe: 'Working directory' })
      .example('codex sandbox -- touch /etc/x', 'read-only: fails with a read-only file system')
      .example('codex sandbox -P :workspace -- bash -c "touch ok; touch /etc/nope"', '')
      .example('codex sandbox linux --full-auto -- make test', ''),
  run: async (argv) => {
    const positional = [argv.platform, ...((argv.command as unknown[] | undefined) ?? [])].filter((v) => v !== undefined).map(String);
    const rest = ((argv['--'] as unknown[] | undefined) ?? []).map(String);
    // `sandbox linux -- CMD` is our debug form; in Codex's form the first word is the command.
    const platform = positional[0] !== undefined && PLATFORMS.includes(positional[0]) ? positional.shift()! : undefined;
    const profile = argv.permissionsProfile as string | undefined;
    if (profile !== undefined && !(profile in PERMISSION_PROFILES)) {
      process.stderr.write(`error: unknown permission profile '${profile}'; choose one of ${Object.keys(PERMISSION_PROFILES).join(', ')}.\n`);
      return 2;
    }
    const { runSandboxDebug } = await import('./sandbox-run.js');
    return runSandboxDebug({
      platform: platform ?? (process.platform === 'darwin' ? 'macos' : 'linux'),
      command: [...positional, ...rest],
      fullAuto: argv.fullAuto === true,
      sandbox: (profile !== undefined ? PERMISSION_PROFILES[profile] : undefined) ?? (argv.sandbox as string | undefined),
      backend: argv.backend as string | undefined,
      cd: argv.cd as string | undefined,
      overrides: (argv.config as string[] | undefined) ?? [],
    });
  },
};

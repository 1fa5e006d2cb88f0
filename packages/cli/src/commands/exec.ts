// `codex exec [PROMPT]` (alias `e`), `codex exec resume [SESSION_ID] [--last] [--all] [PROMPT]`
// and `codex exec fork SESSION_ID [PROMPT]`:
// yargs wiring for Codex's exec flags; the run itself lives in @codex-ts/exec, imported
// lazily. exec's flags are global within the command so they may precede `resume`.
import type { Argv, ArgumentsCamelCase } from 'yargs';
import type { CommandDef } from '../command.js';
import { CODEX_VERSION } from '../version.js';

type Args = ArgumentsCamelCase<Record<string, unknown>>;

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
/**
 * yargs turns a lone `-` positional into `true` (or `''` for a string positional); Codex's
 * `-` means "read the prompt from stdin".
 */
const promptArg = (v: unknown): string | undefined => (v === true || (v === '' && process.argv.slice(2).includes('-')) ? '-' : str(v));
const strs = (v: unknown): string[] | undefined =>
  Array.isArray(v) ? v.map(String) : typeof v === 'string' ? [v] : undefined;

function execOptions(y: Argv): Argv {
  const g = { global: true } as const;
  return y
    .option('image', { ...g, alias: 'i', type: 'string', array: true, requiresArg: true, describe: 'Image(s) to attach to the initial prompt (repeatable or comma-separated)' })
    .option('model', { ...g, alias: 'm', type: 'string', requiresArg: true, describe: 'Model the agent should use' })
    .option('oss', { ...g, type: 'boolean', describe: 'Use the local open-source model provider (Ollama)' })
    .option('sandbox', { ...g, alias: 's', type: 'string', choices: ['read-only', 'workspace-write', 'danger-full-access'], requiresArg: true, describe: 'Sandbox policy for model-generated shell commands' })
    .option('profile', { ...g, alias: 'p', type: 'string', requiresArg: true, describe: 'Configuration profile from config.toml' })
    .option('full-auto', { ...g, type: 'boolean', describe: 'Low-friction sandboxed automatic execution (sandbox workspace-write)' })
    .option('dangerously-bypass-approvals-and-sandbox', { ...g, alias: 'yolo', type: 'boolean', describe: 'Skip all confirmations and run commands without a sandbox. EXTREMELY DANGEROUS' })
    .option('cd', { ...g, alias: 'C', type: 'string', requiresArg: true, describe: 'Working root directory for the agent' })
    .option('add-dir', { ...g, type: 'string', array: true, requiresArg: true, describe: 'Additional writable directories besides the workspace' })
    .option('skip-git-repo-check', { ...g, type: 'boolean', describe: 'Allow running outside a git repository' })
    .option('output-schema', { ...g, type: 'string', requiresArg: true, describe: 'JSON Schema file describing the final response shape' })
    .option('color', { ...g, type: 'string', choices: ['always', 'never', 'auto'], default: 'auto', describe: 'When to use colours in the output' })
    .option('json', { ...g, alias: 'experimental-json', type: 'boolean', describe: 'Print events to stdout as JSONL' })
    .option('output-last-message', { ...g, alias: 'o', type: 'string', requiresArg: true, describe: "File to write the agent's last message to" })
    .option('include-plan-tool', { ...g, type: 'boolean', describe: 'Offer the update_plan tool to the model' })
    .option('ephemeral', { ...g, type: 'boolean', describe: 'Do not record the session on disk (no rollout file)' })
    .option('ignore-user-config', { ...g, type: 'boolean', describe: 'Do not read $CODEX_HOME/config.toml (auth still comes from CODEX_HOME)' })
    .option('ignore-rules', { ...g, type: 'boolean', describe: 'Do not load execpolicy rules from $CODEX_HOME/rules' })
    .option('strict-config', { ...g, type: 'boolean', describe: 'Fail on unknown config keys instead of warning' })
    .option('enable', { ...g, type: 'string', array: true, requiresArg: true, describe: 'Enable a feature flag (-c features.NAME=true), repeatable' })
    .option('disable', { ...g, type: 'string', array: true, requiresArg: true, describe: 'Disable a feature flag (-c features.NAME=false), repeatable' })
    .option('thread-source', { ...g, type: 'string', requiresArg: true, hidden: true, describe: 'Accepted for @openai/codex-sdk; no effect' })
    .option('cyber-access-program', { ...g, type: 'string', requiresArg: true, hidden: true, describe: 'Accepted for @openai/codex-sdk; no effect' })
    // One value per occurrence, so `-c k=v resume ID` and `-i a.png PROMPT` keep their positionals.
    .nargs('config', 1)
    .nargs('image', 1)
    .nargs('add-dir', 1)
    .nargs('enable', 1)
    .nargs('disable', 1)
    .conflicts('full-auto', 'dangerously-bypass-approvals-and-sandbox');
}

async function runWith(argv: Args, resume?: { sessionId?: string; last?: boolean; all?: boolean }, fork?: { sessionId: string }): Promise<never> {
  const { runExec } = await import('@codex-ts/exec');
  const code = await runExec(
    {
      prompt: promptArg(argv.PROMPT),
      images: strs(argv.image)?.flatMap((s) => s.split(',')).filter((s) => s !== ''),
      model: str(argv.model),
      oss: argv.oss === true,
      sandbox: str(argv.sandbox) as 'read-only' | 'workspace-write' | 'danger-full-access' | undefined,
      profile: str(argv.profile),
      fullAuto: argv.fullAuto === true,
      dangerouslyBypassApprovalsAndSandbox: argv.dangerouslyBypassApprovalsAndSandbox === true,
      cd: str(argv.cd),
      addDir: strs(argv.addDir),
      skipGitRepoCheck: argv.skipGitRepoCheck === true,
      outputSchema: str(argv.outputSchema),
      color: (str(argv.color) ?? 'auto') as 'always' | 'never' | 'auto',
      json: argv.json === true,
      outputLastMessage: str(argv.outputLastMessage),
      config: strs(argv.config),
      includePlanTool: argv.includePlanTool === true,
      ephemeral: argv.ephemeral === true,
      ignoreUserConfig: argv.ignoreUserConfig === true,
      ignoreRules: argv.ignoreRules === true,
      strictConfig: argv.strictConfig === true,
      enable: strs(argv.enable),
      disable: strs(argv.disable),
      threadSource: str(argv.threadSource),
      cyberAccessProgram: str(argv.cyberAccessProgram),
      ...(resume ? { resume } : {}),
      ...(fork ? { fork } : {}),
    },
    { handleSigint: true, version: CODEX_VERSION },
  );
  // The engine may hold sockets or timers; exec ends the process like Codex does.
  await new Promise<void>((res) => process.stdout.write('', () => res()));
  await new Promise<void>((res) => process.stderr.write('', () => res()));
  process.exit(code);
}

/** `codex exec`. */
export const execCommand: CommandDef = {
  command: 'exec [PROMPT]',
  aliases: ['e'],
  describe: 'Run Codex non-interactively',
  flags: [
    '-i', '--image', '-m', '--model', '--oss', '-s', '--sandbox', '-p', '--profile', '--full-auto',
    '--dangerously-bypass-approvals-and-sandbox', '--yolo', '-C', '--cd', '--add-dir', '--skip-git-repo-check',
    '--output-schema', '--color', '--json', '--experimental-json', '-o', '--output-last-message', '--include-plan-tool',
    '--ephemeral', '--ignore-user-config', '--ignore-rules', '--strict-config', '--enable', '--disable',
  ],
  values: ['resume', 'fork'],
  builder: (y) =>
    execOptions(y)
      .positional('PROMPT', { type: 'string', describe: "Initial instructions for the agent; '-' or absent reads stdin" })
      .command(
        'resume [SESSION_ID] [PROMPT]',
        'Resume a previous session by id, or the most recent with --last',
        (r) =>
          r
            .positional('SESSION_ID', { type: 'string', describe: 'Session id (uuid) to resume' })
            .positional('PROMPT', { type: 'string', describe: "Prompt to send after resuming; '-' or absent reads stdin" })
            .option('last', { type: 'boolean', describe: 'Resume the most recent session started in this directory' })
            .option('all', { type: 'boolean', describe: 'With --last: consider sessions of every directory' }),
        async (a) => {
          if (a.SESSION_ID === undefined && a.last !== true) {
            // A usage error (exit 2), reported here because the front door rethrows check() failures.
            process.stderr.write("error: exec resume needs a SESSION_ID or --last\n\nRun 'codex exec resume --help' for usage.\n");
            process.exit(2);
          }
          if (promptArg(a.PROMPT) === '-' || promptArg(a.SESSION_ID) === '-') (a as Args).PROMPT = '-';
          if (promptArg(a.SESSION_ID) === '-') delete (a as Args).SESSION_ID;
          await runWith(a as Args, { ...(str(a.SESSION_ID) !== undefined ? { sessionId: str(a.SESSION_ID) } : {}), last: a.last === true, all: a.all === true });
        },
      )
      .command(
        'fork <SESSION_ID> [PROMPT]',
        'Fork a previous session by id into a new session',
        (r) =>
          r
            .positional('SESSION_ID', { type: 'string', describe: 'Session id (uuid) to fork' })
            .positional('PROMPT', { type: 'string', describe: "Prompt to send after forking; '-' or absent reads stdin" }),
        async (a) => {
          await runWith(a as Args, undefined, { sessionId: String(a.SESSION_ID) });
        },
      )
      .example("codex exec 'explain this repo'", '')
      .example('echo "fix the failing test" | codex exec --full-auto -', '')
      .example('codex exec --json -o last.txt "summarise README.md"', '')
      .example('codex exec resume --last "now add tests"', ''),
  run: async (argv) => runWith(argv),
};

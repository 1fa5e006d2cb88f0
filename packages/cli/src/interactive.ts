// `codex [OPTIONS] [PROMPT]`: the interactive TUI, as Codex 0.169 starts it. The flags are
// parsed here (strictly, each unknown one named once) and handed to @codex-ts/tui, which is
// imported only now so the other subcommands never load it. Without a terminal on both stdin
// and stdout there is nothing to draw on: that is an error pointing at `codex exec`.
import yargs from 'yargs';
import type { Argv } from 'yargs';
import type { TuiOptions } from '@codex-ts/tui';
import { interactiveUnavailable, unknownArgumentsMessage } from './front-door.js';
import { CODEX_VERSION } from './version.js';

const SANDBOX_MODES = ['read-only', 'workspace-write', 'danger-full-access'] as const;
const APPROVAL_POLICIES = ['untrusted', 'on-failure', 'on-request', 'never'] as const;

/** The parsed TUI flags. */
export interface InteractiveArgs {
  PROMPT?: string[];
  model?: string;
  profile?: string;
  sandbox?: (typeof SANDBOX_MODES)[number];
  'ask-for-approval'?: (typeof APPROVAL_POLICIES)[number];
  'full-auto'?: boolean;
  'dangerously-bypass-approvals-and-sandbox'?: boolean;
  cd?: string;
  'add-dir'?: string[];
  oss?: boolean;
  config?: string[];
  'alt-screen'?: boolean;
  image?: string[];
}

/** The TUI's flags (shared by `codex [PROMPT]`, `codex resume` and `codex fork`); `-c` is added by the caller. */
export function addTuiFlags(y: Argv): Argv {
  return y
    .option('model', { alias: 'm', type: 'string', requiresArg: true, describe: 'Model the agent should use' })
    .option('profile', { alias: 'p', type: 'string', requiresArg: true, describe: 'Configuration profile from config.toml' })
    .option('sandbox', { alias: 's', choices: SANDBOX_MODES, describe: 'Sandbox policy for model-generated commands' })
    .option('ask-for-approval', { alias: 'a', choices: APPROVAL_POLICIES, describe: 'When the model asks for approval' })
    .option('full-auto', { type: 'boolean', describe: 'workspace-write sandbox, approvals on request' })
    .option('dangerously-bypass-approvals-and-sandbox', { alias: 'yolo', type: 'boolean', describe: 'No sandbox and no approvals (externally sandboxed environments only)' })
    .option('cd', { alias: 'C', type: 'string', requiresArg: true, describe: 'Working directory of the agent' })
    .option('add-dir', { type: 'string', array: true, requiresArg: true, describe: 'Another writable directory' })
    .nargs('add-dir', 1)
    .option('oss', { type: 'boolean', describe: 'Use the local open-source provider' })
    .option('alt-screen', { type: 'boolean', describe: 'Full screen (--no-alt-screen: inline)' })
    .conflicts('full-auto', 'dangerously-bypass-approvals-and-sandbox');
}

/** Parse the interactive invocation's flags; exits 2 on a usage error, as the subcommands do. */
export function parseInteractive(args: string[]): InteractiveArgs {
  const parsed = addTuiFlags(
    yargs(args)
      .scriptName('codex')
      .command('$0 [PROMPT..]', 'Start the interactive UI, optionally with a first prompt')
      .positional('PROMPT', { type: 'string', array: true }),
  )
    .option('config', { alias: 'c', type: 'string', array: true, requiresArg: true })
    .nargs('config', 1)
    .option('image', { alias: 'i', type: 'string', array: true, requiresArg: true })
    .nargs('image', 1)
    .strict()
    .help(false)
    .version(false)
    .fail((msg, err) => {
      if (err) throw err;
      process.stderr.write(`error: ${unknownArgumentsMessage(msg, args)}\n\nRun 'codex --help' for usage.\n`);
      process.exit(2);
    })
    .parseSync();
  return parsed as unknown as InteractiveArgs;
}

/** The TuiOptions the parsed flags ask for (the prompt and session choice are the caller's). */
export function tuiOptionsFrom(a: InteractiveArgs): TuiOptions {
  return {
    ...(a.model !== undefined ? { model: a.model } : {}),
    ...(a.profile !== undefined ? { profile: a.profile } : {}),
    ...(a.sandbox !== undefined ? { sandbox: a.sandbox } : {}),
    ...(a['ask-for-approval'] !== undefined ? { approvalPolicy: a['ask-for-approval'] } : {}),
    ...(a['full-auto'] ? { fullAuto: true } : {}),
    ...(a['dangerously-bypass-approvals-and-sandbox'] ? { dangerouslyBypassApprovalsAndSandbox: true } : {}),
    ...(a.cd !== undefined ? { cd: a.cd } : {}),
    ...(a['add-dir']?.length ? { addDir: a['add-dir'] } : {}),
    ...(a.oss ? { oss: true } : {}),
    config: (a.config ?? []).map(String),
    ...(a['alt-screen'] !== undefined ? { altScreen: a['alt-screen'] } : {}),
  };
}

/** Run the TUI for `codex [OPTIONS] [PROMPT]`; resolves to the exit code. */
export async function runInteractive(args: string[]): Promise<number> {
  const a = parseInteractive(args);
  if (!process.stdin.isTTY || !process.stdout.isTTY) {
    process.stderr.write(`Error: the interactive UI needs a terminal on stdin and stdout.\n${interactiveUnavailable(args)}`);
    return 1;
  }
  const { runTui } = await import('@codex-ts/tui');
  const prompt = (a.PROMPT ?? []).join(' ');
  return runTui(
    {
      ...(prompt !== '' ? { prompt } : {}),
      ...tuiOptionsFrom(a),
      // `-i a.png,b.png` or `-i a.png -i b.png`, as Codex.
      ...(a.image?.length ? { images: a.image.flatMap((s) => s.split(',')).filter((s) => s !== '') } : {}),
    },
    { version: CODEX_VERSION },
  );
}

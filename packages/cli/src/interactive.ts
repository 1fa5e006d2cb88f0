// `codex [OPTIONS] [PROMPT]`: the interactive TUI, as Codex 0.169 starts it. The flags are
// parsed here (strictly, each unknown one named once) and handed to @codex-ts/tui, which is
// imported only now so the other subcommands never load it. Without a terminal on both stdin
// and stdout there is nothing to draw on: that is an error pointing at `codex exec`.
import yargs from 'yargs';
import { interactiveUnavailable, unknownArgumentsMessage } from './front-door.js';
import { CODEX_VERSION } from './version.js';

const SANDBOX_MODES = ['read-only', 'workspace-write', 'danger-full-access'] as const;
const APPROVAL_POLICIES = ['untrusted', 'on-failure', 'on-request', 'never'] as const;

interface InteractiveArgs {
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

/** Parse the interactive invocation's flags; exits 2 on a usage error, as the subcommands do. */
export function parseInteractive(args: string[]): InteractiveArgs {
  const parsed = yargs(args)
    .scriptName('codex')
    .command('$0 [PROMPT..]', 'Start the interactive UI, optionally with a first prompt')
    .positional('PROMPT', { type: 'string', array: true })
    .option('model', { alias: 'm', type: 'string', requiresArg: true })
    .option('profile', { alias: 'p', type: 'string', requiresArg: true })
    .option('sandbox', { alias: 's', choices: SANDBOX_MODES })
    .option('ask-for-approval', { alias: 'a', choices: APPROVAL_POLICIES })
    .option('full-auto', { type: 'boolean' })
    .option('dangerously-bypass-approvals-and-sandbox', { alias: 'yolo', type: 'boolean' })
    .option('cd', { alias: 'C', type: 'string', requiresArg: true })
    .option('add-dir', { type: 'string', array: true, requiresArg: true })
    .nargs('add-dir', 1)
    .option('oss', { type: 'boolean' })
    .option('config', { alias: 'c', type: 'string', array: true, requiresArg: true })
    .nargs('config', 1)
    .option('alt-screen', { type: 'boolean' })
    .option('image', { alias: 'i', type: 'string', array: true, requiresArg: true })
    .nargs('image', 1)
    .conflicts('full-auto', 'dangerously-bypass-approvals-and-sandbox')
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
      ...(a.model !== undefined ? { model: a.model } : {}),
      ...(a.profile !== undefined ? { profile: a.profile } : {}),
      ...(a.sandbox !== undefined ? { sandbox: a.sandbox } : {}),
      ...(a['ask-for-approval'] !== undefined ? { approvalPolicy: a['ask-for-approval'] } : {}),
      ...(a['full-auto'] ? { fullAuto: true } : {}),
      ...(a['dangerously-bypass-approvals-and-sandbox'] ? { dangerouslyBypassApprovalsAndSandbox: true } : {}),
      ...(a.cd !== undefined ? { cd: a.cd } : {}),
      ...(a['add-dir']?.length ? { addDir: a['add-dir'] } : {}),
      ...(a.oss ? { oss: true } : {}),
      config: a.config ?? [],
      ...(a['alt-screen'] !== undefined ? { altScreen: a['alt-screen'] } : {}),
      // `-i a.png,b.png` or `-i a.png -i b.png`, as Codex.
      ...(a.image?.length ? { images: a.image.flatMap((s) => s.split(',')).filter((s) => s !== '') } : {}),
    },
    { version: CODEX_VERSION },
  );
}

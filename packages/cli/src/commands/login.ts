// `codex login [status] [--with-api-key | --with-access-token | --device-auth]` and
// `codex logout`: yargs wiring only; the work lives in ./login-run.ts, imported on use.
import type { CommandDef } from '../command.js';

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** `codex login`. */
export const loginCommand: CommandDef = {
  command: 'login [action]',
  describe: 'Sign in with ChatGPT (browser or --device-auth), an API key or an access token; `login status` shows how you are signed in',
  flags: ['--with-api-key', '--with-access-token', '--device-auth'],
  values: ['status'],
  builder: (y) =>
    y
      .positional('action', { choices: ['status'] as const, describe: '`status`: print how you are logged in' })
      .option('with-api-key', { type: 'boolean', describe: 'Read an API key from stdin (e.g. `printenv OPENAI_API_KEY | codex login --with-api-key`)' })
      .option('with-access-token', { type: 'boolean', describe: 'Read a ChatGPT workspace access token from stdin' })
      .option('device-auth', { type: 'boolean', describe: 'Sign in with a device code (for SSH sessions and containers)' })
      .option('api-key', { type: 'string', hidden: true })
      .option('experimental_issuer', { type: 'string', hidden: true, requiresArg: true })
      .option('experimental_client-id', { type: 'string', hidden: true, requiresArg: true })
      .conflicts('with-api-key', ['with-access-token', 'device-auth'])
      .conflicts('with-access-token', 'device-auth')
      .example('codex login', 'Sign in with ChatGPT in a browser')
      .example('codex login --device-auth', 'Sign in with ChatGPT from a machine without a browser')
      .example('printenv OPENAI_API_KEY | codex login --with-api-key', 'Use an API key'),
  run: async (argv) => {
    const { runLogin } = await import('./login-run.js');
    const issuer = str(argv['experimental_issuer']);
    const clientId = str(argv['experimental_client-id']);
    return runLogin({
      action: argv.action === 'status' ? 'status' : argv.withApiKey === true ? 'api-key' : argv.withAccessToken === true ? 'access-token' : argv.deviceAuth === true ? 'device' : 'browser',
      overrides: (argv.config as string[] | undefined) ?? [],
      ...(str(argv.apiKey) !== undefined ? { deprecatedApiKey: true } : {}),
      ...(issuer !== undefined ? { issuer } : {}),
      ...(clientId !== undefined ? { clientId } : {}),
    });
  },
};

/** `codex logout`. */
export const logoutCommand: CommandDef = {
  command: 'logout',
  describe: 'Remove stored authentication credentials (auth.json and the OS keyring entry)',
  flags: [],
  builder: (y) => y,
  run: async (argv) => {
    const { runLogout } = await import('./login-run.js');
    return runLogout((argv.config as string[] | undefined) ?? []);
  },
};

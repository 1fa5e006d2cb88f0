// `codex login [--with-api-key] [status]` and `codex logout`: manage $CODEX_HOME/auth.json
// (API-key login; ChatGPT sign-in is not supported yet, and the command says so).
import type { CommandDef } from '../command.js';

async function codexHome(): Promise<string> {
  const { findCodexHome } = await import('@codex-ts/core');
  return findCodexHome();
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function mask(key: string): string {
  return key.length <= 13 ? '***' : `${key.slice(0, 8)}***${key.slice(-5)}`;
}

/** `codex login`. */
export const loginCommand: CommandDef = {
  command: 'login [action]',
  describe: 'Log in with an API key read from stdin (--with-api-key), or show the login status',
  flags: ['--with-api-key'],
  values: ['status'],
  builder: (y) =>
    y
      .positional('action', { choices: ['status'] as const, describe: '`status`: print how you are logged in' })
      .option('with-api-key', { type: 'boolean', default: false, describe: 'Read an API key from stdin and store it in auth.json' })
      .example('printenv OPENAI_API_KEY | codex login --with-api-key', ''),
  run: async (argv) => {
    const login = await import('@codex-ts/login');
    try {
      const home = await codexHome();
      if (argv.action === 'status') {
        const auth = await login.resolveAuth({ codexHome: home, allowCodexApiKeyEnv: false, env: {} });
        if (!auth) {
          process.stderr.write('Not logged in\n');
          return 1;
        }
        process.stderr.write(auth.mode === 'api_key' ? `Logged in using an API key - ${mask(auth.token)}\n` : 'Logged in using ChatGPT\n');
        return 0;
      }
      if (argv.withApiKey !== true) {
        process.stderr.write('Signing in with ChatGPT is not supported by codex-ts yet. Use an API key instead:\n  printenv OPENAI_API_KEY | codex login --with-api-key\n');
        return 1;
      }
      if (process.stdin.isTTY) process.stderr.write('Reading API key from stdin...\n');
      await login.loginWithApiKey(home, await readStdin());
      process.stderr.write('Successfully logged in\n');
      return 0;
    } catch (err: unknown) {
      process.stderr.write(`Error: ${(err as Error).message}\n`);
      return 1;
    }
  },
};

/** `codex logout`. */
export const logoutCommand: CommandDef = {
  command: 'logout',
  describe: 'Remove stored authentication credentials (auth.json)',
  flags: [],
  builder: (y) => y,
  run: async () => {
    const login = await import('@codex-ts/login');
    try {
      const removed = await login.logout(await codexHome());
      process.stderr.write(removed ? 'Successfully logged out\n' : 'Not logged in\n');
      return 0;
    } catch (err: unknown) {
      process.stderr.write(`Error: ${(err as Error).message}\n`);
      return 1;
    }
  },
};

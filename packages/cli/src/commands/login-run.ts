// What `codex login` and `codex logout` do, with Codex 0.169's messages on stderr and its
// exit codes (status: 0 signed in, 1 not). Config (`cli_auth_credentials_store`,
// `forced_login_method`, -c overrides) comes from core's loader; the flows from @codex-ts/login.
import type { AuthStoreOptions, CredentialsStoreMode, LoginRestrictions } from '@codex-ts/login';
import { termLine, termSafe } from '@codex-ts/protocol/term-text';

/** Which sign-in `codex login` runs. */
export type LoginAction = 'status' | 'browser' | 'device' | 'api-key' | 'access-token';

/** Inputs of {@link runLogin}. */
export interface RunLoginOptions {
  action: LoginAction;
  overrides: string[];
  deprecatedApiKey?: boolean;
  issuer?: string;
  clientId?: string;
  env?: NodeJS.ProcessEnv;
}

interface LoginContext {
  codexHome: string;
  storeMode: CredentialsStoreMode;
  forced?: 'chatgpt' | 'api';
  workspaces?: string[];
  restrictions: LoginRestrictions;
  chatgptBaseUrl?: string;
}

/** One line to stderr; error messages can quote what a login server sent, so no escape sequence passes. */
const say = (line: string): void => void process.stderr.write(`${termSafe(line)}\n`);

async function context(overrides: string[]): Promise<LoginContext | number> {
  const { loadConfig } = await import('@codex-ts/core');
  const { parseStoreMode, restrictionsFromConfig } = await import('@codex-ts/login');
  try {
    const config = loadConfig({ overrides });
    const restrictions = restrictionsFromConfig(config.toml);
    const chatgptBaseUrl = config.toml['chatgpt_base_url'];
    return {
      codexHome: config.codex_home,
      storeMode: parseStoreMode(config.toml['cli_auth_credentials_store']),
      restrictions,
      ...(restrictions.forcedLoginMethod ? { forced: restrictions.forcedLoginMethod } : {}),
      ...(restrictions.forcedWorkspaceIds ? { workspaces: restrictions.forcedWorkspaceIds } : {}),
      ...(typeof chatgptBaseUrl === 'string' && chatgptBaseUrl.trim() !== '' ? { chatgptBaseUrl: chatgptBaseUrl.trim() } : {}),
    };
  } catch (err: unknown) {
    say(`Error loading configuration: ${(err as Error).message}`);
    return 1;
  }
}

async function readStdin(what: string, flag: string, example: string): Promise<string | number> {
  if (process.stdin.isTTY) {
    say(`${flag} expects the ${what} on stdin. Try piping it, e.g. \`${example}\`.`);
    return 1;
  }
  say(`Reading ${what} from stdin...`);
  const chunks: Buffer[] = [];
  try {
    for await (const c of process.stdin) chunks.push(c as Buffer);
  } catch (err: unknown) {
    say(`Failed to read ${what} from stdin: ${(err as Error).message}`);
    return 1;
  }
  const value = Buffer.concat(chunks).toString('utf8').trim();
  if (value === '') {
    say(`No ${what} provided via stdin.`);
    return 1;
  }
  return value;
}

/** `sk-proj-***ABCDE`, or `***` for short keys (as Codex). */
export function maskKey(key: string): string {
  return key.length <= 13 ? '***' : `${key.slice(0, 8)}***${key.slice(-5)}`;
}

async function status(ctx: LoginContext, env: NodeJS.ProcessEnv): Promise<number> {
  const login = await import('@codex-ts/login');
  try {
    // Codex's status reads the store and CODEX_ACCESS_TOKEN (not CODEX_API_KEY), under the restrictions.
    const found = await new login.AuthManager({
      codexHome: ctx.codexHome,
      env,
      allowCodexApiKeyEnv: false,
      allowOpenAiApiKeyEnv: false,
      storeMode: ctx.storeMode,
      restrictions: ctx.restrictions,
      originator: 'codex_cli_rs',
    }).identify();
    if (!found) {
      say('Not logged in');
      return 1;
    }
    switch (found.kind) {
      case 'apikey':
        say(`API key configured - ${maskKey(found.apiKey ?? '')}`);
        say('Authentication is checked when you send a request.');
        return 0;
      case 'chatgpt':
        say('Logged in using ChatGPT');
        return 0;
      case 'personalAccessToken':
        say('Logged in using personal access token');
        return 0;
      case 'agentIdentity':
        say('Logged in using access token');
        return 0;
    }
  } catch (err: unknown) {
    say(`Error checking login status: ${(err as Error).message}`);
    return 1;
  }
}

function printDeviceCode(url: string, code: string): void {
  const tty = process.stdout.isTTY === true;
  const blue = (s: string): string => (tty ? `\x1b[94m${s}\x1b[0m` : s);
  const gray = (s: string): string => (tty ? `\x1b[90m${s}\x1b[0m` : s);
  process.stdout.write(
    `\nSign in to Codex with ChatGPT using a device code:\n\n` +
      `1. Open this link in a browser and sign in:\n   ${blue(termLine(url))}\n\n` +
      `2. Enter this one-time code ${gray('(valid for 15 minutes)')}:\n   ${blue(termLine(code))}\n\n` +
      `${gray('Never share this code: anyone with it can sign in as you.')}\n`,
  );
}

/** Runs `codex login …`; resolves the exit code. */
export async function runLogin(opts: RunLoginOptions): Promise<number> {
  if (opts.deprecatedApiKey) {
    say('The --api-key flag is no longer supported. Pipe the key instead, e.g. `printenv OPENAI_API_KEY | codex login --with-api-key`.');
    return 1;
  }
  const ctx = await context(opts.overrides);
  if (typeof ctx === 'number') return ctx;
  const env = opts.env ?? process.env;
  if (opts.action === 'status') return status(ctx, env);
  const login = await import('@codex-ts/login');
  const store: Omit<AuthStoreOptions, 'codexHome'> = { mode: ctx.storeMode, onNotice: say };
  const chatgpt = opts.action === 'browser' || opts.action === 'device' || opts.action === 'access-token';
  if (chatgpt && ctx.forced === 'api') {
    say(opts.action === 'access-token' ? 'Access token login is disabled. Use API key login instead.' : 'ChatGPT login is disabled. Use API key login instead.');
    return 1;
  }
  if (!chatgpt && ctx.forced === 'chatgpt') {
    say('API key login is disabled. Use ChatGPT login instead.');
    return 1;
  }
  const issuer = login.issuerSettings(env, { ...(opts.issuer ? { issuer: opts.issuer } : {}), ...(opts.clientId ? { clientId: opts.clientId } : {}) });
  try {
    switch (opts.action) {
      case 'api-key': {
        const key = await readStdin('API key', '--with-api-key', 'printenv OPENAI_API_KEY | codex login --with-api-key');
        if (typeof key === 'number') return key;
        await login.loginWithApiKey(ctx.codexHome, key, store);
        say('API key saved. Authentication is checked when you send a request.');
        return 0;
      }
      case 'access-token': {
        const token = await readStdin('access token', '--with-access-token', 'printenv CODEX_ACCESS_TOKEN | codex login --with-access-token');
        if (typeof token === 'number') return token;
        try {
          await login.loginWithAccessToken(ctx.codexHome, token, {
            store,
            env,
            originator: 'codex_cli_rs',
            ...(ctx.workspaces ? { forcedWorkspaceIds: ctx.workspaces } : {}),
            ...(ctx.chatgptBaseUrl ? { chatgptBaseUrl: ctx.chatgptBaseUrl } : {}),
          });
        } catch (err: unknown) {
          say(`Error logging in with access token: ${(err as Error).message}`);
          return 1;
        }
        break;
      }
      case 'device': {
        try {
          await login.runDeviceCodeLogin({
            codexHome: ctx.codexHome,
            store: login.createAuthStore({ codexHome: ctx.codexHome, ...store }),
            issuer: issuer.issuer,
            clientId: issuer.clientId,
            revokeUrl: issuer.revokeUrl,
            ...(ctx.workspaces ? { forcedWorkspaceIds: ctx.workspaces } : {}),
            onCode: (c) => printDeviceCode(c.verificationUrl, c.userCode),
          });
        } catch (err: unknown) {
          say(`Error logging in with device code: ${(err as Error).message}`);
          return 1;
        }
        break;
      }
      case 'browser': {
        const portText = env[login.LOGIN_PORT_ENV]?.trim();
        const port = portText ? Number(portText) : login.DEFAULT_LOGIN_PORT;
        if (!Number.isInteger(port) || port < 0 || port > 65535) {
          say(`Error logging in: ${login.LOGIN_PORT_ENV} must be a port number (0-65535), got ${JSON.stringify(portText)}`);
          return 1;
        }
        const server = await login.startLoginServer({
          codexHome: ctx.codexHome,
          store: login.createAuthStore({ codexHome: ctx.codexHome, ...store }),
          issuer: issuer.issuer,
          clientId: issuer.clientId,
          revokeUrl: issuer.revokeUrl,
          port,
          originator: env['CODEX_INTERNAL_ORIGINATOR_OVERRIDE']?.trim() || 'codex_cli_rs',
          ...(ctx.workspaces ? { forcedWorkspaceIds: ctx.workspaces } : {}),
        });
        const stop = (): void => server.cancel();
        process.once('SIGINT', stop);
        login.openBrowser(server.authUrl, env);
        say(
          `Starting local login server on http://localhost:${server.port}.\nIf your browser did not open, navigate to this URL to authenticate:\n\n${server.authUrl}`,
        );
        try {
          await server.done;
        } finally {
          process.off('SIGINT', stop);
        }
        break;
      }
    }
  } catch (err: unknown) {
    say(`Error logging in: ${(err as Error).message}`);
    return 1;
  }
  say('Successfully logged in');
  return 0;
}

/** Runs `codex logout` (revoking a ChatGPT sign-in at the issuer first, best effort); resolves the exit code. */
export async function runLogout(overrides: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const ctx = await context(overrides);
  if (typeof ctx === 'number') return ctx;
  const login = await import('@codex-ts/login');
  const issuer = login.issuerSettings(env);
  try {
    const removed = await login.logout(ctx.codexHome, { mode: ctx.storeMode }, { revokeUrl: issuer.revokeUrl, clientId: issuer.clientId });
    say(removed ? 'Successfully logged out' : 'Not logged in');
    return 0;
  } catch (err: unknown) {
    say(`Error logging out: ${(err as Error).message}`);
    return 1;
  }
}

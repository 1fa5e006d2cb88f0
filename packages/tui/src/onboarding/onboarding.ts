// First-run onboarding, before the first session starts: the sign-in step (when no
// credentials exist), then the trust step (a git repository config.toml says nothing
// about). Each is an overlay in the normal app; a configured machine sees neither and the
// checks cost a few lookups (see steps.ts).
import type { App } from '../app/app.js';
import type { TuiOptions } from '../options.js';
import { SignInScreen, type SignInMethod } from './sign-in-screen.js';
import type { Key } from '../term/keys.js';
import { onboardingNeeds } from './steps.js';
import { setProjectTrusted } from './trust-config.js';
import { TrustScreen, type TrustChoice } from './trust-screen.js';

type Core = typeof import('@codex-ts/core');
type Config = import('@codex-ts/core').Config;

export interface OnboardingResult {
  /** Ctrl+C: quit without starting a session. */
  quit: boolean;
  /** The trust step's answer, when it was shown. */
  trust?: TrustChoice;
  signedIn?: SignInMethod;
}

interface Ctx {
  app: App;
  core: Core;
  config: Config;
  options: TuiOptions;
  env: NodeJS.ProcessEnv;
  log: { info(o: object, m?: string): void };
}

/**
 * Keys typed while the sign-in was being saved go on to whatever has the keys next (the trust
 * step, opened once the sign-in's promise settles, or the composer).
 */
function handOn(app: App): (keys: Key[]) => void {
  return (keys) =>
    setImmediate(() => {
      for (const k of keys) app.onKey(k);
    });
}

function signIn(ctx: Ctx): Promise<SignInMethod | 'quit'> {
  const { app, config, env } = ctx;
  const storeMode = async () => {
    const login = await import('@codex-ts/login');
    return { login, mode: login.parseStoreMode(config.toml['cli_auth_credentials_store']) };
  };
  // `forced_login_method` (Codex): "chatgpt" offers only the ChatGPT sign-ins, "api" only the key.
  const forced = config.toml['forced_login_method'];
  const methods: SignInMethod[] | undefined = forced === 'chatgpt' ? ['chatgpt', 'device'] : forced === 'api' ? ['apikey'] : undefined;
  return new Promise((res) => {
    const screen: SignInScreen = new SignInScreen({
      ...(methods ? { methods } : {}),
      actions: {
        saveApiKey: async (key) => {
          const { login, mode } = await storeMode();
          await login.loginWithApiKey(config.codex_home, key, { mode });
        },
        startChatGpt: async () => {
          const { login, mode } = await storeMode();
          // The same settings `codex login` uses (issuer, client id and port can be overridden by env).
          const issuer = login.issuerSettings(env);
          const portText = env[login.LOGIN_PORT_ENV]?.trim();
          const port = portText ? Number(portText) : login.DEFAULT_LOGIN_PORT;
          if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`${login.LOGIN_PORT_ENV} must be a port number (0-65535), got ${JSON.stringify(portText)}`);
          const server = await login.startLoginServer({
            codexHome: config.codex_home,
            store: login.createAuthStore({ codexHome: config.codex_home, mode }),
            issuer: issuer.issuer,
            clientId: issuer.clientId,
            revokeUrl: issuer.revokeUrl,
            port,
            originator: env['CODEX_INTERNAL_ORIGINATOR_OVERRIDE']?.trim() || 'codex_cli_rs',
          });
          login.openBrowser(server.authUrl, env);
          return server;
        },
        startDeviceCode: (onCode) => {
          const abort = new AbortController();
          const done = (async () => {
            const { login, mode } = await storeMode();
            const issuer = login.issuerSettings(env);
            const workspaces = login.parseForcedWorkspaceIds(config.toml['forced_chatgpt_workspace_id']);
            await login.runDeviceCodeLogin({
              codexHome: config.codex_home,
              store: login.createAuthStore({ codexHome: config.codex_home, mode }),
              issuer: issuer.issuer,
              clientId: issuer.clientId,
              revokeUrl: issuer.revokeUrl,
              signal: abort.signal,
              ...(workspaces ? { forcedWorkspaceIds: workspaces } : {}),
              onCode,
            });
          })();
          return { done, cancel: () => abort.abort() };
        },
      },
      onDone: (m) => res(m),
      onAbort: () => res('quit'),
      redraw: () => app.onResize(),
      close: () => app.closeOverlay(screen),
      handOn: handOn(app),
    });
    app.openOverlay(screen);
  });
}

function trust(ctx: Ctx, dir: string): Promise<TrustChoice | 'quit'> {
  return new Promise((res) => {
    const screen: TrustScreen = new TrustScreen({
      dir,
      save: () => setProjectTrusted(ctx.config.codex_home, dir),
      onDone: (c) => res(c),
      onAbort: () => res('quit'),
      handOn: (keys) => {
        // After the config was reloaded for the answer (see TrustScreen.handOn), in order.
        ctx.app.closeOverlay(screen);
        for (const k of keys) ctx.app.onKey(k);
      },
    });
    ctx.app.openOverlay(screen);
  });
}

/** Run the steps this machine and directory need; resolves once they are answered. */
export async function runOnboarding(ctx: Ctx): Promise<OnboardingResult> {
  const needs = await onboardingNeeds(ctx.core, ctx.config, ctx.options, ctx.env);
  const result: OnboardingResult = { quit: false };
  if (needs.signIn) {
    const r = await signIn(ctx);
    if (r === 'quit') return { quit: true };
    result.signedIn = r;
    ctx.log.info({ method: r }, 'signed in during onboarding');
  }
  if (needs.trustTarget !== undefined) {
    const r = await trust(ctx, needs.trustTarget);
    if (r === 'quit') return { ...result, quit: true };
    result.trust = r;
    ctx.log.info({ dir: needs.trustTarget, choice: r }, 'trust decision');
  }
  return result;
}

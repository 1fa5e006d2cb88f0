// The account line of `/status` and the `/logout` action, over @codex-ts/login (loaded
// only when one of them runs).
export interface AccountOptions {
  codexHome: string;
  /** `cli_auth_credentials_store` from the config (file | keyring | auto). */
  store: unknown;
  env: NodeJS.ProcessEnv;
}

function mask(key: string): string {
  return key.length <= 13 ? '***' : `${key.slice(0, 8)}***${key.slice(-5)}`;
}

/** How this session signs in, as one line. */
export async function describeAccount(o: AccountOptions): Promise<string> {
  try {
    const login = await import('@codex-ts/login');
    const stored = await login.createAuthStore({ codexHome: o.codexHome, mode: login.parseStoreMode(o.store) }).load();
    if (stored) {
      const mode = login.storedMode(stored);
      if (mode === 'apikey' && stored.OPENAI_API_KEY) return `API key ${mask(stored.OPENAI_API_KEY.trim())}`;
      if (mode === 'chatgpt' || mode === 'chatgptAuthTokens') {
        const idToken = (stored.tokens as { id_token?: unknown } | null | undefined)?.id_token;
        const claims = typeof idToken === 'string' ? login.chatgptClaims(idToken) : {};
        const plan = claims.planType ? ` (${claims.planType[0]!.toUpperCase()}${claims.planType.slice(1)})` : '';
        return claims.email ? `${claims.email}${plan}` : `ChatGPT${plan}`;
      }
      if (mode === 'agentIdentity') return 'access token';
    }
  } catch (err: unknown) {
    return `unknown (${(err as Error).message})`;
  }
  const envKey = o.env['OPENAI_API_KEY']?.trim();
  if (envKey) return `API key from OPENAI_API_KEY ${mask(envKey)}`;
  return 'not logged in';
}

/** Remove the stored credentials (revoking a ChatGPT sign-in first, best effort). */
export async function logoutAccount(o: AccountOptions): Promise<'logged-out' | 'not-logged-in'> {
  const login = await import('@codex-ts/login');
  const issuer = login.issuerSettings(o.env);
  const removed = await login.logout(o.codexHome, { mode: login.parseStoreMode(o.store) }, { revokeUrl: issuer.revokeUrl, clientId: issuer.clientId });
  return removed ? 'logged-out' : 'not-logged-in';
}

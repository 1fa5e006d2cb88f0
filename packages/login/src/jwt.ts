// Reading (never verifying) the JWTs the issuer hands out: the payload's `exp` and the
// `https://api.openai.com/auth` claims (ChatGPT account id, plan). Bad input yields undefined.

/** The claims Codex reads from an id or access token. */
export interface ChatgptClaims {
  email?: string;
  accountId?: string;
  planType?: string;
  userId?: string;
  organizationId?: string;
  projectId?: string;
  completedPlatformOnboarding?: boolean;
  isOrgOwner?: boolean;
}

/** The decoded payload of a compact JWT, or undefined when it is not one. */
export function decodeJwtPayload(jwt: string): Record<string, unknown> | undefined {
  const parts = jwt.split('.');
  if (parts.length !== 3 || parts.some((p) => p === '')) return undefined;
  try {
    const json: unknown = JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8'));
    return json !== null && typeof json === 'object' && !Array.isArray(json) ? (json as Record<string, unknown>) : undefined;
  } catch {
    // Not base64url JSON: not a JWT we can read; callers treat that as "no claims".
    return undefined;
  }
}

/** The token's `exp` as ms since epoch, or undefined when absent or unreadable. */
export function jwtExpiresAt(jwt: string): number | undefined {
  const exp = decodeJwtPayload(jwt)?.['exp'];
  return typeof exp === 'number' && Number.isFinite(exp) ? exp * 1000 : undefined;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
const bool = (v: unknown): boolean | undefined => (typeof v === 'boolean' ? v : undefined);

/** The ChatGPT claims of an id token (email at the top level, the rest under the auth claim). */
export function chatgptClaims(jwt: string): ChatgptClaims {
  const payload = decodeJwtPayload(jwt) ?? {};
  const auth = payload['https://api.openai.com/auth'];
  const a = auth !== null && typeof auth === 'object' ? (auth as Record<string, unknown>) : {};
  const out: ChatgptClaims = {};
  const set = <K extends keyof ChatgptClaims>(k: K, v: ChatgptClaims[K] | undefined): void => {
    if (v !== undefined) out[k] = v;
  };
  set('email', str(payload['email']));
  set('accountId', str(a['chatgpt_account_id']));
  set('planType', str(a['chatgpt_plan_type']));
  set('userId', str(a['chatgpt_user_id']) ?? str(a['user_id']));
  set('organizationId', str(a['organization_id']));
  set('projectId', str(a['project_id']));
  set('completedPlatformOnboarding', bool(a['completed_platform_onboarding']));
  set('isOrgOwner', bool(a['is_org_owner']));
  return out;
}

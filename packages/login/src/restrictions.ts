// `forced_login_method` and `forced_chatgpt_workspace_id` as Codex 0.169 enforces them:
// sign-ins of the wrong kind or for another workspace are refused, and a stored credential
// that violates them is removed at start with Codex's "… Logging out." message.
import { LoginError } from './errors.js';

/** Which login methods config allows. */
export interface LoginRestrictions {
  /** `forced_login_method`: only ChatGPT-backed sign-ins or only API keys. */
  forcedLoginMethod?: 'chatgpt' | 'api';
  /** `forced_chatgpt_workspace_id`: the ChatGPT account ids a sign-in must belong to. */
  forcedWorkspaceIds?: string[];
}

/** `forced_login_method` from config: `chatgpt`, `api` or nothing; anything else is an error naming the key. */
export function parseForcedLoginMethod(value: unknown): 'chatgpt' | 'api' | undefined {
  if (value === undefined || value === null) return undefined;
  if (value === 'chatgpt' || value === 'api') return value;
  throw new LoginError('login_restricted', `forced_login_method must be "chatgpt" or "api", got ${JSON.stringify(value)}`);
}

/** `forced_chatgpt_workspace_id` from config: one id or a list; blanks are ignored, none left means no restriction. */
export function parseForcedWorkspaceIds(value: unknown): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  const list = typeof value === 'string' ? [value] : Array.isArray(value) ? value : undefined;
  if (!list || list.some((v) => typeof v !== 'string')) {
    throw new LoginError('login_restricted', `forced_chatgpt_workspace_id must be a workspace id or a list of them, got ${JSON.stringify(value)}`);
  }
  const ids = (list as string[]).map((v) => v.trim()).filter((v) => v !== '');
  return ids.length > 0 ? ids : undefined;
}

/** Reads both keys from a parsed config.toml table. */
export function restrictionsFromConfig(toml: Record<string, unknown>): LoginRestrictions {
  const method = parseForcedLoginMethod(toml['forced_login_method']);
  const ids = parseForcedWorkspaceIds(toml['forced_chatgpt_workspace_id']);
  return { ...(method ? { forcedLoginMethod: method } : {}), ...(ids ? { forcedWorkspaceIds: ids } : {}) };
}

/** Codex's sign-in refusal for an account outside the allowed workspaces; undefined when allowed. */
export function workspaceViolation(expected: string[] | undefined, actual: string | undefined): string | undefined {
  if (!expected) return undefined;
  if (actual === undefined) return 'Login is restricted to a specific workspace, but the token did not include an chatgpt_account_id claim.';
  return expected.includes(actual) ? undefined : `Login is restricted to workspace id(s) ${expected.join(', ')}.`;
}

/** Throws `login_restricted` with Codex's text when `actual` is not an allowed workspace. */
export function assertWorkspaceAllowed(expected: string[] | undefined, actual: string | undefined): void {
  const message = workspaceViolation(expected, actual);
  if (message) throw new LoginError('login_restricted', message);
}

// `$CODEX_HOME/auth.json` in Codex's shape: read (validated), written atomically (temp file
// in the same directory, mode 0600, then rename) and deleted. Nothing half-written: the JSON
// is validated before the temp file exists. A file the user made read-only (no owner write
// bit) is never replaced behind their back, root or not; a corrupt one is reported, not fixed.
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AuthDotJsonSchema, AuthTokensSchema, type AuthDotJson, type AuthTokens } from '@codex-ts/protocol';
import { LoginError } from './errors.js';

/** ChatGPT OAuth tokens as Codex stores them (the protocol's schema). */
export const TokenDataSchema = AuthTokensSchema;
/** ChatGPT OAuth tokens as Codex stores them. */
export type TokenData = AuthTokens;

export { AuthDotJsonSchema };
export type { AuthDotJson };

/** The path of `auth.json` under a CODEX_HOME. */
export function authFilePath(codexHome: string): string {
  return join(codexHome, 'auth.json');
}

/** Parses auth.json text; `where` names the file (or keyring entry) in errors. */
export function parseAuthJson(text: string, where: string): AuthDotJson {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err: unknown) {
    throw new LoginError(
      'auth_file_invalid',
      `${where} is not valid JSON (${(err as Error).message}). It was left untouched: fix it, or run \`codex logout\` to remove it and sign in again.`,
      { cause: err },
    );
  }
  const parsed = AuthDotJsonSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue && issue.path.length > 0 ? issue.path.join('.') : '(top level)';
    throw new LoginError(
      'auth_file_invalid',
      `${where}: field ${field}: ${issue?.message ?? 'invalid'}. It was left untouched: fix it, or run \`codex logout\` to remove it and sign in again.`,
      { cause: parsed.error },
    );
  }
  return parsed.data;
}

/**
 * Reads and validates `auth.json`. Resolves `undefined` when the file does not exist;
 * rejects with a `LoginError` naming the file when it cannot be read or is not valid.
 */
export async function readAuthJson(codexHome: string): Promise<AuthDotJson | undefined> {
  const file = authFilePath(codexHome);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err: unknown) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new LoginError('auth_file_unreadable', `cannot read ${file}: ${(err as Error).message}`, { cause: err });
  }
  return parseAuthJson(text, file);
}

/** Codex's key order: auth_mode, OPENAI_API_KEY (always present), tokens, last_refresh, agent_identity, then unknown keys. */
export function serializeAuth(auth: AuthDotJson, indent = 2): string {
  const valid = AuthDotJsonSchema.parse(auth);
  const { auth_mode, OPENAI_API_KEY, tokens, last_refresh, agent_identity, ...rest } = valid;
  const out: Record<string, unknown> = {};
  if (auth_mode != null) out['auth_mode'] = auth_mode;
  out['OPENAI_API_KEY'] = OPENAI_API_KEY ?? null;
  if (tokens != null) {
    const { id_token, access_token, refresh_token, account_id, ...more } = tokens;
    out['tokens'] = { id_token, access_token, refresh_token, account_id: account_id ?? null, ...more };
  }
  if (last_refresh != null) out['last_refresh'] = last_refresh;
  if (agent_identity != null) out['agent_identity'] = agent_identity;
  Object.assign(out, rest);
  return JSON.stringify(out, null, indent);
}

const READ_ONLY_ERRNOS = new Set(['EROFS', 'EACCES', 'EPERM']);

function readOnlyError(file: string, detail: string, cause?: unknown): LoginError {
  return new LoginError(
    'auth_file_read_only',
    `cannot write ${file}: ${detail}. Make it writable (e.g. \`chmod 600 ${file}\`) or set CODEX_HOME to a writable directory.`,
    cause === undefined ? undefined : { cause },
  );
}

/**
 * Throws `auth_file_read_only` when `auth.json` exists without its owner-write bit (the
 * user protected it; we do not replace it even as root). Call before spending a refresh token.
 */
export async function assertAuthFileWritable(codexHome: string): Promise<void> {
  const file = authFilePath(codexHome);
  try {
    const st = await stat(file);
    if ((st.mode & 0o200) === 0) throw readOnlyError(file, `the file is read-only (mode ${(st.mode & 0o777).toString(8)})`);
  } catch (err: unknown) {
    if (err instanceof LoginError) throw err;
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw new LoginError('auth_file_unreadable', `cannot check ${file}: ${(err as Error).message}`, { cause: err });
  }
}

/**
 * Writes `auth.json` as pretty JSON with mode 0600: validate, write a temp file next to it,
 * then rename over the old one, so a crash never leaves a partial file. Creates CODEX_HOME.
 */
export async function writeAuthJson(codexHome: string, auth: AuthDotJson): Promise<void> {
  const text = serializeAuth(auth);
  const file = authFilePath(codexHome);
  await assertAuthFileWritable(codexHome);
  const tmp = join(codexHome, `.auth.json.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await mkdir(codexHome, { recursive: true, mode: 0o700 });
    await writeFile(tmp, text, { mode: 0o600, flag: 'wx' });
    // An odd umask or inherited ACL must not loosen or narrow it: pin 0600.
    await chmod(tmp, 0o600);
    await rename(tmp, file);
  } catch (err: unknown) {
    await rm(tmp, { force: true });
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== undefined && READ_ONLY_ERRNOS.has(code)) throw readOnlyError(file, `${codexHome} is not writable (${code})`, err);
    throw new LoginError('auth_file_write_failed', `cannot write ${file}: ${(err as Error).message}`, { cause: err });
  }
}

/** Deletes `auth.json` (corrupt or not). Resolves `true` when a file was removed, `false` when there was none. */
export async function deleteAuthJson(codexHome: string): Promise<boolean> {
  const file = authFilePath(codexHome);
  try {
    await rm(file);
    return true;
  } catch (err: unknown) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw new LoginError('auth_file_write_failed', `cannot remove ${file}: ${(err as Error).message}`, { cause: err });
  }
}

// `$CODEX_HOME/auth.json` in Codex's shape: read (validated), written atomically
// (temp file in the same directory, mode 0600, then rename) and deleted. Nothing
// half-written: the JSON is validated before the temp file is created.
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
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
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err: unknown) {
    throw new LoginError(
      'auth_file_invalid',
      `${file} is not valid JSON (${(err as Error).message}); run \`codex logout\` and log in again`,
      { cause: err },
    );
  }
  const parsed = AuthDotJsonSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? issue.path.join('.') : '(top level)';
    throw new LoginError(
      'auth_file_invalid',
      `${file}: field ${where}: ${issue?.message ?? 'invalid'}; run \`codex logout\` and log in again`,
      { cause: parsed.error },
    );
  }
  return parsed.data;
}

/**
 * Writes `auth.json` as pretty JSON with mode 0600: validate, write a temp file next to it,
 * then rename over the old one, so a crash never leaves a partial file. Creates CODEX_HOME.
 */
export async function writeAuthJson(codexHome: string, auth: AuthDotJson): Promise<void> {
  const valid = AuthDotJsonSchema.parse(auth);
  const file = authFilePath(codexHome);
  const tmp = join(codexHome, `.auth.json.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await mkdir(codexHome, { recursive: true, mode: 0o700 });
    await writeFile(tmp, `${JSON.stringify(valid, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
    // The umask cannot widen 0600, but an inherited ACL or odd umask could narrow it oddly: pin it.
    await chmod(tmp, 0o600);
    await rename(tmp, file);
  } catch (err: unknown) {
    await rm(tmp, { force: true });
    throw new LoginError('auth_file_write_failed', `cannot write ${file}: ${(err as Error).message}`, { cause: err });
  }
}

/** Deletes `auth.json`. Resolves `true` when a file was removed, `false` when there was none. */
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

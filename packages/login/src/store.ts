// Where credentials live: `cli_auth_credentials_store = file | keyring | auto`, as Codex.
// file: auth.json. keyring: the OS keyring (service "Codex Auth", account `cli|<hash>`), and
// a successful save removes auth.json. auto: keyring first; when it is unavailable, auth.json,
// saying so once through `onNotice`. Deleting always clears both places.
import { KEYRING_SERVICE } from './defaults.js';
import { assertAuthFileWritable, authFilePath, deleteAuthJson, parseAuthJson, readAuthJson, serializeAuth, writeAuthJson, type AuthDotJson } from './auth-file.js';
import { LoginError } from './errors.js';
import { keyringAccount, osKeyring, type KeyringBackend } from './keyring.js';

/** `cli_auth_credentials_store` values. */
export type CredentialsStoreMode = 'file' | 'keyring' | 'auto';

/** Persistent credentials. */
export interface AuthStore {
  readonly mode: CredentialsStoreMode;
  /** Human description of where credentials are kept (for messages). */
  describe(): string;
  load(): Promise<AuthDotJson | undefined>;
  save(auth: AuthDotJson): Promise<void>;
  /** Removes credentials from every place this store may have put them; true if any existed. */
  delete(): Promise<boolean>;
  /** Throws when a save is known to fail (read-only auth.json); call before spending a refresh token. */
  assertWritable(): Promise<void>;
}

/** Options for {@link createAuthStore}. */
export interface AuthStoreOptions {
  codexHome: string;
  mode?: CredentialsStoreMode;
  /** Default: the OS keyring through @napi-rs/keyring (loaded on first use). */
  keyring?: KeyringBackend;
  /** Told when `auto` falls back to the file, once per store. */
  onNotice?: (message: string) => void;
}

/** Parses a config value; undefined means the default (`file`). */
export function parseStoreMode(value: unknown, where = 'cli_auth_credentials_store'): CredentialsStoreMode {
  if (value === undefined) return 'file';
  if (value === 'file' || value === 'keyring' || value === 'auto') return value;
  throw new LoginError('unsupported_auth_mode', `${where} must be "file", "keyring" or "auto" (got ${JSON.stringify(value)})`);
}

class FileStore implements AuthStore {
  readonly mode = 'file' as const;
  constructor(private readonly codexHome: string) {}
  describe(): string {
    return authFilePath(this.codexHome);
  }
  load(): Promise<AuthDotJson | undefined> {
    return readAuthJson(this.codexHome);
  }
  save(auth: AuthDotJson): Promise<void> {
    return writeAuthJson(this.codexHome, auth);
  }
  delete(): Promise<boolean> {
    return deleteAuthJson(this.codexHome);
  }
  assertWritable(): Promise<void> {
    return assertAuthFileWritable(this.codexHome);
  }
}

class KeyringStore implements AuthStore {
  readonly mode = 'keyring' as const;
  private readonly account: string;
  constructor(
    private readonly codexHome: string,
    private readonly keyring: KeyringBackend,
    /** Add the "set cli_auth_credentials_store" advice to keyring failures (not when `auto` falls back). */
    private readonly advise = true,
  ) {
    this.account = keyringAccount(codexHome);
  }
  private fail(err: unknown): never {
    throw this.advise ? withHint(err) : err;
  }
  describe(): string {
    return `the OS keyring ("${KEYRING_SERVICE}" / "${this.account}")`;
  }
  async load(): Promise<AuthDotJson | undefined> {
    const text = await this.keyring.get(KEYRING_SERVICE, this.account).catch((err: unknown) => this.fail(err));
    return text === undefined ? undefined : parseAuthJson(text, `keyring entry "${KEYRING_SERVICE}" / "${this.account}"`);
  }
  async save(auth: AuthDotJson): Promise<void> {
    await this.keyring.set(KEYRING_SERVICE, this.account, serializeAuth(auth, 0)).catch((err: unknown) => this.fail(err));
    // The keyring now holds the credential: a stale auth.json must not shadow it in file mode later.
    await deleteAuthJson(this.codexHome).catch(() => false);
  }
  async delete(): Promise<boolean> {
    const inKeyring = await this.keyring.delete(KEYRING_SERVICE, this.account).catch((err: unknown) => this.fail(err));
    const inFile = await deleteAuthJson(this.codexHome);
    return inKeyring || inFile;
  }
  async assertWritable(): Promise<void> {}
}

function withHint(err: unknown): unknown {
  if (!(err instanceof LoginError) || err.code !== 'keyring_unavailable') return err;
  return new LoginError(
    'keyring_unavailable',
    `${err.message}. cli_auth_credentials_store = "keyring" needs a running OS keyring service; set it to "auto" or "file" in config.toml to use auth.json instead.`,
    { cause: err },
  );
}

class AutoStore implements AuthStore {
  readonly mode = 'auto' as const;
  private readonly file: FileStore;
  private readonly keyring: KeyringStore;
  private warned = false;
  constructor(
    codexHome: string,
    keyring: KeyringBackend,
    private readonly onNotice?: (message: string) => void,
  ) {
    this.file = new FileStore(codexHome);
    this.keyring = new KeyringStore(codexHome, keyring, false);
  }
  private fellBack(err: unknown): void {
    if (this.warned) return;
    this.warned = true;
    const why = err instanceof Error ? err.message : String(err);
    this.onNotice?.(`OS keyring unavailable (${why}); using ${this.file.describe()} instead.`);
  }
  describe(): string {
    return `${this.keyring.describe()} or ${this.file.describe()}`;
  }
  async load(): Promise<AuthDotJson | undefined> {
    try {
      const fromKeyring = await this.keyring.load();
      if (fromKeyring) return fromKeyring;
    } catch (err: unknown) {
      if (!(err instanceof LoginError) || err.code !== 'keyring_unavailable') throw err;
      this.fellBack(err);
    }
    return this.file.load();
  }
  async save(auth: AuthDotJson): Promise<void> {
    try {
      await this.keyring.save(auth);
    } catch (err: unknown) {
      if (!(err instanceof LoginError) || err.code !== 'keyring_unavailable') throw err;
      this.fellBack(err);
      await this.file.save(auth);
    }
  }
  async delete(): Promise<boolean> {
    let inKeyring = false;
    try {
      inKeyring = await this.keyring.delete();
    } catch (err: unknown) {
      if (!(err instanceof LoginError) || err.code !== 'keyring_unavailable') throw err;
      this.fellBack(err);
    }
    const inFile = await this.file.delete();
    return inKeyring || inFile;
  }
  assertWritable(): Promise<void> {
    return this.file.assertWritable();
  }
}

/** The store for `mode` (default `file`). */
export function createAuthStore(opts: AuthStoreOptions): AuthStore {
  const mode = opts.mode ?? 'file';
  switch (mode) {
    case 'file':
      return new FileStore(opts.codexHome);
    case 'keyring':
      return new KeyringStore(opts.codexHome, opts.keyring ?? osKeyring());
    case 'auto':
      return new AutoStore(opts.codexHome, opts.keyring ?? osKeyring(), opts.onNotice);
  }
}

/** `codex logout`: clears auth.json and the keyring entry whatever the mode (keyring errors are reported via onNotice). */
export async function deleteAllCredentials(opts: AuthStoreOptions): Promise<boolean> {
  const inFile = await deleteAuthJson(opts.codexHome);
  let inKeyring = false;
  try {
    inKeyring = await new KeyringStore(opts.codexHome, opts.keyring ?? osKeyring(), opts.mode === 'keyring').delete();
  } catch (err: unknown) {
    if (!(err instanceof LoginError) || err.code !== 'keyring_unavailable') throw err;
    if (opts.mode === 'keyring') throw err;
    // No keyring service: nothing can be stored there, so there is nothing to remove.
  }
  return inFile || inKeyring;
}

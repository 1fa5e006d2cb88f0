// The OS keyring behind a three-call interface, so stores and tests never touch the native
// binding directly. The real backend loads `@napi-rs/keyring` lazily on first use (a missing
// or broken binding is "unavailable", never a crash at import time).
import { createHash } from 'node:crypto';
import { realpathSync } from 'node:fs';
import { LoginError } from './errors.js';

/** A secret store keyed by service and account. */
export interface KeyringBackend {
  /** The stored value, or undefined when there is none. */
  get(service: string, account: string): Promise<string | undefined>;
  set(service: string, account: string, value: string): Promise<void>;
  /** Resolves true when an entry was removed. */
  delete(service: string, account: string): Promise<boolean>;
}

type NapiKeyring = typeof import('@napi-rs/keyring');
let binding: Promise<NapiKeyring> | undefined;

function loadBinding(): Promise<NapiKeyring> {
  binding ??= import('@napi-rs/keyring');
  return binding;
}

function keyringError(op: string, err: unknown): LoginError {
  const detail = err instanceof Error ? err.message : String(err);
  return new LoginError('keyring_unavailable', `the OS keyring could not ${op}: ${detail}`, { cause: err });
}

/** The OS keyring (macOS Keychain, Windows Credential Manager, Secret Service / keyutils on Linux). */
export function osKeyring(): KeyringBackend {
  const entry = async (service: string, account: string, op: string) => {
    let mod: NapiKeyring;
    try {
      mod = await loadBinding();
    } catch (err: unknown) {
      binding = undefined;
      throw keyringError(`${op} (the @napi-rs/keyring binding did not load)`, err);
    }
    try {
      return new mod.AsyncEntry(service, account);
    } catch (err: unknown) {
      throw keyringError(op, err);
    }
  };
  return {
    async get(service, account) {
      const e = await entry(service, account, 'be read');
      try {
        return (await e.getPassword()) ?? undefined;
      } catch (err: unknown) {
        throw keyringError('be read', err);
      }
    },
    async set(service, account, value) {
      const e = await entry(service, account, 'be written');
      try {
        await e.setPassword(value);
      } catch (err: unknown) {
        throw keyringError('be written', err);
      }
    },
    async delete(service, account) {
      const e = await entry(service, account, 'remove the entry');
      try {
        return await e.deletePassword();
      } catch (err: unknown) {
        throw keyringError('remove the entry', err);
      }
    },
  };
}

/** Codex's keyring account for a CODEX_HOME: `cli|` + the first 16 hex digits of SHA-256 of its real path. */
export function keyringAccount(codexHome: string): string {
  let path = codexHome;
  try {
    path = realpathSync(codexHome);
  } catch {
    // Not created yet: Codex hashes the path as given in that case too.
  }
  return `cli|${createHash('sha256').update(path).digest('hex').slice(0, 16)}`;
}

// PKCE (RFC 7636, S256) and the OAuth `state`: 64 random bytes as the verifier, its SHA-256
// as the challenge, 32 random bytes as the state; all base64url without padding.
import { createHash, randomBytes } from 'node:crypto';

/** A PKCE verifier and its S256 challenge. */
export interface PkceCodes {
  codeVerifier: string;
  codeChallenge: string;
}

/** A fresh PKCE pair. */
export function generatePkce(): PkceCodes {
  const codeVerifier = randomBytes(64).toString('base64url');
  return { codeVerifier, codeChallenge: createHash('sha256').update(codeVerifier).digest('base64url') };
}

/** A fresh OAuth `state`. */
export function generateState(): string {
  return randomBytes(32).toString('base64url');
}

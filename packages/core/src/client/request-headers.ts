// The headers Codex sends with a model request: originator and User-Agent, the
// conversation/session ids and OpenAI-Beta (Responses), Accept: text/event-stream,
// ChatGPT's account id, `version` for OpenAI, then the provider's own headers.
import os from 'node:os';
import type { ClientAuth } from './auth.js';
import { providerHeaders, type ModelProviderInfo } from './provider.js';

/** Who we say we are. */
export interface ClientIdentity {
  /** `codex_cli_rs` (interactive) or `codex_exec`; env CODEX_INTERNAL_ORIGINATOR_OVERRIDE wins. */
  originator: string;
  /** Our package version, sent in User-Agent and (OpenAI) the `version` header. */
  version: string;
}

/** `<originator>/<version> (<os> <release>; <arch>) <terminal>`, like Codex's default client. */
export function userAgent(id: ClientIdentity, env: NodeJS.ProcessEnv): string {
  const terminal = env['TERM_PROGRAM'] ?? env['TERM'] ?? 'unknown';
  return `${id.originator}/${id.version} (${os.type()} ${os.release()}; ${os.arch()}) ${terminal}`;
}

/** Options for `requestHeaders`. */
export interface RequestHeaderOptions {
  wire: 'responses' | 'chat';
  provider: ModelProviderInfo;
  auth: ClientAuth | undefined;
  identity: ClientIdentity;
  conversationId: string;
  env: NodeJS.ProcessEnv;
}

/** All headers for one request (the SDK adds Authorization and Content-Type). */
export function requestHeaders(o: RequestHeaderOptions): Record<string, string> {
  const originator = o.env['CODEX_INTERNAL_ORIGINATOR_OVERRIDE']?.trim() || o.identity.originator;
  const id = { ...o.identity, originator };
  const h: Record<string, string> = {
    originator,
    'user-agent': userAgent(id, o.env),
  };
  if (o.provider.requires_openai_auth) h['version'] = o.identity.version;
  if (o.wire === 'responses') {
    h['openai-beta'] = 'responses=experimental';
    h['conversation_id'] = o.conversationId;
    h['session_id'] = o.conversationId;
  }
  h['accept'] = 'text/event-stream';
  if (o.auth?.mode === 'chatgpt' && o.auth.accountId) h['chatgpt-account-id'] = o.auth.accountId;
  if (o.auth?.mode === 'chatgpt' && o.auth.fedramp) h['x-openai-fedramp'] = 'true';
  return { ...h, ...providerHeaders(o.provider, o.env) };
}

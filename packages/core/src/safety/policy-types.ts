// The safety vocabulary: verdicts, writable roots and the Rust names used in messages.
// The policy enums themselves are the protocol's (`AskForApproval`, `SandboxPolicy`).
import type { AskForApproval, SandboxPolicy } from '@codex-ts/protocol';
import type { RuleMatch } from '@codex-ts/execpolicy';

export type { AskForApproval, SandboxPolicy };

/** A writable directory, minus read-only subpaths such as its `.git`. */
export interface WritableRoot {
  readonly root: string;
  readonly readOnlySubpaths?: readonly string[];
}

/** The execpolicy rule that decided a command (the most specific one of the winning decision). */
export type MatchedRule = RuleMatch['prefixRuleMatch'];

/**
 * The verdict for a command or patch (Codex's SafetyCheck). `rule` is present when an
 * execpolicy rule decided it (the audit trail records it as `by: "rule"`).
 */
export type SafetyCheck =
  | { readonly kind: 'auto-approve'; readonly sandbox: 'none' | 'platform'; readonly userExplicitlyApproved?: boolean; readonly rule?: MatchedRule }
  | { readonly kind: 'ask-user'; readonly reason?: string; readonly rule?: MatchedRule }
  | { readonly kind: 'reject'; readonly reason: string; readonly rule?: MatchedRule };

/** Rust's Debug names of AskForApproval, used verbatim in Codex's messages. */
export const APPROVAL_POLICY_DEBUG_NAME: Record<AskForApproval, string> = {
  untrusted: 'UnlessTrusted',
  'on-failure': 'OnFailure',
  'on-request': 'OnRequest',
  never: 'Never',
};

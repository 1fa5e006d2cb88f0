// Local copies of the policy enums, with Codex's wire strings (kebab-case; sandbox
// policy tagged by `mode`), until core wires @codex-ts/protocol's schemas in.

/** `approval_policy`: when the user is asked. */
export type AskForApproval = 'untrusted' | 'on-failure' | 'on-request' | 'never';

/** `sandbox_policy` / `sandbox_mode` as Codex serialises it. */
export type SandboxPolicy =
  | { readonly mode: 'danger-full-access' }
  | { readonly mode: 'read-only' }
  | {
      readonly mode: 'workspace-write';
      readonly writable_roots?: readonly string[];
      readonly network_access?: boolean;
      readonly exclude_tmpdir_env_var?: boolean;
      readonly exclude_slash_tmp?: boolean;
    };

/** A writable directory, minus read-only subpaths such as its `.git`. */
export interface WritableRoot {
  readonly root: string;
  readonly readOnlySubpaths?: readonly string[];
}

/** The verdict for a command or patch (Codex's SafetyCheck). */
export type SafetyCheck =
  | { readonly kind: 'auto-approve'; readonly sandbox: 'none' | 'platform'; readonly userExplicitlyApproved?: boolean }
  | { readonly kind: 'ask-user'; readonly reason?: string }
  | { readonly kind: 'reject'; readonly reason: string };

/** Rust's Debug names of AskForApproval, used verbatim in Codex's messages. */
export const APPROVAL_POLICY_DEBUG_NAME: Record<AskForApproval, string> = {
  untrusted: 'UnlessTrusted',
  'on-failure': 'OnFailure',
  'on-request': 'OnRequest',
  never: 'Never',
};

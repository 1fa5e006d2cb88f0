// Policy types the config resolves into. Wire enums come from the protocol.
import type { AskForApproval, SandboxMode, SandboxPolicy } from '@codex-ts/protocol';

export type { AskForApproval, SandboxMode, SandboxPolicy };

/** `[shell_environment_policy]` with defaults applied. */
export interface ShellEnvironmentPolicy {
  inherit: 'all' | 'core' | 'none';
  ignore_default_excludes: boolean;
  exclude: string[];
  set: Record<string, string>;
  include_only: string[];
}

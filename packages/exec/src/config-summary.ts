// The `key: value` lines of the exec header (Codex's common/src/config_summary.rs):
// workdir, model, provider, approval, sandbox, and the reasoning settings on the
// Responses wire.
import type { SandboxPolicy } from '@codex-ts/protocol';

/** The parts of the engine Config the header shows. */
export interface SummaryConfig {
  cwd: string;
  model: string;
  model_provider_id: string;
  model_provider: { wire_api: string };
  approval_policy: string;
  sandbox_policy: SandboxPolicy;
  model_reasoning_effort?: string;
  model_reasoning_summary: string;
}

/** `workspace-write [workdir, /tmp, $TMPDIR, /extra] (network access enabled)` and friends. */
export function summarizeSandboxPolicy(policy: SandboxPolicy): string {
  switch (policy.mode) {
    case 'danger-full-access':
    case 'read-only':
      return policy.mode;
    case 'workspace-write': {
      const p = policy as SandboxPolicy & {
        writable_roots?: string[];
        network_access?: boolean;
        exclude_tmpdir_env_var?: boolean;
        exclude_slash_tmp?: boolean;
      };
      const roots = ['workdir'];
      if (!p.exclude_slash_tmp) roots.push('/tmp');
      if (!p.exclude_tmpdir_env_var) roots.push('$TMPDIR');
      roots.push(...(p.writable_roots ?? []));
      return `workspace-write [${roots.join(', ')}]${p.network_access ? ' (network access enabled)' : ''}`;
    }
    default:
      return String((policy as { mode: string }).mode);
  }
}

/** The header rows, in Codex's order (the caller appends `session id`). */
export function configSummaryEntries(config: SummaryConfig): Array<[string, string]> {
  const rows: Array<[string, string]> = [
    ['workdir', config.cwd],
    ['model', config.model],
    ['provider', config.model_provider_id],
    ['approval', config.approval_policy],
    ['sandbox', summarizeSandboxPolicy(config.sandbox_policy)],
  ];
  if (config.model_provider.wire_api === 'responses') {
    rows.push(['reasoning effort', config.model_reasoning_effort ?? 'none']);
    rows.push(['reasoning summaries', config.model_reasoning_summary]);
  }
  return rows;
}

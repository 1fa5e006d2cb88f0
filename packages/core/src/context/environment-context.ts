// The `<environment_context>` and `<user_instructions>` user messages sent at the start of a
// session (and again when the turn's environment changes), in Codex's wording.
import { basename } from 'node:path';
import { tmpdir } from 'node:os';
import { existsSync } from 'node:fs';
import type { AskForApproval, SandboxPolicy } from '@codex-ts/protocol';

/** What the model is told about where and how it runs. */
export interface EnvironmentContext {
  cwd: string;
  approval_policy: AskForApproval;
  sandbox_policy: SandboxPolicy;
  shell?: string;
}

/** Writable roots of a policy with the cwd, /tmp and $TMPDIR, as Codex lists them. */
export function writableRoots(policy: SandboxPolicy, cwd: string, env: NodeJS.ProcessEnv = process.env): string[] {
  if (policy.mode !== 'workspace-write') return [];
  const roots = [...(policy.writable_roots ?? []), cwd];
  if (!policy.exclude_slash_tmp && existsSync('/tmp')) roots.push('/tmp');
  const t = env.TMPDIR;
  if (!policy.exclude_tmpdir_env_var && t && t.trim() !== '') roots.push(t);
  return [...new Set(roots)];
}

/** Render `<environment_context>` exactly as Codex's serialisation. */
export function renderEnvironmentContext(ctx: EnvironmentContext): string {
  const lines = ['<environment_context>', `  <cwd>${ctx.cwd}</cwd>`, `  <approval_policy>${ctx.approval_policy}</approval_policy>`];
  lines.push(`  <sandbox_mode>${ctx.sandbox_policy.mode}</sandbox_mode>`);
  const net = ctx.sandbox_policy.mode === 'danger-full-access' || (ctx.sandbox_policy.mode === 'workspace-write' && ctx.sandbox_policy.network_access);
  lines.push(`  <network_access>${net ? 'enabled' : 'restricted'}</network_access>`);
  const roots = writableRoots(ctx.sandbox_policy, ctx.cwd);
  if (roots.length > 0) {
    lines.push('  <writable_roots>');
    for (const r of roots) lines.push(`    <root>${r}</root>`);
    lines.push('  </writable_roots>');
  }
  const shell = ctx.shell ?? (process.env.SHELL ? basename(process.env.SHELL) : 'bash');
  lines.push(`  <shell>${shell}</shell>`);
  lines.push('</environment_context>');
  return lines.join('\n');
}

/** Wrap user instructions the way Codex sends them. */
export function renderUserInstructions(text: string): string {
  return `<user_instructions>\n\n${text}\n\n</user_instructions>`;
}

/** The default TMPDIR, for tests that need it. */
export const DEFAULT_TMPDIR = tmpdir();

// Codex's command decision (safety.rs assess_command_safety + exec_policy.rs): escalation
// check, execpolicy rules (forbidden > prompt > allow), dangerous commands, the known-safe
// list and session approvals, then the approval-policy x sandbox-policy table.
import { shlexJoin, type Policy, type RuleMatch } from '@codex-ts/execpolicy';
import { commandApprovalKey } from './approval-key.js';
import { parseShellLcPlainCommands } from './bash.js';
import { commandMightBeDangerous } from './is-dangerous-command.js';
import { isKnownSafeCommand } from './is-safe-command.js';
import { APPROVAL_POLICY_DEBUG_NAME, type AskForApproval, type MatchedRule, type SafetyCheck, type SandboxPolicy } from './policy-types.js';

/** Codex's rejection texts, exported so callers and tests share them. */
export const REJECT_REASONS = {
  dangerous: 'dangerous command detected; rejected by user approval settings',
  notTrusted: 'auto-rejected because command is not on trusted list',
  promptUnderNever: 'approval required by policy, but AskForApproval is set to Never',
} as const;

/** Input of `assessCommandSafety`. */
export interface AssessCommandInput {
  readonly command: readonly string[];
  readonly approvalPolicy: AskForApproval;
  readonly sandboxPolicy: SandboxPolicy;
  /** Keys from `commandApprovalKey` the user approved "for this session". */
  readonly approvedForSession?: ReadonlySet<string>;
  /** The model asked to run outside the sandbox (`with_escalated_permissions` / `require_escalated`). */
  readonly withEscalatedPermissions?: boolean;
  /** Rules from `CODEX_HOME/rules/*.rules`. */
  readonly execPolicy?: Policy;
  /** Whether a platform sandbox exists (default: Linux and macOS). */
  readonly hasPlatformSandbox?: boolean;
}

/** The message Codex's shell tool returns when escalation is requested under any policy but on-request (0.47 `tools/handlers/shell.rs`). */
export function escalationRejectReason(policy: AskForApproval): string {
  const name = APPROVAL_POLICY_DEBUG_NAME[policy];
  return `approval policy is ${name}; reject command — you should not ask for escalated permissions if the approval policy is ${name}`;
}

function defaultPlatformSandbox(): boolean {
  return process.platform === 'linux' || process.platform === 'darwin';
}

/**
 * Decides whether a command runs (and how), asks the user, or is rejected.
 * Pure: no I/O; `approvedForSession` holds `commandApprovalKey` values.
 */
export function assessCommandSafety(input: AssessCommandInput): SafetyCheck {
  const { command, approvalPolicy } = input;
  if (input.withEscalatedPermissions && approvalPolicy !== 'on-request') {
    return { kind: 'reject', reason: escalationRejectReason(approvalPolicy) };
  }
  const approved = input.approvedForSession?.has(commandApprovalKey(command)) ?? false;
  if (input.execPolicy) {
    const verdict = assessWithExecPolicy(input, input.execPolicy, approved);
    if (verdict) return verdict;
  }
  return assessWithoutRules(input, command, approved);
}

/** §6.3 without rules: dangerous → ask/reject; safe or approved → run unsandboxed; then the table. */
function assessWithoutRules(input: AssessCommandInput, command: readonly string[], approved: boolean): SafetyCheck {
  const { approvalPolicy, sandboxPolicy } = input;
  if (!approved && commandMightBeDangerous(command)) {
    return approvalPolicy === 'never' ? { kind: 'reject', reason: REJECT_REASONS.dangerous } : { kind: 'ask-user' };
  }
  if (approved) return { kind: 'auto-approve', sandbox: 'none', userExplicitlyApproved: true };
  if (isKnownSafeCommand(command)) return { kind: 'auto-approve', sandbox: 'none', userExplicitlyApproved: false };
  const platform = input.hasPlatformSandbox ?? defaultPlatformSandbox();
  const sandboxed: SafetyCheck = { kind: 'auto-approve', sandbox: 'platform', userExplicitlyApproved: false };
  const full = sandboxPolicy.mode === 'danger-full-access';
  switch (approvalPolicy) {
    case 'untrusted':
      return { kind: 'ask-user' };
    case 'on-failure':
      if (full) return { kind: 'auto-approve', sandbox: 'none', userExplicitlyApproved: false };
      return platform ? sandboxed : { kind: 'ask-user' };
    case 'on-request':
      if (full) return { kind: 'auto-approve', sandbox: 'none', userExplicitlyApproved: false };
      if (input.withEscalatedPermissions) return { kind: 'ask-user' };
      return platform ? sandboxed : { kind: 'ask-user' };
    case 'never':
      if (full) return { kind: 'auto-approve', sandbox: 'none', userExplicitlyApproved: false };
      return platform ? sandboxed : { kind: 'reject', reason: REJECT_REASONS.notTrusted };
  }
}

function mostSpecific(matches: readonly RuleMatch[], decision: MatchedRule['decision']): MatchedRule | undefined {
  let best: MatchedRule | undefined;
  for (const m of matches) {
    const r = m.prefixRuleMatch;
    if (r.decision === decision && (!best || r.matchedPrefix.length > best.matchedPrefix.length)) best = r;
  }
  return best;
}

/**
 * Rules first: each part of a plain shell script (or the argv) is matched; parts no
 * rule matches get the rule-less verdict. Undefined when no rule matched at all. The
 * verdict carries the deciding rule (forbidden, else prompt, else allow).
 */
function assessWithExecPolicy(input: AssessCommandInput, policy: Policy, approved: boolean): SafetyCheck | undefined {
  const parts = parseShellLcPlainCommands(input.command) ?? [input.command];
  const matches: RuleMatch[] = [];
  const fallbacks: SafetyCheck[] = [];
  let allAllowedByRule = true;
  for (const part of parts) {
    const m = policy.matchesForCommand(part, { resolveHostExecutables: true });
    matches.push(...m);
    if (m.length === 0) fallbacks.push(assessWithoutRules(input, part, approved));
    if (!m.some((x) => x.prefixRuleMatch.decision === 'allow')) allAllowedByRule = false;
  }
  if (matches.length === 0) return undefined;
  const rendered = shlexJoin(input.command);
  const forbidden = mostSpecific(matches, 'forbidden');
  if (forbidden) {
    const why = forbidden.justification ?? `policy forbids commands starting with \`${shlexJoin(forbidden.matchedPrefix)}\``;
    return { kind: 'reject', reason: `\`${rendered}\` rejected: ${why}`, rule: forbidden };
  }
  const rejected = fallbacks.find((f) => f.kind === 'reject');
  if (rejected) return rejected;
  const prompt = mostSpecific(matches, 'prompt');
  if (prompt || fallbacks.some((f) => f.kind === 'ask-user')) {
    if (prompt && input.approvalPolicy === 'never') return { kind: 'reject', reason: REJECT_REASONS.promptUnderNever, rule: prompt };
    const rule = prompt ? { rule: prompt } : {};
    if (approved) return { kind: 'auto-approve', sandbox: 'none', userExplicitlyApproved: true, ...rule };
    if (!prompt) return { kind: 'ask-user' };
    const reason = prompt.justification
      ? `\`${rendered}\` requires approval: ${prompt.justification}`
      : `\`${rendered}\` requires approval by policy`;
    return { kind: 'ask-user', reason, rule: prompt };
  }
  const needsSandbox = !allAllowedByRule && fallbacks.some((f) => f.kind === 'auto-approve' && f.sandbox === 'platform');
  const allow = mostSpecific(matches, 'allow');
  return { kind: 'auto-approve', sandbox: needsSandbox ? 'platform' : 'none', userExplicitlyApproved: false, ...(allow ? { rule: allow } : {}) };
}

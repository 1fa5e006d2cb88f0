/**
 * Command and patch safety for the engine: a POSIX-shell parser, the known-safe and
 * dangerous-command lists, session-approval keys, and Codex's approval decisions.
 */
export { assessCommandSafety, escalationRejectReason, REJECT_REASONS, type AssessCommandInput } from './assess-command.js';
export {
  assessPatchSafety, computeWritableRoots, isPathWritable, type AssessPatchInput, type WritableRootsOptions,
} from './assess-patch.js';
export { commandApprovalKey } from './approval-key.js';
export {
  extractShellScript, parsePlainCommands, parseShellLcLiteralCommands, parseShellLcPlainCommands,
} from './bash.js';
export { commandMightBeDangerous, isDangerousToCallWithExec } from './is-dangerous-command.js';
export {
  executableName, findGitSubcommand, isKnownSafeCommand, isSafeToCallWithExec, type SafetyPlatformOptions,
} from './is-safe-command.js';
export {
  APPROVAL_POLICY_DEBUG_NAME, type AskForApproval, type MatchedRule, type SafetyCheck, type SandboxPolicy, type WritableRoot,
} from './policy-types.js';
export type {
  AndOr, Command, ForCommand, IfCommand, LoopCommand, ParseResult, Pipeline, Redirect, Script, SimpleCommand,
  SubshellCommand, Word, WordFeature,
} from './shell-ast.js';
export { parseShellScript } from './shell-parser.js';

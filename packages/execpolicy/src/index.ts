/**
 * @codex-ts/execpolicy: Codex prefix-rule policy files (`*.rules`, a Starlark subset):
 * parser with located errors, evaluation (every matching rule, strictest decision wins),
 * and the `codex execpolicy check` logic and JSON.
 */
export { parseDecision, stricterDecision, type Decision } from './decision.js';
export { ExecPolicyError, type ExecPolicyErrorCode, type SourceLocation } from './errors.js';
export { PolicyParser, type PolicyParserOptions } from './parser.js';
export { Policy, evaluationFrom, type Evaluation, type MatchOptions, type NetworkRule } from './policy.js';
export { matchPrefix, renderRule, type PatternToken, type PrefixRule, type RuleMatch } from './rule.js';
export { listRulesFiles, loadPolicyFiles, loadRulesFromCodexHome, rulesDirFor } from './load.js';
export {
  formatMatchesJson,
  parseExecpolicyCheckArgs,
  runExecpolicyCheck,
  runExecpolicyCli,
  type ExecpolicyCheckOptions,
  type ExecpolicyCheckResult,
} from './check.js';
export { shlexJoin, shlexTryJoin, shlexQuote, shlexSplit, NUL_COMMAND_PLACEHOLDER } from './internal/shlex.js';

/** The npm name of this package. */
export const PACKAGE_NAME = '@codex-ts/execpolicy';

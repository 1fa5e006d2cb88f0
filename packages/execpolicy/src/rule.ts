// Prefix rules: the pattern model (first token fixed, later tokens may be alternatives)
// and the match record that the JSON output serialises.
import type { Decision } from './decision.js';

/** One pattern position: a literal token or a list of accepted alternatives. */
export type PatternToken = string | readonly string[];

/** A rule keyed by its first token; `rest` may hold alternatives (never Cartesian-expanded). */
export interface PrefixRule {
  readonly first: string;
  readonly rest: readonly PatternToken[];
  readonly decision: Decision;
  readonly justification?: string;
}

/**
 * One matching rule, shaped exactly like Codex's JSON (`prefixRuleMatch` with
 * `matchedPrefix`, `decision`, then `resolvedProgram` and `justification` when present).
 */
export interface RuleMatch {
  readonly prefixRuleMatch: {
    readonly matchedPrefix: string[];
    readonly decision: Decision;
    readonly resolvedProgram?: string;
    readonly justification?: string;
  };
}

function tokenMatches(token: PatternToken, value: string): boolean {
  return typeof token === 'string' ? token === value : token.includes(value);
}

/** The matched prefix when `rule` matches `command` (program compared as `program`), else undefined. */
export function matchPrefix(rule: PrefixRule, command: readonly string[]): string[] | undefined {
  const len = rule.rest.length + 1;
  if (command.length < len) return undefined;
  for (let i = 0; i < rule.rest.length; i++) {
    if (!tokenMatches(rule.rest[i]!, command[i + 1]!)) return undefined;
  }
  return command.slice(0, len) as string[];
}

/** Builds the match record with Codex's key order, omitting absent optional keys. */
export function makeRuleMatch(
  matchedPrefix: string[],
  rule: PrefixRule,
  resolvedProgram?: string,
): RuleMatch {
  const inner: {
    matchedPrefix: string[];
    decision: Decision;
    resolvedProgram?: string;
    justification?: string;
  } = { matchedPrefix, decision: rule.decision };
  if (resolvedProgram !== undefined) inner.resolvedProgram = resolvedProgram;
  if (rule.justification !== undefined) inner.justification = rule.justification;
  return { prefixRuleMatch: inner };
}

/** Renders a rule as policy source, for error messages. */
export function renderRule(rule: PrefixRule): string {
  const tokens = [rule.first, ...rule.rest].map((t) =>
    typeof t === 'string' ? JSON.stringify(t) : `[${t.map((a) => JSON.stringify(a)).join(', ')}]`,
  );
  const just = rule.justification !== undefined ? `, justification=${JSON.stringify(rule.justification)}` : '';
  return `prefix_rule(pattern=[${tokens.join(', ')}], decision=${JSON.stringify(rule.decision)}${just})`;
}

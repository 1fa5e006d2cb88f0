// PolicyParser: parses rules files one by one into a single Policy. Each file is
// evaluated and its match/not_match examples validated before any of its rules are
// kept, so a failing file never leaves half its rules behind.
import { ExecPolicyError } from './errors.js';
import { evaluateModule, type PendingValidation } from './internal/evaluator.js';
import { shlexJoin } from './internal/shlex.js';
import { parseModule } from './internal/starlark-parser.js';
import { Policy, type NetworkRule } from './policy.js';
import { renderRule, type PrefixRule } from './rule.js';

/** Options for the parser. */
export interface PolicyParserOptions {
  /** Home directory used for `~/...` paths in `host_executable` (default: the OS home). */
  readonly home?: string;
}

/** Accumulates rules from several files (in the order given) and builds a Policy. */
export class PolicyParser {
  readonly #rules: PrefixRule[] = [];
  readonly #hostExecutables = new Map<string, string[]>();
  readonly #networkRules: NetworkRule[] = [];
  readonly #options: PolicyParserOptions;

  constructor(options: PolicyParserOptions = {}) {
    this.#options = options;
  }

  /**
   * Parses one rules file. `identifier` (usually its path) prefixes error locations.
   * Throws ExecPolicyError (syntax, eval, invalid-*, example-did-*) and adds nothing then.
   */
  parse(identifier: string, contents: string): void {
    const stmts = parseModule(identifier, contents);
    const contribution = evaluateModule(identifier, stmts, this.#options);
    const hostExecutables = new Map(this.#hostExecutables);
    for (const [name, paths] of contribution.hostExecutables) hostExecutables.set(name, paths);
    for (const v of contribution.validations) validateExamples(v, hostExecutables);
    this.#rules.push(...contribution.rules);
    for (const [name, paths] of contribution.hostExecutables) this.#hostExecutables.set(name, paths);
    this.#networkRules.push(...contribution.networkRules);
  }

  /** The policy of every file parsed so far. */
  build(): Policy {
    return new Policy(this.#rules, this.#hostExecutables, [...this.#networkRules]);
  }
}

/** Checks one prefix_rule's examples against that rule alone, as Codex does at load time. */
function validateExamples(v: PendingValidation, hostExecutables: ReadonlyMap<string, readonly string[]>): void {
  const local = new Policy(v.rules, hostExecutables);
  const options = { resolveHostExecutables: true };
  for (const example of v.notMatches) {
    const hit = local.matchesForCommand(example, options)[0];
    if (hit) {
      const rule = v.rules.find((r) => r.first === hit.prefixRuleMatch.matchedPrefix[0]) ?? v.rules[0]!;
      throw new ExecPolicyError(
        'example-did-match',
        `expected example to not match rule \`${renderRule(rule)}\`: ${shlexJoin(example)}`,
        { location: v.location },
      );
    }
  }
  const unmatched = v.matches.filter((ex) => local.matchesForCommand(ex, options).length === 0).map(shlexJoin);
  if (unmatched.length > 0) {
    throw new ExecPolicyError(
      'example-did-not-match',
      `expected every example to match at least one rule. rules: [${v.rules.map(renderRule).join(', ')}]; unmatched examples: ${JSON.stringify(unmatched)}`,
      { location: v.location },
    );
  }
}

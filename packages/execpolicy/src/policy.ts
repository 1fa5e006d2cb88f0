// A loaded policy: prefix rules indexed by program, optional host-executable allowlists,
// and evaluation (every matching rule, in load order; the strictest decision wins).
import { stricterDecision, type Decision } from './decision.js';
import { ExecPolicyError } from './errors.js';
import { makeRuleMatch, matchPrefix, type PrefixRule, type RuleMatch } from './rule.js';

/** Options for matching. */
export interface MatchOptions {
  /**
   * When no rule is keyed by an absolute program path, fall back to rules for its
   * basename (restricted to `host_executable` paths when one is declared for it).
   */
  readonly resolveHostExecutables?: boolean;
}

/** Result of evaluating one or more commands: `decision` is absent when nothing matched. */
export interface Evaluation {
  readonly matchedRules: RuleMatch[];
  readonly decision?: Decision;
}

/** A network rule, kept for completeness (`network_rule(host, protocol, decision)`). */
export interface NetworkRule {
  readonly host: string;
  readonly protocol: 'http' | 'https' | 'socks5_tcp' | 'socks5_udp';
  readonly decision: Decision;
  readonly justification?: string;
}

function basename(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? path : path.slice(i + 1);
}

/** An immutable-by-convention set of prefix rules. Build one with `PolicyParser`. */
export class Policy {
  readonly #rules: Map<string, PrefixRule[]>;
  readonly #hostExecutables: Map<string, readonly string[]>;
  readonly networkRules: readonly NetworkRule[];

  constructor(
    rules: Iterable<PrefixRule> = [],
    hostExecutables: ReadonlyMap<string, readonly string[]> = new Map(),
    networkRules: readonly NetworkRule[] = [],
  ) {
    this.#rules = new Map();
    for (const rule of rules) this.#add(rule);
    this.#hostExecutables = new Map(hostExecutables);
    this.networkRules = networkRules;
  }

  /** A policy with no rules. */
  static empty(): Policy {
    return new Policy();
  }

  #add(rule: PrefixRule): void {
    const list = this.#rules.get(rule.first);
    if (list) list.push(rule);
    else this.#rules.set(rule.first, [rule]);
  }

  /** Every rule, grouped by program in load order. */
  rules(): ReadonlyMap<string, readonly PrefixRule[]> {
    return this.#rules;
  }

  /** Declared `host_executable` allowlists, by executable name. */
  hostExecutables(): ReadonlyMap<string, readonly string[]> {
    return this.#hostExecutables;
  }

  /** Number of prefix rules (after alternatives in the first token are expanded). */
  get size(): number {
    let n = 0;
    for (const list of this.#rules.values()) n += list.length;
    return n;
  }

  /** Adds a literal prefix rule (as Codex's amendments do). An empty prefix is an error. */
  addPrefixRule(prefix: readonly string[], decision: Decision): void {
    if (prefix.length === 0) throw new ExecPolicyError('invalid-pattern', 'prefix cannot be empty');
    this.#add({ first: prefix[0]!, rest: prefix.slice(1), decision });
  }

  /** Every rule matching `command`, in load order. Empty when none does. */
  matchesForCommand(command: readonly string[], options: MatchOptions = {}): RuleMatch[] {
    const program = command[0];
    if (program === undefined) return [];
    const exact = this.#rules.get(program);
    const out: RuleMatch[] = [];
    if (exact) {
      for (const rule of exact) {
        const prefix = matchPrefix(rule, command);
        if (prefix) out.push(makeRuleMatch(prefix, rule));
      }
    }
    if (out.length > 0 || !options.resolveHostExecutables || !program.startsWith('/')) return out;
    const name = basename(program);
    const allowed = this.#hostExecutables.get(name);
    if (allowed && !allowed.includes(program)) return out;
    const byName = this.#rules.get(name);
    if (!byName) return out;
    const renamed = [name, ...command.slice(1)];
    for (const rule of byName) {
      const prefix = matchPrefix(rule, renamed);
      if (prefix) out.push(makeRuleMatch(prefix, rule, program));
    }
    return out;
  }

  /** Evaluates one command. */
  check(command: readonly string[], options: MatchOptions = {}): Evaluation {
    return evaluationFrom(this.matchesForCommand(command, options));
  }

  /** Evaluates several commands (e.g. the parts of a `bash -lc` script) as one. */
  checkMultiple(commands: Iterable<readonly string[]>, options: MatchOptions = {}): Evaluation {
    const all: RuleMatch[] = [];
    for (const command of commands) all.push(...this.matchesForCommand(command, options));
    return evaluationFrom(all);
  }
}

/** Builds an evaluation: the strictest decision of `matchedRules`, absent when empty. */
export function evaluationFrom(matchedRules: RuleMatch[]): Evaluation {
  let decision: Decision | undefined;
  for (const m of matchedRules) {
    const d = m.prefixRuleMatch.decision;
    decision = decision === undefined ? d : stricterDecision(decision, d);
  }
  return decision === undefined ? { matchedRules } : { matchedRules, decision };
}

// Evaluates a parsed rules file: names, lists, `+`, and the builtins prefix_rule,
// host_executable and network_rule, which record rules into a PolicyBuilder. Every
// error is pinned to the file, line and column of the expression that caused it.
import { homedir } from 'node:os';
import { parseDecision, type Decision } from '../decision.js';
import { ExecPolicyError, type SourceLocation } from '../errors.js';
import type { NetworkRule } from '../policy.js';
import type { PatternToken, PrefixRule } from '../rule.js';
import type { Arg, Expr, Pos, Stmt } from './starlark-parser.js';
import { shlexSplit } from './shlex.js';

type Builtin = { readonly builtin: 'prefix_rule' | 'host_executable' | 'network_rule' };
type Value = string | number | boolean | null | Value[] | Builtin | { readonly dict: Map<string, Value> };

/** Examples of one prefix_rule call, checked once its file has been evaluated. */
export interface PendingValidation {
  readonly rules: PrefixRule[];
  readonly matches: string[][];
  readonly notMatches: string[][];
  readonly location: SourceLocation;
}

/** What evaluation of one file adds to the policy being built. */
export interface FileContribution {
  readonly rules: PrefixRule[];
  readonly hostExecutables: [string, string[]][];
  readonly networkRules: NetworkRule[];
  readonly validations: PendingValidation[];
}

const BUILTINS: Record<string, Builtin> = {
  prefix_rule: { builtin: 'prefix_rule' },
  host_executable: { builtin: 'host_executable' },
  network_rule: { builtin: 'network_rule' },
};

function typeName(v: Value): string {
  if (v === null) return 'NoneType';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'number') return 'int';
  if (typeof v === 'boolean') return 'bool';
  if (Array.isArray(v)) return 'list';
  if ('dict' in v) return 'dict';
  return 'function';
}

/** Evaluates `stmts` of file `path`; throws ExecPolicyError with a location on failure. */
export function evaluateModule(path: string, stmts: Stmt[], options: { home?: string } = {}): FileContribution {
  const globals = new Map<string, Value>();
  const out: FileContribution = { rules: [], hostExecutables: [], networkRules: [], validations: [] };
  const at = (p: Pos): SourceLocation => ({ path, line: p.line, column: p.column });
  const located = <T>(p: Pos, fn: () => T): T => {
    try {
      return fn();
    } catch (err: unknown) {
      if (err instanceof ExecPolicyError) throw err.withLocation(at(p));
      throw err;
    }
  };
  const evalError = (detail: string, p: Pos): never => {
    throw new ExecPolicyError('eval', detail, { location: at(p) });
  };

  for (const stmt of stmts) {
    if (stmt.type === 'pass') continue;
    if (stmt.type === 'expr') {
      evaluate(stmt.expr);
      continue;
    }
    const value = evaluate(stmt.value);
    if (BUILTINS[stmt.name]) evalError(`cannot reassign builtin \`${stmt.name}\``, stmt.pos);
    if (stmt.op === '=') globals.set(stmt.name, value);
    else {
      const old = globals.get(stmt.name);
      if (old === undefined) evalError(`Variable \`${stmt.name}\` not found`, stmt.pos);
      globals.set(stmt.name, add(old!, value, stmt.pos));
    }
  }
  return out;

  function evaluate(e: Expr): Value {
    switch (e.type) {
      case 'string':
      case 'int':
        return e.value;
      case 'name': {
        if (e.name === 'True') return true;
        if (e.name === 'False') return false;
        if (e.name === 'None') return null;
        const v = globals.get(e.name) ?? BUILTINS[e.name];
        if (v === undefined) return evalError(`Variable \`${e.name}\` not found`, e.pos);
        return v;
      }
      case 'list':
        return e.items.map(evaluate);
      case 'dict': {
        const m = new Map<string, Value>();
        for (const [ke, ve] of e.entries) {
          const key = evaluate(ke);
          if (typeof key !== 'string') evalError('dict keys must be strings in rules files', ke.pos);
          m.set(key as string, evaluate(ve));
        }
        return { dict: m };
      }
      case 'neg': {
        const v = evaluate(e.operand);
        if (typeof v !== 'number') evalError(`unary \`-\` needs an int, got ${typeName(v)}`, e.pos);
        return -(v as number);
      }
      case 'binary':
        return add(evaluate(e.left), evaluate(e.right), e.pos);
      case 'call': {
        const callee = evaluate(e.callee);
        if (callee === null || typeof callee !== 'object' || Array.isArray(callee) || !('builtin' in callee)) {
          return evalError(`\`${typeName(callee)}\` is not callable`, e.pos);
        }
        const args = bindArgs(callee.builtin, e.args);
        return located(e.pos, () => call(callee.builtin, args, e.pos));
      }
    }
  }

  function add(a: Value, b: Value, p: Pos): Value {
    if (typeof a === 'string' && typeof b === 'string') return a + b;
    if (typeof a === 'number' && typeof b === 'number') return a + b;
    if (Array.isArray(a) && Array.isArray(b)) return [...a, ...b];
    return evalError(`unsupported operand types for +: ${typeName(a)} and ${typeName(b)}`, p);
  }

  function bindArgs(name: Builtin['builtin'], args: Arg[]): Map<string, Value> {
    const params = PARAMS[name];
    const bound = new Map<string, Value>();
    let positional = 0;
    let sawNamed = false;
    for (const a of args) {
      if (a.name === undefined) {
        if (sawNamed) evalError('positional argument follows keyword argument', a.pos);
        const param = params[positional++];
        if (param === undefined) evalError(`${name}() takes at most ${params.length} arguments`, a.pos);
        bound.set(param!, evaluate(a.value));
      } else {
        sawNamed = true;
        if (!params.includes(a.name)) evalError(`${name}() got an unexpected keyword argument \`${a.name}\``, a.pos);
        if (bound.has(a.name)) evalError(`${name}() got multiple values for argument \`${a.name}\``, a.pos);
        bound.set(a.name, evaluate(a.value));
      }
    }
    return bound;
  }

  function call(name: Builtin['builtin'], args: Map<string, Value>, p: Pos): null {
    for (const req of REQUIRED[name]) {
      if (!args.has(req)) throw new ExecPolicyError('eval', `${name}() missing required argument \`${req}\``);
    }
    if (name === 'prefix_rule') prefixRule(args, p);
    else if (name === 'host_executable') hostExecutable(args);
    else networkRule(args);
    return null;
  }

  function prefixRule(args: Map<string, Value>, p: Pos): void {
    const decisionRaw = optionalString(args, 'decision', 'prefix_rule');
    const decision: Decision = decisionRaw === undefined ? 'allow' : parseDecision(decisionRaw);
    const justification = optionalString(args, 'justification', 'prefix_rule');
    if (justification !== undefined && justification.trim() === '') {
      throw new ExecPolicyError('invalid-rule', 'justification cannot be empty');
    }
    const pattern = parsePattern(args.get('pattern')!);
    const matches = parseExamples(args.get('match'), 'match');
    const notMatches = parseExamples(args.get('not_match'), 'not_match');
    const [head, ...rest] = pattern;
    const heads = typeof head === 'string' ? [head] : head!;
    const rules: PrefixRule[] = heads.map((first) =>
      justification === undefined ? { first, rest, decision } : { first, rest, decision, justification },
    );
    out.rules.push(...rules);
    out.validations.push({ rules, matches, notMatches, location: at(p) });
  }

  function hostExecutable(args: Map<string, Value>): void {
    const name = args.get('name');
    if (typeof name !== 'string') throw new ExecPolicyError('invalid-rule', `host_executable name must be a string (got ${typeName(name ?? null)})`);
    if (name === '') throw new ExecPolicyError('invalid-rule', 'host_executable name cannot be empty');
    if (name.includes('/') || name === '.' || name === '..') {
      throw new ExecPolicyError('invalid-rule', `host_executable name must be a bare executable name (got ${name})`);
    }
    const paths = args.get('paths')!;
    if (!Array.isArray(paths)) throw new ExecPolicyError('invalid-rule', `host_executable paths must be a list (got ${typeName(paths)})`);
    const parsed: string[] = [];
    for (const v of paths) {
      if (typeof v !== 'string') throw new ExecPolicyError('invalid-rule', `host_executable paths must be strings (got ${typeName(v)})`);
      const abs = v.startsWith('~/') ? `${options.home ?? homedir()}/${v.slice(2)}` : v;
      if (!abs.startsWith('/')) {
        throw new ExecPolicyError('invalid-rule', `host_executable paths must be absolute or use \`~/...\` home-relative syntax (got ${v})`);
      }
      if (abs.slice(abs.lastIndexOf('/') + 1) !== name) {
        throw new ExecPolicyError('invalid-rule', `host_executable path \`${v}\` must have basename \`${name}\``);
      }
      if (!parsed.includes(abs)) parsed.push(abs);
    }
    out.hostExecutables.push([name, parsed]);
  }

  function networkRule(args: Map<string, Value>): void {
    const host = optionalString(args, 'host', 'network_rule')!.trim().toLowerCase();
    const protocolRaw = optionalString(args, 'protocol', 'network_rule')!;
    const decisionRaw = optionalString(args, 'decision', 'network_rule')!;
    const justification = optionalString(args, 'justification', 'network_rule');
    const protocols: Record<string, NetworkRule['protocol']> = {
      http: 'http', https: 'https', https_connect: 'https', 'http-connect': 'https', socks5_tcp: 'socks5_tcp', socks5_udp: 'socks5_udp',
    };
    const protocol = protocols[protocolRaw];
    if (!protocol) {
      throw new ExecPolicyError('invalid-rule', `network_rule protocol must be one of http, https, socks5_tcp, socks5_udp (got ${protocolRaw})`);
    }
    if (host === '' || /[\s*/?#]/.test(host)) {
      throw new ExecPolicyError('invalid-rule', `network_rule host must be a specific hostname or IP literal (got ${host})`);
    }
    const decision = decisionRaw === 'deny' ? 'forbidden' : parseDecision(decisionRaw);
    out.networkRules.push(justification === undefined ? { host, protocol, decision } : { host, protocol, decision, justification });
  }
}

const PARAMS: Record<Builtin['builtin'], string[]> = {
  prefix_rule: ['pattern', 'decision', 'match', 'not_match', 'justification'],
  host_executable: ['name', 'paths'],
  network_rule: ['host', 'protocol', 'decision', 'justification'],
};
const REQUIRED: Record<Builtin['builtin'], string[]> = {
  prefix_rule: ['pattern'],
  host_executable: ['name', 'paths'],
  network_rule: ['host', 'protocol', 'decision'],
};

function optionalString(args: Map<string, Value>, key: string, fn: string): string | undefined {
  const v = args.get(key);
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw new ExecPolicyError('eval', `${fn}() argument \`${key}\` must be a string (got ${typeName(v)})`);
  return v;
}

function parsePattern(v: Value): PatternToken[] {
  if (!Array.isArray(v)) throw new ExecPolicyError('invalid-pattern', `invalid pattern element: pattern must be a list (got ${typeName(v)})`);
  if (v.length === 0) throw new ExecPolicyError('invalid-pattern', 'invalid pattern element: pattern cannot be empty');
  return v.map((item) => {
    if (typeof item === 'string') return item;
    if (!Array.isArray(item)) {
      throw new ExecPolicyError('invalid-pattern', `invalid pattern element: pattern element must be a string or list of strings (got ${typeName(item)})`);
    }
    const alts = item.map((alt) => {
      if (typeof alt !== 'string') {
        throw new ExecPolicyError('invalid-pattern', `invalid pattern element: pattern alternative must be a string (got ${typeName(alt)})`);
      }
      return alt;
    });
    if (alts.length === 0) throw new ExecPolicyError('invalid-pattern', 'invalid pattern element: pattern alternatives cannot be empty');
    return alts.length === 1 ? alts[0]! : alts;
  });
}

function parseExamples(v: Value | undefined, key: string): string[][] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) throw new ExecPolicyError('invalid-example', `invalid example: \`${key}\` must be a list (got ${typeName(v)})`);
  return v.map((ex) => {
    if (typeof ex === 'string') {
      const tokens = shlexSplit(ex);
      if (tokens === undefined) throw new ExecPolicyError('invalid-example', 'invalid example: example string has invalid shell syntax');
      if (tokens.length === 0) throw new ExecPolicyError('invalid-example', 'invalid example: example cannot be an empty string');
      return tokens;
    }
    if (!Array.isArray(ex)) {
      throw new ExecPolicyError('invalid-example', `invalid example: example must be a string or list of strings (got ${typeName(ex)})`);
    }
    if (ex.length === 0) throw new ExecPolicyError('invalid-example', 'invalid example: example cannot be an empty list');
    return ex.map((t) => {
      if (typeof t !== 'string') throw new ExecPolicyError('invalid-example', `invalid example: example tokens must be strings (got ${typeName(t)})`);
      return t;
    });
  });
}

// Recursive-descent parser for the rules-file subset of Starlark: statements are calls,
// `NAME = expr`, `NAME += expr` and `pass`; expressions are literals, names, lists,
// dicts, parentheses, calls, `+` and unary `-`. Anything else is a located syntax error.
import { ExecPolicyError } from '../errors.js';
import { tokenize, type Token } from './starlark-lexer.js';

export interface Pos {
  readonly line: number;
  readonly column: number;
}

export type Expr =
  | { readonly type: 'string'; readonly value: string; readonly pos: Pos }
  | { readonly type: 'int'; readonly value: number; readonly pos: Pos }
  | { readonly type: 'name'; readonly name: string; readonly pos: Pos }
  | { readonly type: 'list'; readonly items: Expr[]; readonly pos: Pos }
  | { readonly type: 'dict'; readonly entries: [Expr, Expr][]; readonly pos: Pos }
  | { readonly type: 'call'; readonly callee: Expr; readonly args: Arg[]; readonly pos: Pos }
  | { readonly type: 'binary'; readonly op: '+'; readonly left: Expr; readonly right: Expr; readonly pos: Pos }
  | { readonly type: 'neg'; readonly operand: Expr; readonly pos: Pos };

export interface Arg {
  readonly name?: string;
  readonly value: Expr;
  readonly pos: Pos;
}

export type Stmt =
  | { readonly type: 'expr'; readonly expr: Expr; readonly pos: Pos }
  | { readonly type: 'assign'; readonly name: string; readonly op: '=' | '+='; readonly value: Expr; readonly pos: Pos }
  | { readonly type: 'pass'; readonly pos: Pos };

const KEYWORDS = new Set([
  'and', 'as', 'assert', 'async', 'await', 'break', 'class', 'continue', 'def', 'del', 'elif', 'else',
  'except', 'finally', 'for', 'from', 'global', 'if', 'import', 'in', 'is', 'lambda', 'load',
  'nonlocal', 'not', 'or', 'raise', 'return', 'try', 'while', 'with', 'yield',
]);

/** Parses a rules file into statements; errors name `path`, line and column. */
export function parseModule(path: string, source: string): Stmt[] {
  const tokens = tokenize(path, source);
  let k = 0;
  const peek = (): Token => tokens[k]!;
  const fail = (detail: string, t: Token = peek()): never => {
    throw new ExecPolicyError('syntax', detail, { location: { path, line: t.line, column: t.column } });
  };
  const describe = (t: Token) => (t.kind === 'eof' ? 'end of file' : t.kind === 'newline' ? 'end of line' : `\`${t.value}\``);
  const isOp = (v: string, t: Token = peek()) => t.kind === 'op' && t.value === v;
  const expectOp = (v: string, context: string): Token => {
    const t = peek();
    if (!isOp(v, t)) fail(`expected \`${v}\` ${context}, found ${describe(t)}`, t);
    k++;
    return t;
  };
  const pos = (t: Token): Pos => ({ line: t.line, column: t.column });

  const stmts: Stmt[] = [];
  while (peek().kind !== 'eof') {
    if (peek().kind === 'newline' || isOp(';')) {
      k++;
      continue;
    }
    stmts.push(statement());
    const t = peek();
    if (isOp(';', t)) k++;
    else if (t.kind !== 'newline' && t.kind !== 'eof') fail(`expected end of statement, found ${describe(t)}`, t);
  }
  return stmts;

  function statement(): Stmt {
    const t = peek();
    if (t.kind === 'name' && t.value === 'pass') {
      k++;
      return { type: 'pass', pos: pos(t) };
    }
    if (t.kind === 'name' && KEYWORDS.has(t.value)) {
      fail(`\`${t.value}\` statements are not supported in rules files (only calls and NAME = value)`, t);
    }
    const next = tokens[k + 1]!;
    if (t.kind === 'name' && (isOp('=', next) || isOp('+=', next))) {
      k += 2;
      return { type: 'assign', name: t.value, op: next.value as '=' | '+=', value: expression(), pos: pos(t) };
    }
    const expr = expression();
    if (peek().kind === 'op' && peek().value.endsWith('=') && !['==', '!=', '<=', '>='].includes(peek().value)) {
      fail('only a plain name can be assigned to', peek());
    }
    return { type: 'expr', expr, pos: pos(t) };
  }

  function expression(): Expr {
    let left = unary();
    while (isOp('+')) {
      const op = peek();
      k++;
      left = { type: 'binary', op: '+', left, right: unary(), pos: pos(op) };
    }
    const t = peek();
    if (t.kind === 'op' && ['-', '*', '/', '//', '%', '**', '==', '!=', '<', '>', '<=', '>=', '|', '&', '^', '<<', '>>'].includes(t.value)) {
      fail(`operator \`${t.value}\` is not supported in rules files`, t);
    }
    if (t.kind === 'name' && KEYWORDS.has(t.value)) fail(`\`${t.value}\` expressions are not supported in rules files`, t);
    return left;
  }

  function unary(): Expr {
    const t = peek();
    if (isOp('-', t)) {
      k++;
      return { type: 'neg', operand: unary(), pos: pos(t) };
    }
    return postfix(primary());
  }

  function postfix(expr: Expr): Expr {
    for (;;) {
      const t = peek();
      if (isOp('(', t)) {
        k++;
        expr = { type: 'call', callee: expr, args: callArgs(), pos: expr.pos };
      } else if (isOp('[', t) || isOp('.', t)) {
        fail(`${t.value === '.' ? 'attribute access' : 'indexing'} is not supported in rules files`, t);
      } else {
        return expr;
      }
    }
  }

  function callArgs(): Arg[] {
    const args: Arg[] = [];
    while (!isOp(')')) {
      const t = peek();
      if (isOp('*', t) || isOp('**', t)) fail('*args and **kwargs are not supported in rules files', t);
      if (t.kind === 'name' && isOp('=', tokens[k + 1]!)) {
        k += 2;
        args.push({ name: t.value, value: expression(), pos: pos(t) });
      } else {
        args.push({ value: expression(), pos: pos(t) });
      }
      if (!isOp(',')) break;
      k++;
    }
    expectOp(')', 'to close the argument list');
    return args;
  }

  function primary(): Expr {
    const t = peek();
    switch (t.kind) {
      case 'string': {
        k++;
        if (peek().kind === 'string') fail('implicit string concatenation is not allowed; use +', peek());
        return { type: 'string', value: t.value, pos: pos(t) };
      }
      case 'int':
        k++;
        return { type: 'int', value: Number(t.value.replace(/^0[oO]/, '0o')), pos: pos(t) };
      case 'name':
        if (KEYWORDS.has(t.value)) fail(`\`${t.value}\` is not supported in rules files`, t);
        k++;
        return { type: 'name', name: t.value, pos: pos(t) };
      case 'op':
        if (t.value === '[') {
          k++;
          const items: Expr[] = [];
          while (!isOp(']')) {
            items.push(expression());
            if (peek().kind === 'name' && peek().value === 'for') fail('list comprehensions are not supported in rules files');
            if (!isOp(',')) break;
            k++;
          }
          expectOp(']', 'to close the list');
          return { type: 'list', items, pos: pos(t) };
        }
        if (t.value === '{') {
          k++;
          const entries: [Expr, Expr][] = [];
          while (!isOp('}')) {
            const key = expression();
            expectOp(':', 'after a dict key');
            entries.push([key, expression()]);
            if (!isOp(',')) break;
            k++;
          }
          expectOp('}', 'to close the dict');
          return { type: 'dict', entries, pos: pos(t) };
        }
        if (t.value === '(') {
          k++;
          const inner = expression();
          if (isOp(',')) fail('tuples are not supported in rules files; use a list', peek());
          expectOp(')', 'to close the parenthesis');
          return inner;
        }
        return fail(`unexpected ${describe(t)}`, t);
      default:
        return fail(`unexpected ${describe(t)}`, t);
    }
  }
}

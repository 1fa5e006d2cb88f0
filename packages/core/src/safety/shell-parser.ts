// A small POSIX-shell parser (bash-compatible where it matters for safety): words with
// single/double quotes, backslashes, $var/${...}/$(...)/$((...))/backticks, globs and
// brace expansion; operators && || ; & | |&; redirections and heredocs; ( ) subshells,
// { } groups, if/while/until/for. `case`, functions and `[[ ]]` are refused as unknown.
import { CoreError } from '../errors.js';
import type {
  AndOr, Command, ParseResult, Pipeline, Redirect, Script, SimpleCommand, Word, WordFeature,
} from './shell-ast.js';

class ShellSyntaxError extends CoreError<'shell_syntax'> {
  constructor(message: string, readonly offset: number) {
    super('shell_syntax', message);
  }
}

const REDIRECT_OPS = ['<<<', '<<-', '&>>', '<<', '>>', '<&', '>&', '<>', '>|', '&>', '<', '>'];
const CONTROL_OPS = ['&&', '||', ';;', ';&', '|&', '|', '&', ';', '(', ')'];
const RESERVED_AT = /^(if|then|else|elif|fi|do|done|case|esac|while|until|for|in|function|select|coproc|\{|\}|!|\[\[|\]\])(?=[ \t\r\n;&|<>()]|$)/;
const META = new Set([' ', '\t', '\n', ';', '&', '|', '<', '>', '(', ')']);

/** Parses `source` as a shell script. Never throws: bad or unsupported syntax is `ok: false`. */
export function parseShellScript(source: string): ParseResult {
  try {
    const parser = new Parser(source);
    const script = parser.script(new Set());
    parser.expectEnd();
    return { ok: true, script };
  } catch (err: unknown) {
    if (err instanceof ShellSyntaxError) return { ok: false, error: err.message, offset: err.offset };
    throw err;
  }
}

class Parser {
  pos = 0;
  hasComments = false;
  readonly pendingHeredocs: { delimiter: string; stripTabs: boolean; redirect: { heredoc?: string } }[] = [];

  constructor(readonly src: string) {}

  fail(message: string, at = this.pos): never {
    throw new ShellSyntaxError(message, at);
  }

  /** Skips blanks, line continuations and comments (not newlines). */
  blanks(): void {
    for (;;) {
      const c = this.src[this.pos];
      if (c === ' ' || c === '\t' || c === '\r') this.pos++;
      else if (c === '\\' && this.src[this.pos + 1] === '\n') this.pos += 2;
      else if (c === '#') {
        this.hasComments = true;
        while (this.pos < this.src.length && this.src[this.pos] !== '\n') this.pos++;
      } else return;
    }
  }

  /** Consumes one newline and any heredoc bodies waiting for it. */
  newline(): void {
    this.pos++;
    while (this.pendingHeredocs.length > 0) {
      const h = this.pendingHeredocs.shift()!;
      const lines: string[] = [];
      for (;;) {
        if (this.pos >= this.src.length) break;
        let end = this.src.indexOf('\n', this.pos);
        if (end < 0) end = this.src.length;
        let line = this.src.slice(this.pos, end);
        this.pos = Math.min(end + 1, this.src.length);
        if (h.stripTabs) line = line.replace(/^\t+/, '');
        if (line === h.delimiter) break;
        lines.push(line);
      }
      h.redirect.heredoc = lines.join('\n');
    }
  }

  linebreaks(): void {
    for (;;) {
      this.blanks();
      if (this.src[this.pos] === '\n') this.newline();
      else return;
    }
  }

  operator(): string | undefined {
    const s = this.src;
    const p = this.pos;
    if ((s[p] === '<' || s[p] === '>') && s[p + 1] === '(') return undefined;
    for (const op of CONTROL_OPS) if (s.startsWith(op, p)) return op;
    for (const op of REDIRECT_OPS) if (s.startsWith(op, p)) return op;
    if (s[p] === '\n') return '\n';
    return undefined;
  }

  /** The reserved word at the cursor (if the next token is one), without consuming it. */
  peekReserved(): string | undefined {
    const m = RESERVED_AT.exec(this.src.slice(this.pos, this.pos + 10));
    return m ? m[1] : undefined;
  }

  expectReserved(word: string): void {
    this.linebreaks();
    if (this.peekReserved() !== word) this.fail(`expected \`${word}\``);
    this.word();
  }

  expectEnd(): void {
    this.linebreaks();
    if (this.pos < this.src.length) this.fail(`unexpected \`${this.operator() ?? this.src[this.pos]}\``);
    if (this.pendingHeredocs.length > 0) this.newline();
  }

  script(terminators: ReadonlySet<string>): Script {
    const items: { andOr: AndOr; separator?: ';' | '&' | '\n' }[] = [];
    for (;;) {
      this.linebreaks();
      if (this.pos >= this.src.length) break;
      const op = this.operator();
      if (op === ')' && terminators.has(')')) break;
      const reserved = this.peekReserved();
      if (reserved !== undefined && terminators.has(reserved)) break;
      const andOr = this.andOr();
      this.blanks();
      const sep = this.operator();
      if (sep === ';' || sep === '&') {
        this.pos++;
        items.push({ andOr, separator: sep });
      } else if (sep === '\n') {
        this.newline();
        items.push({ andOr, separator: '\n' });
      } else {
        items.push({ andOr });
        break;
      }
    }
    return { items, hasComments: this.hasComments };
  }

  andOr(): AndOr {
    const first = this.pipeline();
    const rest: { op: '&&' | '||'; pipeline: Pipeline }[] = [];
    for (;;) {
      this.blanks();
      const op = this.operator();
      if (op !== '&&' && op !== '||') return { first, rest };
      this.pos += 2;
      this.linebreaks();
      rest.push({ op, pipeline: this.pipeline() });
    }
  }

  pipeline(): Pipeline {
    this.blanks();
    let negated = false;
    if (this.peekReserved() === '!') {
      this.word();
      negated = true;
    }
    const commands: Command[] = [this.command()];
    const operators: ('|' | '|&')[] = [];
    for (;;) {
      this.blanks();
      const op = this.operator();
      if (op !== '|' && op !== '|&') return { negated, commands, operators };
      this.pos += op.length;
      operators.push(op);
      this.linebreaks();
      commands.push(this.command());
    }
  }

  command(): Command {
    this.blanks();
    const start = this.pos;
    const op = this.operator();
    if (op === '(') {
      this.pos++;
      const body = this.script(new Set([')']));
      this.linebreaks();
      if (this.operator() !== ')') this.fail('expected `)`');
      this.pos++;
      return { type: 'subshell', body, redirects: this.trailingRedirects() };
    }
    const reserved = this.peekReserved();
    switch (reserved) {
      case undefined:
        return this.simple();
      case '{': {
        this.word();
        const body = this.script(new Set(['}']));
        this.expectReserved('}');
        return { type: 'group', body, redirects: this.trailingRedirects() };
      }
      case 'if':
        return this.ifCommand();
      case 'while':
      case 'until': {
        this.word();
        const condition = this.script(new Set(['do']));
        this.expectReserved('do');
        const body = this.script(new Set(['done']));
        this.expectReserved('done');
        return { type: reserved, condition, body, redirects: this.trailingRedirects() };
      }
      case 'for':
        return this.forCommand();
      case 'case':
      case 'function':
      case 'select':
      case 'coproc':
      case '[[':
        return this.fail(`unsupported shell syntax \`${reserved}\``, start);
      default:
        return this.fail(`unexpected \`${reserved}\``, start);
    }
  }

  ifCommand(): Command {
    this.word();
    const clauses: { condition: Script; body: Script }[] = [];
    let elseBody: Script | undefined;
    for (;;) {
      const condition = this.script(new Set(['then']));
      this.expectReserved('then');
      const body = this.script(new Set(['elif', 'else', 'fi']));
      clauses.push({ condition, body });
      this.linebreaks();
      const next = this.peekReserved();
      this.word();
      if (next === 'elif') continue;
      if (next === 'else') {
        elseBody = this.script(new Set(['fi']));
        this.expectReserved('fi');
      } else if (next !== 'fi') this.fail('expected `fi`');
      break;
    }
    if (clauses.some((c) => c.condition.items.length === 0)) this.fail('empty `if` condition');
    return elseBody ? { type: 'if', clauses, elseBody, redirects: this.trailingRedirects() } : { type: 'if', clauses, redirects: this.trailingRedirects() };
  }

  forCommand(): Command {
    this.word();
    this.blanks();
    const variable = this.word();
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(variable.raw)) this.fail('bad `for` variable');
    this.blanks();
    let items: Word[] | undefined;
    if (this.peekReserved() === 'in') {
      this.word();
      items = [];
      for (;;) {
        this.blanks();
        if (this.pos >= this.src.length || this.operator() !== undefined) break;
        items.push(this.word());
      }
    }
    this.blanks();
    if (this.operator() === ';') this.pos++;
    this.expectReserved('do');
    const body = this.script(new Set(['done']));
    this.expectReserved('done');
    const redirects = this.trailingRedirects();
    return items ? { type: 'for', variable: variable.raw, items, body, redirects } : { type: 'for', variable: variable.raw, body, redirects };
  }

  trailingRedirects(): Redirect[] {
    const out: Redirect[] = [];
    for (;;) {
      this.blanks();
      const r = this.redirect();
      if (!r) return out;
      out.push(r);
    }
  }

  /** A redirection at the cursor (with an optional fd number), or undefined. */
  redirect(): Redirect | undefined {
    const start = this.pos;
    const fd = /^\d+(?=[<>])/.exec(this.src.slice(this.pos, this.pos + 12))?.[0];
    if (fd) this.pos += fd.length;
    const op = this.operator();
    if (op === undefined || !REDIRECT_OPS.includes(op)) {
      this.pos = start;
      return undefined;
    }
    this.pos += op.length;
    this.blanks();
    if (this.pos >= this.src.length || this.operator() !== undefined) this.fail(`expected a word after \`${op}\``);
    const target = this.word();
    const redirect: { op: string; fd?: string; target: Word; heredoc?: string } = fd ? { op, fd, target } : { op, target };
    if (op === '<<' || op === '<<-') {
      this.pendingHeredocs.push({ delimiter: target.value, stripTabs: op === '<<-', redirect });
    }
    return redirect;
  }

  simple(): SimpleCommand {
    const assignments: Word[] = [];
    const words: Word[] = [];
    const redirects: Redirect[] = [];
    for (;;) {
      this.blanks();
      if (this.pos >= this.src.length) break;
      const r = this.redirect();
      if (r) {
        redirects.push(r);
        continue;
      }
      if (this.operator() !== undefined) {
        if (this.operator() === '(' && words.length === 1) this.fail('function definitions are not supported');
        break;
      }
      const w = this.word();
      if (words.length === 0 && /^[A-Za-z_][A-Za-z0-9_]*\+?=/.test(w.raw)) assignments.push(w);
      else words.push(w);
    }
    if (words.length === 0 && assignments.length === 0 && redirects.length === 0) {
      this.fail(this.pos >= this.src.length ? 'unexpected end of script' : `unexpected \`${this.operator() ?? this.src[this.pos]}\``);
    }
    return { type: 'simple', assignments, words, redirects };
  }

  /** Reads one word starting at the cursor (which must not be at an operator). */
  word(): Word {
    const s = this.src;
    const start = this.pos;
    let value = '';
    let quoted = false;
    const features = new Set<WordFeature>();
    const subs: Script[] = [];
    if (s[this.pos] === '~') features.add('tilde');
    while (this.pos < s.length) {
      const c = s[this.pos]!;
      if (META.has(c)) {
        if ((c === '<' || c === '>') && s[this.pos + 1] === '(') {
          const end = this.matchParen(this.pos + 1);
          features.add('process-sub');
          value += s.slice(this.pos, end);
          this.pos = end;
          continue;
        }
        break;
      }
      if (c === '\\') {
        if (s[this.pos + 1] === '\n') {
          this.pos += 2;
          continue;
        }
        quoted = true;
        if (this.pos + 1 < s.length) value += s[this.pos + 1];
        this.pos += 2;
      } else if (c === "'") {
        const end = s.indexOf("'", this.pos + 1);
        if (end < 0) this.fail('unterminated single quote', this.pos);
        quoted = true;
        value += s.slice(this.pos + 1, end);
        this.pos = end + 1;
      } else if (c === '"') {
        quoted = true;
        value += this.doubleQuoted(features, subs);
      } else if (c === '$') {
        value += this.dollar(features, subs, false);
      } else if (c === '`') {
        value += this.backtick(features, subs);
      } else {
        if (c === '*' || c === '?') features.add('glob');
        if (c === '[' && s.indexOf(']', this.pos + 1) > this.pos && s.slice(this.pos, s.indexOf(']', this.pos + 1)).split('').every((ch) => !META.has(ch))) features.add('glob');
        if (c === '{' && /^\{[^{}\s]*(,|\.\.)[^{}\s]*\}/.test(s.slice(this.pos))) features.add('brace');
        value += c;
        this.pos++;
      }
    }
    if (this.pos === start) this.fail('expected a word');
    const raw = s.slice(start, this.pos);
    const dynamic = [...features].some((f) => f !== 'tilde');
    return { raw, value, isStatic: !dynamic, quoted, features: [...features], substitutions: subs };
  }

  doubleQuoted(features: Set<WordFeature>, subs: Script[]): string {
    const s = this.src;
    const open = this.pos;
    this.pos++;
    let out = '';
    for (;;) {
      if (this.pos >= s.length) this.fail('unterminated double quote', open);
      const c = s[this.pos]!;
      if (c === '"') {
        this.pos++;
        return out;
      }
      if (c === '\\') {
        const n = s[this.pos + 1];
        if (n !== undefined && '$`"\\\n'.includes(n)) {
          if (n !== '\n') out += n;
          this.pos += 2;
          continue;
        }
        out += c;
        this.pos++;
      } else if (c === '$') {
        out += this.dollar(features, subs, true);
      } else if (c === '`') {
        out += this.backtick(features, subs);
      } else {
        out += c;
        this.pos++;
      }
    }
  }

  /** A `$` expansion at the cursor; returns its source text (or the literal `$`). */
  dollar(features: Set<WordFeature>, subs: Script[], inDouble: boolean): string {
    const s = this.src;
    const start = this.pos;
    const n = s[this.pos + 1];
    if (n === '(' && s[this.pos + 2] === '(') {
      this.pos = this.matchParen(this.pos + 1);
      features.add('arith');
    } else if (n === '(') {
      this.pos += 2;
      const body = this.script(new Set([')']));
      this.linebreaks();
      if (s[this.pos] !== ')') this.fail('unterminated `$(`', start);
      this.pos++;
      subs.push(body);
      features.add('command-sub');
    } else if (n === '{') {
      let depth = 0;
      let i = this.pos + 1;
      for (; i < s.length; i++) {
        if (s[i] === '\\') i++;
        else if (s[i] === '{') depth++;
        else if (s[i] === '}' && --depth === 0) break;
      }
      if (i >= s.length) this.fail('unterminated `${`', start);
      this.pos = i + 1;
      features.add('param');
    } else if (n === "'" && !inDouble) {
      const close = /^'(?:[^'\\]|\\.)*'/s.exec(s.slice(this.pos + 1));
      if (!close) this.fail('unterminated $\'...\' string', start);
      this.pos += 1 + close![0].length;
      features.add('ansi-c');
    } else if (n === '"' && !inDouble) {
      this.pos++;
      this.doubleQuoted(features, subs);
      features.add('locale');
    } else if (n !== undefined && /[A-Za-z_]/.test(n)) {
      this.pos++;
      while (this.pos < s.length && /[A-Za-z0-9_]/.test(s[this.pos]!)) this.pos++;
      features.add('param');
    } else if (n !== undefined && /[0-9@*#?$!-]/.test(n)) {
      this.pos += 2;
      features.add('param');
    } else {
      this.pos++;
      return '$';
    }
    return s.slice(start, this.pos);
  }

  backtick(features: Set<WordFeature>, subs: Script[]): string {
    const s = this.src;
    const start = this.pos;
    let i = this.pos + 1;
    let body = '';
    for (; i < s.length && s[i] !== '`'; i++) {
      if (s[i] === '\\' && i + 1 < s.length && '`$\\'.includes(s[i + 1]!)) body += s[++i];
      else body += s[i];
    }
    if (i >= s.length) this.fail('unterminated backtick', start);
    this.pos = i + 1;
    const inner = parseShellScript(body);
    if (!inner.ok) this.fail(`in backticks: ${inner.error}`, start);
    subs.push((inner as { script: Script }).script);
    features.add('command-sub');
    return s.slice(start, this.pos);
  }

  /** Offset just past the `)` matching the `(` at `open`, skipping quoted text. */
  matchParen(open: number): number {
    const s = this.src;
    let depth = 0;
    for (let i = open; i < s.length; i++) {
      const c = s[i];
      if (c === '\\') i++;
      else if (c === "'") {
        const end = s.indexOf("'", i + 1);
        if (end < 0) break;
        i = end;
      } else if (c === '(') depth++;
      else if (c === ')' && --depth === 0) return i + 1;
    }
    return this.fail('unbalanced parentheses', open);
  }
}

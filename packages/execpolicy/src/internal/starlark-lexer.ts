// Tokenizer for the Starlark subset of rules files: names, ints, string literals
// (single, double, triple-quoted, raw; Starlark escapes), operators, comments, and
// logical lines (newlines inside brackets are ignored). Positions are 1-based.
import { ExecPolicyError } from '../errors.js';

export type TokenKind = 'name' | 'string' | 'int' | 'op' | 'newline' | 'eof';

export interface Token {
  readonly kind: TokenKind;
  readonly value: string;
  readonly line: number;
  readonly column: number;
}

const OPS3 = ['**=', '//=', '<<=', '>>='];
const OPS2 = ['+=', '-=', '*=', '/=', '%=', '==', '!=', '<=', '>=', '**', '//', '->', '<<', '>>', '&=', '|=', '^='];
const OPS1 = '()[]{},=:;+-*/%.<>|&^~';
const SIMPLE_ESCAPES: Record<string, string> = {
  n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', a: '\x07', b: '\b', f: '\f', v: '\v',
};

/** Splits `source` into tokens; a malformed literal is a `syntax` error at its position. */
export function tokenize(path: string, source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  let line = 1;
  let lineStart = 0;
  let depth = 0;
  let atLineStart = true;
  const col = (at: number) => at - lineStart + 1;
  const fail = (detail: string, at: number, atLine = line): never => {
    throw new ExecPolicyError('syntax', detail, { location: { path, line: atLine, column: col(at) } });
  };
  const push = (kind: TokenKind, value: string, at: number, atLine = line, atCol = col(at)) =>
    tokens.push({ kind, value, line: atLine, column: atCol });

  while (i < source.length) {
    const c = source[i]!;
    if (c === '\n') {
      if (depth === 0 && !atLineStart) push('newline', '\n', i);
      atLineStart = depth === 0 ? true : atLineStart;
      i++;
      line++;
      lineStart = i;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r') {
      i++;
      continue;
    }
    if (c === '#') {
      while (i < source.length && source[i] !== '\n') i++;
      continue;
    }
    if (c === '\\' && source[i + 1] === '\n') {
      i += 2;
      line++;
      lineStart = i;
      continue;
    }
    if (atLineStart && depth === 0 && i > lineStart) fail('unexpected indentation', i);
    atLineStart = false;

    const startLine = line;
    const startCol = col(i);
    if (/[A-Za-z_]/.test(c)) {
      let j = i + 1;
      while (j < source.length && /[A-Za-z0-9_]/.test(source[j]!)) j++;
      const word = source.slice(i, j);
      const q = source[j];
      if ((word === 'r' || word === 'R' || word === 'b' || word === 'rb' || word === 'br') && (q === '"' || q === "'")) {
        const raw = word.toLowerCase().includes('r');
        const res = readString(j, raw);
        push('string', res.value, i, startLine, startCol);
        i = res.end;
        continue;
      }
      if ((word === 'f' || word === 'F') && (q === '"' || q === "'")) fail('f-strings are not supported in rules files', i);
      push('name', word, i);
      i = j;
      continue;
    }
    if (/[0-9]/.test(c)) {
      let j = i;
      while (j < source.length && /[0-9A-Za-z_]/.test(source[j]!)) j++;
      const text = source.slice(i, j);
      if (!/^(0|[1-9][0-9]*|0[xX][0-9a-fA-F]+|0[oO][0-7]+)$/.test(text)) fail(`invalid number literal \`${text}\``, i);
      push('int', text, i);
      i = j;
      continue;
    }
    if (c === '"' || c === "'") {
      const res = readString(i, false);
      push('string', res.value, i, startLine, startCol);
      i = res.end;
      continue;
    }
    const three = source.slice(i, i + 3);
    const two = source.slice(i, i + 2);
    const op = OPS3.includes(three) ? three : OPS2.includes(two) ? two : OPS1.includes(c) ? c : undefined;
    if (op === undefined) fail(`unexpected character \`${c}\``, i);
    if (op === '(' || op === '[' || op === '{') depth++;
    if (op === ')' || op === ']' || op === '}') depth = Math.max(0, depth - 1);
    push('op', op!, i);
    i += op!.length;
  }
  if (!atLineStart) push('newline', '\n', i);
  push('eof', '', i);
  return tokens;

  // Reads a string literal whose opening quote is at `start`; tracks line numbers.
  function readString(start: number, raw: boolean): { value: string; end: number } {
    const quote = source[start]!;
    const triple = source.slice(start, start + 3) === quote.repeat(3);
    const openLine = line;
    const openCol = col(start);
    let j = start + (triple ? 3 : 1);
    let out = '';
    for (;;) {
      if (j >= source.length) {
        throw new ExecPolicyError('syntax', 'unterminated string literal', {
          location: { path, line: openLine, column: openCol },
        });
      }
      const ch = source[j]!;
      if (triple ? source.startsWith(quote.repeat(3), j) : ch === quote) {
        return { value: out, end: j + (triple ? 3 : 1) };
      }
      if (ch === '\n') {
        if (!triple) {
          throw new ExecPolicyError('syntax', 'unterminated string literal', {
            location: { path, line: openLine, column: openCol },
          });
        }
        out += ch;
        j++;
        line++;
        lineStart = j;
        continue;
      }
      if (ch !== '\\') {
        out += ch;
        j++;
        continue;
      }
      const next = source[j + 1];
      if (next === undefined) continue;
      if (raw) {
        out += ch + next;
        if (next === '\n') {
          line++;
          lineStart = j + 2;
        }
        j += 2;
        continue;
      }
      if (next === '\n') {
        j += 2;
        line++;
        lineStart = j;
        continue;
      }
      const simple = SIMPLE_ESCAPES[next];
      if (simple !== undefined) {
        out += simple;
        j += 2;
        continue;
      }
      const hex = next === 'x' ? 2 : next === 'u' ? 4 : next === 'U' ? 8 : 0;
      if (hex > 0) {
        const digits = source.slice(j + 2, j + 2 + hex);
        if (!new RegExp(`^[0-9a-fA-F]{${hex}}$`).test(digits)) fail(`invalid escape sequence \`\\${next}${digits}\``, j);
        out += String.fromCodePoint(parseInt(digits, 16));
        j += 2 + hex;
        continue;
      }
      if (/[0-7]/.test(next)) {
        const m = /^[0-7]{1,3}/.exec(source.slice(j + 1))![0];
        out += String.fromCodePoint(parseInt(m, 8));
        j += 1 + m.length;
        continue;
      }
      fail(`invalid escape sequence \`\\${next}\``, j);
    }
  }
}

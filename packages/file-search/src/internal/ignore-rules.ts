// Compiles gitignore-syntax files into RuleSets and matches paths against them with git's
// semantics: last matching rule wins, `!` re-includes, a trailing `/` matches directories
// only, a pattern with an inner or leading `/` is anchored to the file's directory, and `**`
// spans directories. Literal, `*.ext` and `prefix*` patterns skip the regex engine.

/** Outcome of matching a path against rules. */
export const NONE = 0;
export const IGNORE = 1;
export const WHITELIST = 2;
export type MatchResult = typeof NONE | typeof IGNORE | typeof WHITELIST;

const KIND_NAME_LITERAL = 0;
const KIND_NAME_SUFFIX = 1;
const KIND_NAME_PREFIX = 2;
const KIND_NAME_REGEX = 3;
const KIND_PATH_LITERAL = 4;
const KIND_PATH_REGEX = 5;

interface Rule {
  readonly kind: number;
  readonly negate: boolean;
  readonly dirOnly: boolean;
  readonly text: string;
  readonly re: RegExp | null;
}

/**
 * The rules of one ignore file (or one list of globs). Paths given to {@link RuleSet.match}
 * are relative to the search root; `base` is this file's directory relative to that root
 * ('' or 'a/b/'), and `outerPrefix` is the search root relative to this file's directory
 * when the file lives above the root ('' or 'sub/').
 */
export class RuleSet {
  readonly rules: readonly Rule[];
  readonly needsPath: boolean;

  constructor(
    rules: Rule[],
    readonly base: string,
    readonly outerPrefix: string,
  ) {
    this.rules = rules;
    this.needsPath = rules.some((r) => r.kind >= KIND_PATH_LITERAL);
  }

  /** Match `rel` (relative to the search root; `name` is its last component). */
  match(rel: string, name: string, isDir: boolean): MatchResult {
    const rules = this.rules;
    let local: string | null = null;
    for (let i = rules.length - 1; i >= 0; i--) {
      const r = rules[i]!;
      if (r.dirOnly && !isDir) continue;
      let hit: boolean;
      switch (r.kind) {
        case KIND_NAME_LITERAL:
          hit = name === r.text;
          break;
        case KIND_NAME_SUFFIX:
          hit = name.endsWith(r.text);
          break;
        case KIND_NAME_PREFIX:
          hit = name.startsWith(r.text);
          break;
        case KIND_NAME_REGEX:
          hit = r.re!.test(name);
          break;
        default:
          if (local === null) local = this.outerPrefix + rel.slice(this.base.length);
          hit = r.kind === KIND_PATH_LITERAL ? local === r.text : r.re!.test(local);
      }
      if (hit) return r.negate ? WHITELIST : IGNORE;
    }
    return NONE;
  }
}

/** Parse gitignore-syntax `content` into rules. */
export function parseRules(content: string): Rule[] {
  const rules: Rule[] = [];
  for (let line of content.split('\n')) {
    if (line.endsWith('\r')) line = line.slice(0, -1);
    if (line === '' || line.startsWith('#')) continue;
    // Trailing spaces are dropped unless escaped with a backslash.
    let endAt = line.length;
    while (endAt > 0 && line[endAt - 1] === ' ' && !(endAt > 1 && line[endAt - 2] === '\\')) endAt--;
    line = line.slice(0, endAt);
    let negate = false;
    if (line.startsWith('!')) {
      negate = true;
      line = line.slice(1);
    }
    let dirOnly = false;
    while (line.endsWith('/') && !line.endsWith('\\/')) {
      dirOnly = true;
      line = line.slice(0, -1);
    }
    if (line === '') continue;
    const rule = compileRule(line, negate, dirOnly);
    if (rule) rules.push(rule);
  }
  return rules;
}

const GLOB_CHARS = /[*?[\\]/;

function compileRule(pattern: string, negate: boolean, dirOnly: boolean): Rule | null {
  const anchored = pattern.includes('/');
  if (pattern.startsWith('/')) pattern = pattern.slice(1);
  if (pattern === '') return null;
  if (!anchored) {
    if (!GLOB_CHARS.test(pattern)) return { kind: KIND_NAME_LITERAL, negate, dirOnly, text: pattern, re: null };
    const rest = pattern.slice(1);
    if (pattern[0] === '*' && !GLOB_CHARS.test(rest)) {
      return { kind: KIND_NAME_SUFFIX, negate, dirOnly, text: rest, re: null };
    }
    const head = pattern.slice(0, -1);
    if (pattern.endsWith('*') && !GLOB_CHARS.test(head)) {
      return { kind: KIND_NAME_PREFIX, negate, dirOnly, text: head, re: null };
    }
    return { kind: KIND_NAME_REGEX, negate, dirOnly, text: pattern, re: new RegExp(`^${segmentToRegex(pattern)}$`, 's') };
  }
  if (!GLOB_CHARS.test(pattern)) return { kind: KIND_PATH_LITERAL, negate, dirOnly, text: pattern, re: null };
  const segs = pattern.split('/');
  let src = '';
  for (let i = 0; i < segs.length; i++) {
    const seg = segs[i]!;
    const last = i === segs.length - 1;
    if (seg === '**') {
      src += last ? '.*' : '(?:.*/)?';
    } else {
      src += segmentToRegex(seg);
      if (!last) src += '/';
    }
  }
  return { kind: KIND_PATH_REGEX, negate, dirOnly, text: pattern, re: new RegExp(`^${src}$`, 's') };
}

const REGEX_SPECIAL = /[.*+?^${}()|[\]\\/-]/;

function escapeChar(ch: string): string {
  return REGEX_SPECIAL.test(ch) ? `\\${ch}` : ch;
}

/** Convert one path segment of a glob (no `/`) into regex source. */
function segmentToRegex(seg: string): string {
  let out = '';
  for (let i = 0; i < seg.length; i++) {
    const ch = seg[i]!;
    if (ch === '\\') {
      if (i + 1 < seg.length) out += escapeChar(seg[++i]!);
    } else if (ch === '*') {
      while (seg[i + 1] === '*') i++;
      out += '[^/]*';
    } else if (ch === '?') {
      out += '[^/]';
    } else if (ch === '[') {
      const close = classEnd(seg, i);
      if (close < 0) {
        out += '\\[';
        continue;
      }
      let body = seg.slice(i + 1, close);
      let neg = false;
      if (body.startsWith('!') || body.startsWith('^')) {
        neg = true;
        body = body.slice(1);
      }
      let cls = '';
      for (let k = 0; k < body.length; k++) {
        const b = body[k]!;
        if (b === '\\' && k + 1 < body.length) cls += `\\${body[++k]}`;
        else if (b === '-' && k > 0 && k < body.length - 1) cls += '-';
        else cls += /[\]\\^-]/.test(b) ? `\\${b}` : b;
      }
      out += neg ? `[^/${cls}]` : `[${cls}]`;
      i = close;
    } else {
      out += escapeChar(ch);
    }
  }
  return out;
}

/** Index of the `]` closing the class opened at `open`, or -1. */
function classEnd(seg: string, open: number): number {
  let k = open + 1;
  if (seg[k] === '!' || seg[k] === '^') k++;
  if (seg[k] === ']') k++;
  for (; k < seg.length; k++) {
    if (seg[k] === '\\') k++;
    else if (seg[k] === ']') return k;
  }
  return -1;
}

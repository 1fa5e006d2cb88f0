// The syntax tree produced by shell-parser.ts for POSIX-shell scripts (the bodies of
// `bash -lc` / `zsh -lc` / `sh -c`). Words keep both their source text and, when fully
// static, their value after quote removal.

/** Something in a word that the shell expands at run time (or that we refuse to trust). */
export type WordFeature =
  | 'param'
  | 'command-sub'
  | 'arith'
  | 'glob'
  | 'brace'
  | 'ansi-c'
  | 'locale'
  | 'process-sub'
  | 'tilde';

/** One shell word. `isStatic` is true when its value cannot change at run time. */
export interface Word {
  readonly raw: string;
  /** Value after quote removal; expansions are kept as their source text. */
  readonly value: string;
  readonly isStatic: boolean;
  readonly quoted: boolean;
  readonly features: readonly WordFeature[];
  /** Bodies of `$(...)` and backtick substitutions inside the word. */
  readonly substitutions: readonly Script[];
}

/** A redirection such as `> out`, `2>&1`, `<<EOF`. */
export interface Redirect {
  readonly op: string;
  readonly fd?: string;
  readonly target: Word;
  readonly heredoc?: string;
}

export interface SimpleCommand {
  readonly type: 'simple';
  readonly assignments: readonly Word[];
  readonly words: readonly Word[];
  readonly redirects: readonly Redirect[];
}

export interface SubshellCommand {
  readonly type: 'subshell' | 'group';
  readonly body: Script;
  readonly redirects: readonly Redirect[];
}

export interface IfCommand {
  readonly type: 'if';
  readonly clauses: readonly { readonly condition: Script; readonly body: Script }[];
  readonly elseBody?: Script;
  readonly redirects: readonly Redirect[];
}

export interface LoopCommand {
  readonly type: 'while' | 'until';
  readonly condition: Script;
  readonly body: Script;
  readonly redirects: readonly Redirect[];
}

export interface ForCommand {
  readonly type: 'for';
  readonly variable: string;
  readonly items?: readonly Word[];
  readonly body: Script;
  readonly redirects: readonly Redirect[];
}

export type Command = SimpleCommand | SubshellCommand | IfCommand | LoopCommand | ForCommand;

/** `cmd | cmd |& cmd`, optionally negated with `!`. */
export interface Pipeline {
  readonly negated: boolean;
  readonly commands: readonly Command[];
  readonly operators: readonly ('|' | '|&')[];
}

/** `pipeline && pipeline || pipeline`. */
export interface AndOr {
  readonly first: Pipeline;
  readonly rest: readonly { readonly op: '&&' | '||'; readonly pipeline: Pipeline }[];
}

/** A list of and-or lists, each ended by `;`, `&`, a newline, or nothing. */
export interface Script {
  readonly items: readonly { readonly andOr: AndOr; readonly separator?: ';' | '&' | '\n' }[];
  /** True when the source contained a `#` comment. */
  readonly hasComments: boolean;
}

/** The parser's verdict: a tree, or the first syntax problem and its offset. */
export type ParseResult =
  | { readonly ok: true; readonly script: Script }
  | { readonly ok: false; readonly error: string; readonly offset: number };

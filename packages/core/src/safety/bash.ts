// Shell wrappers (`bash -lc SCRIPT`, `zsh -lc`, `sh -c`): recognising them and lowering
// their scripts to argv lists. "Plain" lowering accepts only words and quotes joined by
// && || ; | (the shape Codex trusts); "literal" lowering walks every command anywhere.
import type { Command, Script, SimpleCommand, Word } from './shell-ast.js';
import { parseShellScript } from './shell-parser.js';

const SHELLS = new Set(['bash', 'zsh', 'sh']);
const FLAGS = new Set(['-lc', '-c']);

function basename(p: string): string {
  return p.slice(p.lastIndexOf('/') + 1);
}

/** Where a shell named by path may live and still count as the system's shell. */
const SYSTEM_BIN_DIRS = new Set(['/bin', '/usr/bin', '/usr/local/bin', '/opt/homebrew/bin', '/run/current-system/sw/bin']);

/**
 * A shell argv[0] that names the system's bash/zsh/sh: a bare name, or an absolute path in a
 * system bin directory. `./bash` or `/ws/tools/bash` could be anything the model wrote, so
 * wrapping a "safe" script in it must not make the command safe.
 */
function isSystemShell(shell: string): boolean {
  if (!SHELLS.has(basename(shell))) return false;
  if (!shell.includes('/')) return true;
  return SYSTEM_BIN_DIRS.has(shell.slice(0, shell.lastIndexOf('/')));
}

/** The script of an exact `[shell, -lc|-c, script]` argv (shell: bash, zsh or sh by name or in a system bin directory). */
export function extractShellScript(command: readonly string[]): { shell: string; script: string } | undefined {
  if (command.length !== 3) return undefined;
  const [shell, flag, script] = command as [string, string, string];
  if (!isSystemShell(shell) || !FLAGS.has(flag)) return undefined;
  return { shell: basename(shell), script };
}

/** True when every part of a simple command is a static word (no assignment, redirection). */
function isPlainSimple(cmd: Command): cmd is SimpleCommand {
  return (
    cmd.type === 'simple' &&
    cmd.assignments.length === 0 &&
    cmd.redirects.length === 0 &&
    cmd.words.length > 0 &&
    cmd.words.every((w) => w.isStatic)
  );
}

/**
 * The commands of `script` when it is "plain": only static words, `&&`, `||`, `;`,
 * newlines and `|`. Undefined for anything else (redirections, substitutions, `&`,
 * subshells, control flow, comments, parse errors). `accept` decides which simple
 * commands count as plain (default: static words only).
 */
export function parsePlainCommands(
  script: string,
  accept: (cmd: Command) => cmd is SimpleCommand = isPlainSimple,
): string[][] | undefined {
  const parsed = parseShellScript(script);
  if (!parsed.ok || parsed.script.hasComments) return undefined;
  const out: string[][] = [];
  for (const item of parsed.script.items) {
    if (item.separator === '&') return undefined;
    for (const pipeline of [item.andOr.first, ...item.andOr.rest.map((r) => r.pipeline)]) {
      if (pipeline.negated || pipeline.operators.some((op) => op !== '|')) return undefined;
      for (const cmd of pipeline.commands) {
        if (!accept(cmd)) return undefined;
        out.push(cmd.words.map((w) => w.value));
      }
    }
  }
  return out.length > 0 ? out : undefined;
}

/** `parsePlainCommands` of a shell-wrapper argv; undefined when it is not one. */
export function parseShellLcPlainCommands(command: readonly string[]): string[][] | undefined {
  const wrapped = extractShellScript(command);
  return wrapped ? parsePlainCommands(wrapped.script) : undefined;
}

/**
 * Every simple command anywhere in a shell-wrapper script (inside control flow,
 * subshells, pipelines, substitutions) whose program name is a static word; dynamic
 * arguments appear as their source text. Undefined when not a wrapper or unparsable.
 */
export function parseShellLcLiteralCommands(command: readonly string[]): string[][] | undefined {
  const wrapped = extractShellScript(command);
  if (!wrapped) return undefined;
  const parsed = parseShellScript(wrapped.script);
  if (!parsed.ok) return undefined;
  const out: string[][] = [];
  walkScript(parsed.script, out);
  return out;
}

function walkWords(words: readonly Word[], out: string[][]): void {
  for (const w of words) for (const sub of w.substitutions) walkScript(sub, out);
}

function walkScript(script: Script, out: string[][]): void {
  for (const item of script.items) {
    for (const pipeline of [item.andOr.first, ...item.andOr.rest.map((r) => r.pipeline)]) {
      for (const cmd of pipeline.commands) walkCommand(cmd, out);
    }
  }
}

function walkCommand(cmd: Command, out: string[][]): void {
  walkWords(cmd.redirects.map((r) => r.target), out);
  switch (cmd.type) {
    case 'simple':
      walkWords(cmd.assignments, out);
      walkWords(cmd.words, out);
      if (cmd.words[0]?.isStatic) out.push(cmd.words.map((w) => (w.isStatic ? w.value : w.raw)));
      return;
    case 'subshell':
    case 'group':
      walkScript(cmd.body, out);
      return;
    case 'if':
      for (const c of cmd.clauses) {
        walkScript(c.condition, out);
        walkScript(c.body, out);
      }
      if (cmd.elseBody) walkScript(cmd.elseBody, out);
      return;
    case 'while':
    case 'until':
      walkScript(cmd.condition, out);
      walkScript(cmd.body, out);
      return;
    case 'for':
      walkWords(cmd.items ?? [], out);
      walkScript(cmd.body, out);
      return;
  }
}

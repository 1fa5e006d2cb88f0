// Keys for "approved for this session": the normalised command, not the wrapper argv.
// `bash -lc "git status"`, `zsh -lc 'git  status'` and ["git","status"] share one key.
import { shlexTryJoin } from '@codex-ts/execpolicy';
import { extractShellScript } from './bash.js';
import type { Pipeline, Script } from './shell-ast.js';
import { parseShellScript } from './shell-parser.js';

// A key must stay one-to-one with the command: words that cannot be shell-joined (a NUL
// byte) get their JSON form instead of the shared display placeholder.
function keyOf(words: readonly string[]): string {
  return shlexTryJoin(words) ?? JSON.stringify(words);
}

function renderPipeline(p: Pipeline): string | undefined {
  if (p.negated || p.operators.some((op) => op !== '|')) return undefined;
  const parts: string[] = [];
  for (const cmd of p.commands) {
    if (cmd.type !== 'simple' || cmd.assignments.length > 0 || cmd.redirects.length > 0) return undefined;
    if (cmd.words.length === 0 || !cmd.words.every((w) => w.isStatic)) return undefined;
    parts.push(keyOf(cmd.words.map((w) => w.value)));
  }
  return parts.join(' | ');
}

function renderPlainScript(script: Script): string | undefined {
  if (script.hasComments || script.items.length === 0) return undefined;
  const items: string[] = [];
  for (const item of script.items) {
    if (item.separator === '&') return undefined;
    let text = renderPipeline(item.andOr.first);
    for (const { op, pipeline } of item.andOr.rest) {
      const next = renderPipeline(pipeline);
      if (text === undefined || next === undefined) return undefined;
      text = `${text} ${op} ${next}`;
    }
    if (text === undefined) return undefined;
    items.push(text);
  }
  return items.join('; ');
}

/**
 * The session-approval key of a command: for a plain shell-wrapper script, its commands
 * re-rendered canonically (shell-quoted words, single spaces, `&&`/`||`/`|`/`;` kept);
 * for any other wrapper, the trimmed script; otherwise the shell-quoted argv. The key is
 * also what an approval request should show as the scope it covers.
 */
export function commandApprovalKey(command: readonly string[]): string {
  const wrapped = extractShellScript(command);
  if (!wrapped) return keyOf(command);
  const parsed = parseShellScript(wrapped.script);
  const rendered = parsed.ok ? renderPlainScript(parsed.script) : undefined;
  return rendered ?? wrapped.script.trim();
}

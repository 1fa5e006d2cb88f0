// Custom prompts, as Codex had them before skills: `$CODEX_HOME/prompts/<name>.md` becomes
// `/prompts:<name>`. Optional front matter gives `description` and `argument-hint`. The body
// may use `$1`…`$9` and `$ARGUMENTS` (positional arguments, split like a shell), or named
// `$UPPER_CASE` placeholders given as `KEY=value`; `$$` is a literal `$`.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { SlashCommand } from './commands.js';

export const PROMPTS_PREFIX = 'prompts:';
/** Prompt files larger than this are skipped (a prompt is text typed on a user's behalf). */
const MAX_PROMPT_BYTES = 256 * 1024;

export interface CustomPrompt {
  name: string;
  path: string;
  content: string;
  description?: string;
  argumentHint?: string;
}

/** Split front matter (`---` … `---`) from the body; keys `description` and `argument-hint`/`argument_hint`. */
export function parsePromptFile(text: string): { body: string; description?: string; argumentHint?: string } {
  const m = /^---\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/.exec(text);
  if (!m) return { body: text };
  const out: { body: string; description?: string; argumentHint?: string } = { body: text.slice(m[0].length) };
  for (const line of m[1]!.split(/\r?\n/)) {
    const kv = /^\s*([A-Za-z_-]+)\s*:\s*(.*?)\s*$/.exec(line);
    if (!kv) continue;
    const value = kv[2]!.replace(/^(["'])(.*)\1$/, '$2');
    const key = kv[1]!.toLowerCase();
    if (key === 'description') out.description = value;
    else if (key === 'argument-hint' || key === 'argument_hint') out.argumentHint = value;
  }
  return out;
}

let cache: { dir: string; mtimeMs: number; prompts: CustomPrompt[] } | undefined;

/** The prompts in `$CODEX_HOME/prompts`, sorted by name (re-read when the directory changes). */
export function loadPrompts(codexHome: string | undefined): CustomPrompt[] {
  if (!codexHome) return [];
  const dir = join(codexHome, 'prompts');
  let mtimeMs: number;
  try {
    mtimeMs = statSync(dir).mtimeMs;
  } catch {
    return [];
  }
  if (cache && cache.dir === dir && cache.mtimeMs === mtimeMs) return cache.prompts;
  const prompts: CustomPrompt[] = [];
  for (const f of readdirSync(dir, { withFileTypes: true })) {
    if (!f.name.endsWith('.md') || f.name.startsWith('.')) continue;
    const name = f.name.slice(0, -3);
    // Names become part of a command: no spaces or control characters.
    if (!/^[^\s\x00-\x1f\x7f/\\]+$/.test(name)) continue;
    const path = join(dir, f.name);
    try {
      const st = statSync(path);
      if (!st.isFile() || st.size > MAX_PROMPT_BYTES) continue;
      const parsed = parsePromptFile(readFileSync(path, 'utf8'));
      prompts.push({ name, path, content: parsed.body, ...(parsed.description ? { description: parsed.description } : {}), ...(parsed.argumentHint ? { argumentHint: parsed.argumentHint } : {}) });
    } catch {
      // unreadable: left out
    }
  }
  prompts.sort((a, b) => a.name.localeCompare(b.name));
  cache = { dir, mtimeMs, prompts };
  return prompts;
}

/** The prompts as popup rows. */
export function promptCommands(codexHome: string | undefined): SlashCommand[] {
  return loadPrompts(codexHome).map((p) => ({
    name: `${PROMPTS_PREFIX}${p.name}`,
    description: [p.description ?? 'send saved prompt', p.argumentHint].filter(Boolean).join('  '),
    duringTask: false,
  }));
}

/** Named placeholders used by a prompt body (`$FILE`, not `$ARGUMENTS`), in order. */
export function namedPlaceholders(body: string): string[] {
  const out: string[] = [];
  for (const m of body.matchAll(/\$\$|\$([A-Z][A-Z0-9_]*)/g)) {
    const n = m[1];
    if (n && n !== 'ARGUMENTS' && !out.includes(n)) out.push(n);
  }
  return out;
}

/** Whether sending the prompt needs arguments typed after it. */
export function takesArguments(body: string): boolean {
  return /\$(?:[1-9]|ARGUMENTS)\b/.test(body) || namedPlaceholders(body).length > 0;
}

/** Shell-like split: spaces separate, single or double quotes group, backslash escapes. */
export function splitArgs(text: string): string[] {
  const out: string[] = [];
  let cur = '';
  let inWord = false;
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === quote) quote = undefined;
      else if (c === '\\' && quote === '"' && i + 1 < text.length) cur += text[++i];
      else cur += c;
    } else if (c === '"' || c === "'") {
      quote = c;
      inWord = true;
    } else if (c === '\\' && i + 1 < text.length) {
      cur += text[++i];
      inWord = true;
    } else if (/\s/.test(c)) {
      if (inWord) out.push(cur);
      cur = '';
      inWord = false;
    } else {
      cur += c;
      inWord = true;
    }
  }
  if (quote) throw new Error('unterminated quote');
  if (inWord) out.push(cur);
  return out;
}

/** The text to send for `/prompts:<name> args`; throws with a message for the chat. */
export function expandPrompt(prompt: CustomPrompt, args: string): string {
  const cmd = `/${PROMPTS_PREFIX}${prompt.name}`;
  let words: string[];
  try {
    words = splitArgs(args);
  } catch (err: unknown) {
    throw new Error(`Could not parse ${cmd}: ${(err as Error).message}`);
  }
  const named = namedPlaceholders(prompt.content);
  if (named.length > 0) {
    const values = new Map<string, string>();
    for (const w of words) {
      const eq = w.indexOf('=');
      if (eq <= 0) throw new Error(`Could not parse ${cmd}: expected key=value but found '${w}'. Wrap values in double quotes if they contain spaces.`);
      values.set(w.slice(0, eq), w.slice(eq + 1));
    }
    const missing = named.filter((n) => !values.has(n));
    if (missing.length) throw new Error(`Missing required args for ${cmd}: ${missing.join(', ')}`);
    return prompt.content.replace(/\$\$|\$([A-Z][A-Z0-9_]*)/g, (all, n: string | undefined) => (n === undefined ? '$' : n === 'ARGUMENTS' ? words.join(' ') : (values.get(n) ?? all)));
  }
  return prompt.content.replace(/\$\$|\$([1-9])|\$ARGUMENTS/g, (all, d: string | undefined) => (all === '$$' ? '$' : d !== undefined ? (words[Number(d) - 1] ?? '') : words.join(' ')));
}

// Light syntax highlighting for code blocks: strings, comments, numbers and keywords of
// common languages. Token-level only; unknown languages are still coloured generically.
import { sp, type Span } from '../term/style.js';

const KEYWORDS = new Set(
  (
    'const let var function return if else for while do switch case break continue new class extends import export from ' +
    'default async await try catch finally throw typeof instanceof in of def elif lambda pass with as yield fn pub mut ' +
    'impl struct enum trait use mod match loop where type interface package func go defer chan select echo then fi done ' +
    'true false null undefined None True False self this nil'
  ).split(' '),
);

const TOKEN = /(\/\/.*$|#.*$|"(?:[^"\\]|\\.)*"?|'(?:[^'\\]|\\.)*'?|`(?:[^`\\]|\\.)*`?|\b\d+(?:\.\d+)?\b|\b[A-Za-z_]\w*\b)/g;

/** Spans of one code line. */
export function highlightCode(line: string, lang: string): Span[] {
  const hashComments = /^(py|python|sh|bash|zsh|shell|ruby|rb|toml|yaml|yml|)$/.test(lang.toLowerCase());
  const out: Span[] = [];
  let last = 0;
  for (const m of line.matchAll(TOKEN)) {
    const tok = m[0];
    const i = m.index ?? 0;
    if (tok.startsWith('#') && !hashComments) continue;
    if (i > last) out.push(sp(line.slice(last, i)));
    if (tok.startsWith('//') || tok.startsWith('#')) out.push(sp(tok, { fg: 'gray', italic: true }));
    else if (/^["'`]/.test(tok)) out.push(sp(tok, { fg: 'green' }));
    else if (/^\d/.test(tok)) out.push(sp(tok, { fg: 'yellow' }));
    else if (KEYWORDS.has(tok)) out.push(sp(tok, { fg: 'magenta' }));
    else out.push(sp(tok));
    last = i + tok.length;
  }
  if (last < line.length) out.push(sp(line.slice(last)));
  return out;
}

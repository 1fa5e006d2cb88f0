// A small syntax highlighter for code blocks and patch diffs: comments, strings, numbers,
// keywords and type names, per language (chosen by a fence's info string or a file's
// extension). Token-level and line by line; a block comment (`/* */`, `<!-- -->`, `"""`)
// is carried across lines through `HighlightState`. Unknown languages get strings and
// numbers only, so nothing is coloured wrongly as a keyword.
import { sp, type Span, type Style } from '../term/style.js';

interface Lang {
  keywords: Set<string>;
  /** Line comment openers. */
  line: string[];
  /** Block comment [open, close] pairs. */
  block: Array<[string, string]>;
  /** Capitalised identifiers are types (typed languages). */
  types: boolean;
}

const words = (s: string): Set<string> => new Set(s.split(/\s+/).filter(Boolean));
const C_LIKE_BLOCK: Array<[string, string]> = [['/*', '*/']];

const JS = words(
  'abstract as async await break case catch class const continue debugger declare default delete do else enum export extends false finally for from function get if implements import in instanceof interface keyof let new null of private protected public readonly return satisfies set static super switch this throw true try type typeof undefined var void while with yield',
);
const LANGS: Record<string, Lang> = {
  js: { keywords: JS, line: ['//'], block: C_LIKE_BLOCK, types: true },
  py: {
    keywords: words('and as assert async await break class continue def del elif else except False finally for from global if import in is lambda None nonlocal not or pass raise return self True try while with yield match case'),
    line: ['#'],
    block: [['"""', '"""']],
    types: true,
  },
  rs: {
    keywords: words('as async await break const continue crate dyn else enum extern false fn for if impl in let loop match mod move mut pub ref return self Self static struct super trait true type unsafe use where while'),
    line: ['//'],
    block: C_LIKE_BLOCK,
    types: true,
  },
  go: {
    keywords: words('break case chan const continue default defer else fallthrough for func go goto if import interface map package range return select struct switch type var nil true false'),
    line: ['//'],
    block: C_LIKE_BLOCK,
    types: false,
  },
  sh: {
    keywords: words('if then else elif fi for while until do done case esac in function return local export readonly set unset echo exit shift source true false'),
    line: ['#'],
    block: [],
    types: false,
  },
  c: {
    keywords: words(
      'auto break case char class const constexpr continue default delete do double else enum extern false float for friend goto if inline int long namespace new nullptr private protected public return short signed sizeof static struct switch template this throw true try typedef typename union unsigned using virtual void volatile while bool',
    ),
    line: ['//'],
    block: C_LIKE_BLOCK,
    types: true,
  },
  java: {
    keywords: words(
      'abstract boolean break byte case catch char class const continue default do double else enum extends final finally float for fun if implements import instanceof int interface long native new null object override package private protected public return short static super switch this throw throws true false try val var void when while',
    ),
    line: ['//'],
    block: C_LIKE_BLOCK,
    types: true,
  },
  rb: {
    keywords: words('alias and begin break case class def defined do else elsif end ensure false for if in module next nil not or redo rescue retry return self super then true undef unless until when while yield require'),
    line: ['#'],
    block: [],
    types: true,
  },
  json: { keywords: words('true false null'), line: [], block: [], types: false },
  toml: { keywords: words('true false'), line: ['#'], block: [], types: false },
  yaml: { keywords: words('true false null yes no on off'), line: ['#'], block: [], types: false },
  css: { keywords: words('important inherit initial none auto'), line: [], block: C_LIKE_BLOCK, types: false },
  html: { keywords: new Set(), line: [], block: [['<!--', '-->']], types: false },
  sql: {
    keywords: words('select from where insert into values update set delete create table drop alter and or not null join left right inner outer on group by order limit as primary key index distinct having union'),
    line: ['--'],
    block: C_LIKE_BLOCK,
    types: false,
  },
  lua: { keywords: words('and break do else elseif end false for function if in local nil not or repeat return then true until while'), line: ['--'], block: [['--[[', ']]']], types: false },
};

/** Fence info strings and file extensions → a language key above. */
const ALIASES: Record<string, string> = {
  js: 'js', jsx: 'js', mjs: 'js', cjs: 'js', ts: 'js', tsx: 'js', mts: 'js', cts: 'js', javascript: 'js', typescript: 'js', node: 'js',
  py: 'py', python: 'py', pyi: 'py', python3: 'py',
  rs: 'rs', rust: 'rs',
  go: 'go', golang: 'go',
  sh: 'sh', bash: 'sh', zsh: 'sh', shell: 'sh', console: 'sh', fish: 'sh', ksh: 'sh',
  c: 'c', h: 'c', cc: 'c', cpp: 'c', cxx: 'c', hpp: 'c', hh: 'c', 'c++': 'c', cs: 'java', csharp: 'java', swift: 'java',
  java: 'java', kt: 'java', kts: 'java', kotlin: 'java', scala: 'java', groovy: 'java', gradle: 'java',
  rb: 'rb', ruby: 'rb', rake: 'rb',
  json: 'json', jsonl: 'json', json5: 'json',
  toml: 'toml', ini: 'toml', cfg: 'toml', conf: 'toml',
  yaml: 'yaml', yml: 'yaml',
  css: 'css', scss: 'css', less: 'css',
  html: 'html', htm: 'html', xml: 'html', svg: 'html', vue: 'html',
  sql: 'sql', lua: 'lua',
};

/** The language key for a fence info string (`ts`, `python`, …) or undefined. */
export function langFromName(name: string): string | undefined {
  return ALIASES[name.trim().toLowerCase()];
}

/** The language key for a file path by its extension (or well-known name). */
export function langFromPath(path: string): string | undefined {
  const base = path.split(/[\\/]/).at(-1) ?? '';
  if (/^(Makefile|Dockerfile|\.bashrc|\.zshrc|\.profile)$/.test(base)) return 'sh';
  const dot = base.lastIndexOf('.');
  return dot > 0 ? ALIASES[base.slice(dot + 1).toLowerCase()] : undefined;
}

/** Carries an open block comment from one line to the next. */
export interface HighlightState {
  inBlock?: string;
}

const COMMENT: Style = { fg: 'gray', italic: true };
const STRING: Style = { fg: 'green' };
const NUMBER: Style = { fg: 'yellow' };
const KEYWORD: Style = { fg: 'magenta' };
const TYPE: Style = { fg: 'cyan' };

const STR = /^("(?:[^"\\]|\\.)*"?|'(?:[^'\\]|\\.)*'?|`(?:[^`\\]|\\.)*`?)/;
const NUM = /^(0x[0-9a-fA-F_]+|\d[\d_]*(?:\.\d+)?(?:e[+-]?\d+)?)/;
const IDENT = /^[A-Za-z_$][\w$]*/;

/**
 * Spans of one code line in `lang` (a key from `langFromName`/`langFromPath`, or a raw
 * fence name). `base` is merged into every span (diff backgrounds).
 */
export function highlightCode(line: string, lang: string | undefined, state: HighlightState = {}, base?: Style): Span[] {
  const key = lang === undefined ? undefined : (LANGS[lang] ? lang : langFromName(lang));
  const def = key ? LANGS[key] : undefined;
  const out: Span[] = [];
  const push = (t: string, s?: Style): void => {
    if (!t) return;
    const style = s || base ? { ...base, ...s } : undefined;
    const prev = out.at(-1);
    if (prev && JSON.stringify(prev.s) === JSON.stringify(style)) prev.t += t;
    else out.push(sp(t, style));
  };
  let i = 0;
  if (state.inBlock) {
    const end = line.indexOf(state.inBlock);
    if (end < 0) {
      push(line, COMMENT);
      return out;
    }
    push(line.slice(0, end + state.inBlock.length), COMMENT);
    i = end + state.inBlock.length;
    state.inBlock = undefined;
  }
  let plainRun = '';
  const flush = (): void => {
    push(plainRun);
    plainRun = '';
  };
  while (i < line.length) {
    const rest = line.slice(i);
    const lineC = def?.line.find((o) => rest.startsWith(o));
    if (lineC && !(lineC === '#' && key === 'sh' && i > 0 && /[\w$]/.test(line[i - 1]!))) {
      flush();
      push(rest, COMMENT);
      return out;
    }
    const blockC = def?.block.find(([o]) => rest.startsWith(o));
    if (blockC) {
      flush();
      const end = line.indexOf(blockC[1], i + blockC[0].length);
      if (end < 0) {
        push(rest, COMMENT);
        state.inBlock = blockC[1];
        return out;
      }
      push(line.slice(i, end + blockC[1].length), COMMENT);
      i = end + blockC[1].length;
      continue;
    }
    const ch = line[i]!;
    if (ch === '"' || ch === "'" || (ch === '`' && key !== 'sh')) {
      const m = STR.exec(rest)!;
      flush();
      push(m[0], STRING);
      i += m[0].length;
      continue;
    }
    if (/\d/.test(ch) && (i === 0 || !/[\w$]/.test(line[i - 1]!))) {
      const m = NUM.exec(rest)!;
      flush();
      push(m[0], NUMBER);
      i += m[0].length;
      continue;
    }
    const id = IDENT.exec(rest);
    if (id && (i === 0 || !/[\w$]/.test(line[i - 1]!))) {
      const w = id[0];
      const kw = def && (def.keywords.has(w) || (key === 'sql' && def.keywords.has(w.toLowerCase())));
      if (kw || (def?.types && /^[A-Z][a-z0-9]\w*$/.test(w))) {
        flush();
        push(w, kw ? KEYWORD : TYPE);
      } else plainRun += w;
      i += w.length;
      continue;
    }
    plainRun += ch;
    i += 1;
  }
  flush();
  return out;
}

// POSIX shlex: splits example strings into tokens (quotes, backslashes, `#` comments)
// and joins tokens back into one shell-safe command line, exactly as Rust's `shlex`
// crate does; every package renders commands with this join.

/** Splits `input` like a POSIX shell would split words; undefined on an unterminated quote or escape. */
export function shlexSplit(input: string): string[] | undefined {
  const out: string[] = [];
  let i = 0;
  const n = input.length;
  while (i < n) {
    while (i < n && /\s/.test(input[i]!)) i++;
    if (i >= n) break;
    if (input[i] === '#') {
      while (i < n && input[i] !== '\n') i++;
      continue;
    }
    let word = '';
    while (i < n && !/\s/.test(input[i]!)) {
      const c = input[i]!;
      if (c === "'") {
        const end = input.indexOf("'", i + 1);
        if (end < 0) return undefined;
        word += input.slice(i + 1, end);
        i = end + 1;
      } else if (c === '"') {
        i++;
        for (;;) {
          if (i >= n) return undefined;
          const d = input[i]!;
          if (d === '"') {
            i++;
            break;
          }
          if (d === '\\' && i + 1 < n && '$`"\\\n'.includes(input[i + 1]!)) {
            if (input[i + 1] !== '\n') word += input[i + 1];
            i += 2;
            continue;
          }
          word += d;
          i++;
        }
      } else if (c === '\\') {
        if (i + 1 >= n) return undefined;
        if (input[i + 1] !== '\n') word += input[i + 1];
        i += 2;
      } else {
        word += c;
        i++;
      }
    }
    out.push(word);
  }
  return out;
}

// --- join, as Rust's `shlex::try_join` renders it (the one implementation in codex-ts) ----
// Each word is cut into chunks, each chunk bare, 'single-quoted' or "double-quoted",
// preferring that order: `=`/`,`/`*` etc. force quotes, a backslash forces double quotes,
// `!`/`$`/backtick force single quotes, and a leading `^` is quoted on its own. The result
// splits back (shlexSplit, any POSIX shell) into exactly the words given.

const BARE = /^[A-Za-z0-9+\-./:@\]_]$/;

function bareOk(c: string): boolean {
  return c.charCodeAt(0) < 0x80 && BARE.test(c);
}
function singleOk(c: string): boolean {
  return c !== "'" && c !== '^' && c !== '\\';
}
function doubleOk(c: string): boolean {
  return c !== '`' && c !== '$' && c !== '!' && c !== '^';
}

/** Quotes one word for a POSIX shell (unchanged when it needs no quoting), as `shlex::try_quote`. */
export function shlexQuote(word: string): string {
  if (word === '') return "''";
  const chars = [...word];
  let out = '';
  let i = 0;
  while (i < chars.length) {
    let bare = true;
    let single = true;
    let dbl = true;
    const start = i;
    if (chars[i] === '^') {
      bare = false;
      dbl = false;
      i++;
    }
    for (; i < chars.length; i++) {
      const c = chars[i]!;
      const b: boolean = bare && bareOk(c);
      const s: boolean = single && singleOk(c);
      const d: boolean = dbl && doubleOk(c);
      if (!b && !s && !d) break;
      bare = b;
      single = s;
      dbl = d;
    }
    const chunk = chars.slice(start, i).join('');
    if (bare) out += chunk;
    else if (single) out += `'${chunk}'`;
    else out += `"${chunk.replace(/(["$`\\])/g, '\\$1')}"`;
  }
  return out;
}

/** Joins words into one command line, or undefined when a word holds a NUL byte (no shell can pass it). */
export function shlexTryJoin(words: readonly string[]): string | undefined {
  if (words.some((w) => w.includes('\0'))) return undefined;
  return words.map(shlexQuote).join(' ');
}

/** Message placeholder Codex shows for a command that cannot be joined. */
export const NUL_COMMAND_PLACEHOLDER = '<command included NUL byte>';

/** Joins words into one display command line (Codex's rendering), with a placeholder for NUL bytes. */
export function shlexJoin(words: readonly string[]): string {
  return shlexTryJoin(words) ?? NUL_COMMAND_PLACEHOLDER;
}

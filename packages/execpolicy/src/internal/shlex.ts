// POSIX shlex: splits example strings into tokens (quotes, backslashes, `#` comments)
// and joins tokens back into a shell-safe string for messages.

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

/** Quotes one token for a POSIX shell (unchanged when it needs no quoting). */
export function shlexQuote(token: string): string {
  if (token === '') return "''";
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(token)) return token;
  return `'${token.replace(/'/g, `'"'"'`)}'`;
}

/** Joins tokens into one shell-safe command line. */
export function shlexJoin(tokens: readonly string[]): string {
  return tokens.map(shlexQuote).join(' ');
}

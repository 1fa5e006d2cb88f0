// Joins an argv into one display string the way Codex does (Rust `shlex::try_join`):
// words made only of safe characters stay bare, others are single-quoted, and a word
// holding a single quote is double-quoted (or spliced with '\'' when it also holds `!`).

const SAFE_WORD = /^[A-Za-z0-9+\-./:@\]_]+$/;

/** Quote one word for a POSIX shell, leaving it bare when nothing needs quoting. */
export function shellQuote(word: string): string {
  if (word === '') return "''";
  if (SAFE_WORD.test(word) && !word.startsWith('^')) return word;
  if (!word.includes("'")) return `'${word}'`;
  if (!word.includes('!')) return `"${word.replace(/(["$`\\])/g, '\\$1')}"`;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/** `["bash","-lc","ls -la"]` → `bash -lc 'ls -la'`. */
export function shellJoin(argv: readonly string[]): string {
  return argv.map(shellQuote).join(' ');
}

// What `codex` says before any subcommand runs: the interactive-UI stand-in, and usage
// errors with each unknown flag named once (as clap does).

/** Codex's top-level flags that take a value (the value is not part of the prompt). */
export const VALUE_FLAGS: ReadonlySet<string> = new Set(['-c', '--config', '-m', '--model', '-p', '--profile', '-s', '--sandbox', '-a', '--ask-for-approval', '-C', '--cd', '-i', '--image', '--add-dir', '--enable', '--disable', '--local-provider']);

/** Quote for a POSIX shell when needed. */
function shellQuote(s: string): string {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

/**
 * The hint for `codex` / `codex [OPTIONS] [PROMPT]` run without a terminal: the interactive UI
 * cannot start, the same task runs with `codex exec`.
 */
export function interactiveUnavailable(args: readonly string[]): string {
  const words: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (VALUE_FLAGS.has(a)) i++;
    else if (!a.startsWith('-')) words.push(a);
  }
  const prompt = words.join(' ');
  const example = prompt === '' ? "codex exec 'describe this repository'" : `codex exec ${shellQuote(prompt)}`;
  return (
    `Run the task non-interactively instead:\n\n  ${example}\n\n` +
    "See 'codex exec --help' for its options and 'codex --help' for every command.\n"
  );
}

const kebab = (s: string): string => s.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/**
 * yargs reports an unknown `--foo-bar` twice (`foo-bar, fooBar`). Name each unknown
 * argument once, with its dashes, the way clap does; other messages pass through.
 */
export function unknownArgumentsMessage(msg: string, args: readonly string[] = process.argv.slice(2)): string {
  const m = /^Unknown arguments?: (.*)$/s.exec(msg);
  if (!m) return msg;
  const given = (flag: string): boolean => args.some((a) => a === flag || a.startsWith(`${flag}=`));
  const names = [...new Set(m[1]!.split(', ').map((n) => n.trim()))];
  const shown = [
    ...new Set(
      names.map((n) => {
        for (const flag of [`--${n}`, `--${kebab(n)}`, `--no-${n}`, `--no-${kebab(n)}`, `-${n}`]) if (given(flag)) return flag;
        return n;
      }),
    ),
  ].filter((s, _i, all) => !(s === kebab(s) ? false : all.includes(`--${kebab(s)}`)));
  return shown.length === 1 ? `unexpected argument '${shown[0]}' found` : `unexpected arguments ${shown.map((s) => `'${s}'`).join(', ')} found`;
}

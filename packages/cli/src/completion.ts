// Shell completion scripts for bash, zsh and fish, generated from the static command table.
import type { CommandDef } from './command.js';
import { GLOBAL_FLAGS } from './command.js';

/** Shells `codex completion` supports. */
export type CompletionShell = 'bash' | 'zsh' | 'fish';

interface Entry {
  name: string;
  describe: string;
  flags: string[];
  values: string[];
}

function entries(commands: CommandDef[]): Entry[] {
  const out: Entry[] = [];
  for (const c of commands) {
    const name = c.command.split(/\s+/)[0]!;
    const e = { describe: c.describe, flags: [...c.flags, ...GLOBAL_FLAGS], values: c.values ?? [] };
    out.push({ name, ...e });
    for (const a of c.aliases ?? []) out.push({ name: a, ...e });
  }
  return out;
}

const q = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;

/** The completion script for `shell` covering `commands`. */
export function completionScript(shell: CompletionShell, commands: CommandDef[]): string {
  const es = entries(commands);
  switch (shell) {
    case 'bash':
      return bash(es);
    case 'zsh':
      return zsh(es);
    case 'fish':
      return fish(es);
  }
}

function bash(es: Entry[]): string {
  const cases = es
    .map((e) => `    ${e.name}) words=${q([...e.values, ...e.flags].join(' '))} ;;`)
    .join('\n');
  return `# bash completion for codex (codex-ts)
_codex() {
  local cur sub words
  cur="\${COMP_WORDS[COMP_CWORD]}"
  if [ "$COMP_CWORD" -eq 1 ]; then
    COMPREPLY=( $(compgen -W ${q([...es.map((e) => e.name), ...GLOBAL_FLAGS].join(' '))} -- "$cur") )
    return 0
  fi
  sub="\${COMP_WORDS[1]}"
  case "$sub" in
${cases}
    *) words=${q(GLOBAL_FLAGS.join(' '))} ;;
  esac
  COMPREPLY=( $(compgen -W "$words" -- "$cur") )
  return 0
}
complete -o default -F _codex codex
`;
}

function zsh(es: Entry[]): string {
  const subs = es.map((e) => `    ${q(`${e.name}:${e.describe.replace(/:/g, '\\:')}`)}`).join('\n');
  const cases = es.map((e) => `      ${e.name}) compadd -- ${[...e.values, ...e.flags].map(q).join(' ')} ;;`).join('\n');
  return `#compdef codex
# zsh completion for codex (codex-ts)
_codex() {
  local -a subcommands
  subcommands=(
${subs}
  )
  if (( CURRENT == 2 )); then
    _describe -t commands 'codex command' subcommands
    compadd -- ${GLOBAL_FLAGS.map(q).join(' ')}
    return
  fi
  case "\${words[2]}" in
${cases}
      *) _files ;;
  esac
}
if [ "$funcstack[1]" = "_codex" ]; then _codex "$@"; else compdef _codex codex; fi
`;
}

function fish(es: Entry[]): string {
  const lines = ['# fish completion for codex (codex-ts)', 'complete -c codex -f'];
  for (const e of es) {
    lines.push(`complete -c codex -n '__fish_use_subcommand' -a ${q(e.name)} -d ${q(e.describe)}`);
    for (const v of e.values) lines.push(`complete -c codex -n '__fish_seen_subcommand_from ${e.name}' -a ${q(v)}`);
    for (const f of e.flags) {
      const opt = f.startsWith('--') ? `-l ${f.slice(2)}` : `-s ${f.slice(1)}`;
      lines.push(`complete -c codex -n '__fish_seen_subcommand_from ${e.name}' ${opt}`);
    }
  }
  for (const f of GLOBAL_FLAGS) {
    lines.push(`complete -c codex -n '__fish_use_subcommand' ${f.startsWith('--') ? `-l ${f.slice(2)}` : `-s ${f.slice(1)}`}`);
  }
  return `${lines.join('\n')}\n`;
}

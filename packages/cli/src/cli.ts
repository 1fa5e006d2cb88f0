// Entry of the `codex` binary. `--version` is answered before anything is loaded (start-up is
// a feature), bare `codex` on a terminal goes straight to the TUI; everything else loads the
// yargs front door, which loads each command lazily.
import { CODEX_VERSION } from './version.js';

const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
  process.stdout.write(`codex-cli ${CODEX_VERSION}\n`);
} else {
  // A deleted working directory: one line, before any module asks for process.cwd().
  let cwdError: string | undefined;
  try {
    process.cwd();
  } catch (err: unknown) {
    cwdError = `error: the current directory no longer exists (${(err as NodeJS.ErrnoException).code ?? 'unreadable'}: deleted or moved); cd to an existing directory and run codex again.`;
  }
  if (cwdError !== undefined) {
    process.stderr.write(`${cwdError}\n`);
    process.exitCode = 1;
  } else if (args.length === 0 && process.stdin.isTTY === true && process.stdout.isTTY === true) {
    // Bare `codex` on a terminal: the TUI with no flags, without loading the yargs front door
    // first (its chunk costs ~20 ms before the first frame). Same options runInteractive([])
    // would give; anything with arguments goes through yargs below.
    const { runTui } = await import('@codex-ts/tui');
    process.exitCode = await runTui({ config: [] }, { version: CODEX_VERSION });
  } else {
    const { main } = await import('./main.js');
    await main(args);
  }
}

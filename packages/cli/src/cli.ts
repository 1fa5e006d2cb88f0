// Entry of the `codex` binary. `--version` is answered before anything is loaded (start-up is
// a feature); everything else loads the yargs front door, which loads each command lazily.
import { CODEX_VERSION } from './version.js';

const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
  process.stdout.write(`codex-cli ${CODEX_VERSION}\n`);
} else {
  const { main } = await import('./main.js');
  await main(args);
}

// `codex fleet submit|worker|status|watch|cancel|results|events`: argv for @codex-ts/fleet,
// imported only when a fleet command runs.
import type { Argv } from 'yargs';
import type { CommandDef } from '../command.js';

const ACTIONS = ['submit', 'worker', 'status', 'watch', 'cancel', 'results', 'events'] as const;

/** `codex fleet`. */
export const fleetCommand: CommandDef = {
  command: 'fleet <action> [targets..]',
  describe: 'Run many headless tasks across machines on a Redis queue',
  flags: ['--redis', '--queue', '--shared-dir', '--concurrency', '--json', '--all', '--follow', '--skip-repo-check', '--interval-ms'],
  values: [...ACTIONS],
  builder: (y: Argv) =>
    y
      .positional('action', { choices: ACTIONS, describe: 'submit FILE | worker | status | watch | cancel ID.../--all | results | events ID' })
      .positional('targets', { type: 'string', array: true, describe: 'submit: tasks file (JSONL); cancel: task ids; events: a task id' })
      .option('redis', { type: 'string', requiresArg: true, describe: 'Redis URL (default fleet.redis_url, then redis://127.0.0.1:6379)' })
      .option('queue', { type: 'string', requiresArg: true, describe: 'Queue name (default fleet.queue, then "tasks")' })
      .option('shared-dir', { type: 'string', requiresArg: true, describe: 'worker: directory all workers share (worktrees, rollouts)' })
      .option('concurrency', { type: 'number', requiresArg: true, describe: 'worker: tasks run at once (default fleet.concurrency, then 2)' })
      .option('lock-duration-ms', { type: 'number', requiresArg: true, hidden: true, describe: 'worker: task lock duration' })
      .option('codex-bin', { type: 'string', requiresArg: true, hidden: true, describe: 'worker: the codex executable tasks run with' })
      .option('json', { type: 'boolean', describe: 'Machine-readable output (results: one JSON object a line)' })
      .option('all', { type: 'boolean', describe: 'cancel: every queued and running task' })
      .option('follow', { alias: 'f', type: 'boolean', describe: 'events: keep printing until the task ends' })
      .option('skip-repo-check', { type: 'boolean', describe: 'submit: do not check local repositories and refs here' })
      .option('interval-ms', { type: 'number', requiresArg: true, describe: 'watch: refresh interval (default 1000)' })
      .example('codex fleet submit tasks.jsonl --redis redis://queue:6379', '')
      .example('codex fleet worker --concurrency 4', '')
      .example('codex fleet watch', '')
      .example('codex fleet results --json > results.jsonl', ''),
  run: async (argv) => {
    const { loadConfig } = await import('@codex-ts/core');
    const { runFleet, FleetError } = await import('@codex-ts/fleet');
    const overrides = ((argv.config as unknown[] | undefined) ?? []).map(String);
    const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
    const num = (v: unknown): number | undefined => (typeof v === 'number' && !Number.isNaN(v) ? v : undefined);
    const ac = new AbortController();
    // Ctrl-C ends watch/events --follow after a last line (a worker handles its own signals).
    if (argv.action !== 'worker') process.once('SIGINT', () => ac.abort());
    // `codex fleet results | head`: a closed pipe ends the listing quietly.
    process.stdout.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EPIPE') process.exit(0);
      throw err;
    });
    try {
      const config = loadConfig({ overrides });
      for (const w of config.warnings) process.stderr.write(`warning: ${w}\n`);
      const codexBin = str(argv.codexBin);
      const code = await runFleet(
        config,
        {
          action: String(argv.action) as (typeof ACTIONS)[number],
          targets: ((argv.targets as unknown[] | undefined) ?? []).map(String),
          ...(str(argv.redis) !== undefined ? { redis: str(argv.redis)! } : {}),
          ...(str(argv.queue) !== undefined ? { queue: str(argv.queue)! } : {}),
          ...(str(argv.sharedDir) !== undefined ? { sharedDir: str(argv.sharedDir)! } : {}),
          ...(num(argv.concurrency) !== undefined ? { concurrency: num(argv.concurrency)! } : {}),
          ...(num(argv.lockDurationMs) !== undefined ? { lockDurationMs: num(argv.lockDurationMs)! } : {}),
          ...(num(argv.intervalMs) !== undefined ? { intervalMs: num(argv.intervalMs)! } : {}),
          json: argv.json === true,
          all: argv.all === true,
          follow: argv.follow === true,
          skipRepoCheck: argv.skipRepoCheck === true,
          ...(codexBin !== undefined ? { codexCommand: [codexBin] } : {}),
          configOverrides: overrides,
          signal: ac.signal,
        },
        { stdout: process.stdout, stderr: process.stderr },
      );
      if (argv.action === 'worker') {
        // A stopped worker is done: whatever BullMQ or ioredis still holds must not keep it alive.
        await new Promise<void>((res) => process.stderr.write('', () => res()));
        process.exit(code);
      }
      return code;
    } catch (err: unknown) {
      if (err instanceof FleetError || (err as { name?: string })?.name === 'ConfigError') {
        process.stderr.write(`Error: ${(err as Error).message}\n`);
        return 1;
      }
      throw err;
    }
  },
};

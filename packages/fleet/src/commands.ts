// `codex fleet submit|worker|status|watch|cancel|results|events`: what each subcommand does,
// given the loaded config; the cli package only parses argv. stdout carries the command's
// output (JSONL for results/events and with --json), stderr its messages.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Config } from '@codex-ts/core';
import { openLogFile } from '@codex-ts/core';
import { jsonTermSafe, termLine, termSafe } from '@codex-ts/protocol';
import { FleetClient, type FleetStatus } from './client.js';
import { FleetError } from './errors.js';
import { statusBar, statusLine } from './progress.js';
import { checkLocalRepos } from './repo-check.js';
import { resolveSettings, type FleetFlags, type FleetSettings } from './settings.js';
import { parseTasks } from './task.js';
import { startWorker } from './worker.js';

/** Where a command writes. */
export interface FleetIo {
  stdout: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  stderr: NodeJS.WritableStream;
}

/** Arguments of `codex fleet …` after parsing. */
export interface FleetArgs extends FleetFlags {
  action: 'submit' | 'worker' | 'status' | 'watch' | 'cancel' | 'results' | 'events';
  /** submit: the tasks file; cancel: task ids; events: one task id. */
  targets: string[];
  json?: boolean;
  all?: boolean;
  follow?: boolean;
  skipRepoCheck?: boolean;
  intervalMs?: number;
  /** worker: argv that runs `codex` (default: this node and this CLI). */
  codexCommand?: string[];
  /** `-c` overrides given to `codex`, passed on to each task by workers. */
  configOverrides?: string[];
  signal?: AbortSignal;
}

/** Run one fleet subcommand; resolves with the exit code. */
export async function runFleet(config: Config, args: FleetArgs, io: FleetIo): Promise<number> {
  const settings = resolveSettings(config, { ...args, noStorage: args.action !== 'worker' });
  const out = (s: string): void => void io.stdout.write(s);
  if (args.action === 'worker') return runWorkerCommand(config, args, io);
  if (args.action === 'submit') return submit(settings, args, io);
  const client = new FleetClient(settings);
  try {
    await client.ping();
    switch (args.action) {
      case 'status': {
        const s = await client.status();
        out(args.json ? `${JSON.stringify(s)}\n` : `${statusLine(s)}\n`);
        return 0;
      }
      case 'watch':
        return await watch(client, args, io);
      case 'cancel': {
        if (!args.all && args.targets.length === 0) throw new FleetError('not_found', 'cancel needs task ids or --all');
        const r = await client.cancel(args.targets, { all: args.all === true });
        if (args.json) out(`${JSON.stringify(r)}\n`);
        else out(`Removed ${r.removed.length} queued task(s); stopping ${r.signalled.length} running task(s)${r.untouched.length > 0 ? `; ${r.untouched.length} already finished or unknown: ${r.untouched.join(', ')}` : ''}.\n`);
        return 0;
      }
      case 'results': {
        for await (const r of client.results()) {
          if (args.json) out(`${jsonTermSafe(JSON.stringify(r))}\n`);
          else {
            const msg = termLine((r.final_message ?? r.error ?? '').split('\n')[0]!.slice(0, 80));
            out(`${r.id}\t${r.status}\t${(r.attempt ?? 1) > 1 ? `try ${r.attempt}\t` : ''}${r.resumed > 0 ? `resumed ${r.resumed}x\t` : ''}${msg}\n`);
          }
        }
        return 0;
      }
      case 'events': {
        const id = args.targets[0];
        if (id === undefined) throw new FleetError('not_found', 'events needs a task id');
        if ((await client.state(id)) === 'unknown') throw new FleetError('not_found', `no task ${id} in queue ${settings.queue}`);
        let after = '0';
        for (;;) {
          const r = await client.events(id, { after, ...(args.follow ? { blockMs: 1000 } : {}) });
          for (const l of r.lines) out(`${jsonTermSafe(l)}\n`);
          after = r.last;
          if (!args.follow || args.signal?.aborted) return 0;
          if (r.lines.length === 0 && ['completed', 'failed', 'cancelled', 'unknown'].includes(await client.state(id))) return 0;
        }
      }
    }
    return 2;
  } finally {
    await client.close();
  }
}

async function submit(settings: FleetSettings, args: FleetArgs, io: FleetIo): Promise<number> {
  const out = (s: string): void => void io.stdout.write(s);
  const file = args.targets[0];
  if (file === undefined) throw new FleetError('bad_tasks', 'submit needs a tasks file (one JSON task a line)');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err: unknown) {
    throw new FleetError('tasks_unreadable', `cannot read ${file}: ${(err as Error).message}`, { cause: err });
  }
  const parsed = parseTasks(text, { file, baseDir: dirname(resolve(file)), allowDangerFullAccess: settings.allowDangerFullAccess });
  const errors = parsed.errors.length > 0 || args.skipRepoCheck ? parsed.errors : await checkLocalRepos(parsed.tasks, file);
  if (errors.length > 0) {
    io.stderr.write(`${termSafe(errors.slice(0, 100).join('\n'))}\n${errors.length > 100 ? `… and ${errors.length - 100} more\n` : ''}Nothing was queued.\n`);
    return 1;
  }
  const client = new FleetClient(settings);
  try {
    const report = await client.submit(parsed.tasks, resolve(file));
    if (args.json) out(`${JSON.stringify({ queue: settings.queue, ...report })}\n`);
    else out(`Queued ${report.added.length} task(s) on ${settings.queue}${report.existing.length > 0 ? `; ${report.existing.length} already submitted (not queued again)` : ''}.\n`);
    return 0;
  } finally {
    await client.close();
  }
}

const finishedAll = (s: FleetStatus): boolean => s.queued === 0 && s.running === 0;

async function watch(client: FleetClient, args: FleetArgs, io: FleetIo): Promise<number> {
  const tty = io.stdout.isTTY === true && !args.json;
  let last = '';
  for (;;) {
    const s = await client.status();
    const text = args.json ? JSON.stringify(s) : tty ? statusBar(s, io.stdout.columns ?? 100) : statusLine(s);
    if (tty) io.stdout.write(`\r\u001b[2K${text}`);
    else if (text !== last) io.stdout.write(`${text}\n`);
    last = text;
    if (finishedAll(s) || args.signal?.aborted) {
      if (tty) io.stdout.write('\n');
      return s.failed > 0 ? 1 : 0;
    }
    try {
      await sleep(args.intervalMs ?? 1000, undefined, args.signal ? { signal: args.signal } : undefined);
    } catch {
      // aborted: one last line above
    }
  }
}

async function runWorkerCommand(config: Config, args: FleetArgs, io: FleetIo): Promise<number> {
  const settings = resolveSettings(config, args);
  const log = openLogFile(config.codex_home, 'codex-fleet');
  const codexCommand = args.codexCommand ?? [process.execPath, process.argv[1]!];
  const worker = await startWorker({
    settings,
    codexCommand,
    workerHome: config.codex_home,
    configOverrides: args.configOverrides ?? [],
    log,
    onTaskDone: (r) => io.stderr.write(`${r.id} ${r.status}${(r.attempt ?? 1) > 1 ? ` (try ${r.attempt})` : ''}${r.resumed > 0 ? ` (resumed ${r.resumed}x)` : ''}${r.duration_ms !== undefined ? ` in ${(r.duration_ms / 1000).toFixed(1)}s` : ''}\n`),
  });
  io.stderr.write(`fleet worker ${worker.name} on ${settings.queue} (${settings.redisUrl}), concurrency ${settings.concurrency}, shared dir ${settings.sharedDir}${settings.storage ? `, bucket s3://${settings.storage.bucket}/${settings.storage.prefix}` : ''}\n`);
  // First SIGINT/SIGTERM: finish running tasks, take no new ones. Second: kill them and go
  // (their locks expire and other workers resume them).
  let stops = 0;
  return new Promise<number>((done) => {
    const onSignal = (sig: NodeJS.Signals): void => {
      stops += 1;
      io.stderr.write(stops === 1 ? `${sig}: finishing running tasks (again to stop now)\n` : `${sig}: stopping now; running tasks will be resumed by other workers\n`);
      const force = stops > 1;
      void worker.close({ force }).then(
        () => done(force ? 130 : 0),
        () => done(1),
      );
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    args.signal?.addEventListener('abort', () => void worker.close({ force: true }).then(() => done(130), () => done(1)), { once: true });
  });
}

// Runs one plain-spawned command (no sandbox helper) in a child process, so a test can
// SIGTERM or SIGKILL this process: argv = workdir. The command starts a background sleep in
// its own group, records its pid, then waits; prints READY once the pid file exists.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { runCommand } from '@codex-ts/core';

const [dir] = process.argv.slice(2);
const done = runCommand({ argv: ['/bin/sh', '-c', 'sleep 300 & echo $! > bg.pid.tmp && mv bg.pid.tmp bg.pid; wait'], cwd: dir, env: { ...process.env } });
const timer = setInterval(() => {
  if (existsSync(join(dir, 'bg.pid'))) {
    clearInterval(timer);
    process.stdout.write('READY\n');
  }
}, 20);
await done;

// The users the sandbox and containment suites run commands as: root and an ordinary user
// (made with useradd the first time, when the suite runs as root), else just the current user.
import { spawnSync } from 'node:child_process';

/** The ordinary user the suites also run as. */
export const TEST_USER = 'codexsbx';

/** Who runs a command: a label for test names, and the uid/gid to switch to (none: this process's). */
export interface RunAs {
  label: string;
  uid?: number;
  gid?: number;
}

function lookupUser(name: string): { uid: number; gid: number } | undefined {
  const r = spawnSync('id', ['-u', name], { encoding: 'utf8' });
  if (r.status !== 0) return undefined;
  const g = spawnSync('id', ['-g', name], { encoding: 'utf8' });
  return { uid: Number(r.stdout.trim()), gid: Number(g.stdout.trim()) };
}

/** Root and TEST_USER when this process is root; otherwise just the current user. */
export function usersToRunAs(): RunAs[] {
  if (process.getuid?.() !== 0) return [{ label: `uid ${process.getuid?.()}` }];
  let u = lookupUser(TEST_USER);
  if (!u) {
    // A parallel suite may create it at the same moment: look again before failing.
    spawnSync('useradd', ['--no-create-home', '--shell', '/bin/sh', TEST_USER]);
    u = lookupUser(TEST_USER);
    if (!u) throw new Error(`could not create the test user ${TEST_USER} with useradd`);
  }
  return [{ label: 'root' }, { label: `user ${TEST_USER}`, uid: u.uid, gid: u.gid }];
}

// A PTY command (exec_command tty=true) under the sandbox has its PTY as controlling
// terminal, in its own session, on Landlock and bwrap: `tty` names it, /dev/tty opens it,
// `bash -i` has job control, `read -s` turns echo off, and Ctrl-C written to the PTY
// reaches the foreground process group (not only the group leader). A command on pipes
// still has no controlling terminal. Each test drives the real process the way
// exec_command does: wrapCommand + UnifiedExecProcess over node-pty.
import { rmSync } from 'node:fs';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { wrapCommand } from '../../src/exec/sandbox-command.js';
import { UnifiedExecProcess } from '../../src/unified-exec/process.js';
import { makeDirs, workingBackends, WORKSPACE_WRITE, type Dirs } from './fixture.js';

const backends = await workingBackends();
const dirs: Dirs[] = [];
const live: UnifiedExecProcess[] = [];
afterEach(() => live.splice(0).forEach((p) => p.terminate()));
afterAll(() => dirs.forEach((d) => rmSync(d.base, { recursive: true, force: true })));

const ENV = { PATH: '/usr/local/bin:/usr/bin:/bin', HOME: '/nonexistent', TERM: 'xterm', LANG: 'C', PS1: 'ps1> ' };

interface Session {
  proc: UnifiedExecProcess;
  text(): string;
  /** Waits until the output (since the start) matches. */
  until(re: RegExp, ms?: number): Promise<string>;
  exited(ms?: number): Promise<number | null>;
}

async function start(backend: 'landlock' | 'bwrap', argv: string[], tty = true): Promise<Session> {
  const d = makeDirs({ git: false });
  dirs.push(d);
  const w = wrapCommand({ argv, policyCwd: d.ws, env: { ...ENV, TMPDIR: d.tmp }, policy: WORKSPACE_WRITE, sandboxed: true, settings: { backend }, tty });
  const proc = await UnifiedExecProcess.spawn({ file: w.file, args: w.args, env: w.env, cwd: d.ws, tty, reaper: w.reaper });
  live.push(proc);
  let out = '';
  proc.onOutput((c) => (out += c.toString('utf8')));
  const until = async (re: RegExp, ms = 20_000): Promise<string> => {
    const end = Date.now() + ms;
    while (!re.test(out)) {
      if (Date.now() > end) throw new Error(`timed out waiting for ${re}; output so far: ${JSON.stringify(out)}`);
      if (proc.outputClosed) throw new Error(`output closed before ${re}; output: ${JSON.stringify(out)}`);
      await proc.waitForChange(200);
    }
    return out;
  };
  const exited = async (ms = 20_000): Promise<number | null> => {
    const end = Date.now() + ms;
    while (!proc.exited && Date.now() < end) await proc.waitForChange(200);
    return proc.exitCode;
  };
  return { proc, text: () => out, until, exited };
}

describe.each(backends)('PTY command under the %s sandbox', (backend) => {
  it('has the PTY as controlling terminal: tty, /dev/tty, session and foreground group', async () => {
    const s = await start(backend, ['sh', '-c', 'tty; echo via-devtty > /dev/tty; python3 -c "import os; print(\'sid\', os.getsid(0) == os.getpid(), \'fg\', os.tcgetpgrp(0) == os.getpgrp())"; stat -L -c "dev %t:%T" /dev/console /proc/self/fd/0']);
    expect(await s.exited()).toBe(0);
    const out = s.text().replace(/\r/g, '');
    expect(out).toMatch(/^\/dev\/console\nvia-devtty\n/);
    // sh leads the session (setsid + TIOCSCTTY in the helper) and its child runs in the foreground.
    expect(out).toContain('sid False fg True');
    const devs = [...out.matchAll(/^dev (\w+:\w+)$/gm)].map((m) => m[1]);
    expect(devs).toHaveLength(2);
    expect(devs[0]).toBe(devs[1]);
  });

  it('gives bash -i job control: Ctrl-Z stops the job, fg resumes it, Ctrl-C ends it', async () => {
    const s = await start(backend, ['bash', '--norc', '--noprofile', '-i']);
    await s.until(/ps1> $/);
    // One process (no fork: dash's vfork child stopped mid-fork keeps its parent from
    // stopping), which says when it runs again: fg hands it the terminal before SIGCONT.
    s.proc.write(`python3 -c 'import os, signal, time; signal.signal(signal.SIGCONT, lambda *a: os.write(1, b"job-continued\\n")); os.write(1, b"job-started\\n"); time.sleep(60)'\n`);
    await s.until(/^job-started/m);
    s.proc.write('\u001a'); // Ctrl-Z: SIGTSTP to the foreground job
    await s.until(/Stopped\s+python3 -c/);
    s.proc.write('jobs; fg\n');
    await s.until(/^job-continued/m);
    s.proc.write('\u0003');
    await s.until(/\^C[^]*ps1> $/);
    s.proc.write('echo fg-status-$?\n');
    await s.until(/fg-status-130/);
    expect(s.text()).not.toMatch(/no job control/);
    s.proc.write('exit\n');
    expect(await s.exited()).toBe(0);
  });

  it('delivers Ctrl-C to the foreground group of an interactive shell, which keeps running', async () => {
    const s = await start(backend, ['bash', '--norc', '--noprofile', '-i']);
    await s.until(/ps1> $/);
    // A pipeline: both processes are in the foreground job, neither is the session leader.
    s.proc.write("sh -c 'echo pipe-started; exec sleep 300' | cat\n");
    await s.until(/^pipe-started/m);
    s.proc.write('\u0003');
    await s.until(/\^C[^]*ps1> $/);
    s.proc.write('echo status-${PIPESTATUS[*]}\n');
    await s.until(/status-130 130/);
    s.proc.write('exit\n');
    expect(await s.exited()).toBe(0);
  });

  it('lets read -s turn echo off for a password prompt', async () => {
    const s = await start(backend, ['bash', '--norc', '--noprofile', '-c', 'read -s -p "Password: " pw; echo; echo "got ${#pw} chars"; read -p "Visible: " v; echo "v=$v"']);
    await s.until(/Password: /);
    s.proc.write('hunter2\r');
    await s.until(/got 7 chars[^]*Visible: /);
    s.proc.write('shown\r');
    await s.until(/v=shown/);
    expect(await s.exited()).toBe(0);
    // The secret was never echoed; the visible answer was.
    expect(s.text()).not.toContain('hunter2');
    expect(s.text()).toMatch(/Visible: shown/);
  });

  it('keeps a command on pipes without a controlling terminal', async () => {
    const s = await start(backend, ['sh', '-c', 'tty; echo x > /dev/tty || echo no-ctty'], false);
    expect(await s.exited()).toBe(0);
    expect(s.text()).toMatch(/not a tty\n[^]*no-ctty\n/);
  });
});

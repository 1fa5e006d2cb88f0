// exec_command / write_stdin through the engine against the scripted model (gpt-5.5 gets the
// unified-exec tools): a REPL driven over several writes, a server polled and stopped with
// Ctrl-C, pipes without a terminal, sessions killed on interrupt and shutdown, a sandboxed
// write outside the workspace denied, and apply_patch intercepted. Session ids are random,
// so later turns read them from the tool output the engine sent (`respond`).
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { probeBackend } from '@codex-ts/linux-sandbox';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { alive, until, execCommandCall, startModelServer, turn, writeStdinCall, type RecordedRequest, type StreamEvent } from '@codex-ts/test-support';
import { startHarness, tempDir, userTurn, type Harness } from './harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const MODEL = { model: 'gpt-5.5' };
const HEADER = /^Chunk ID: [0-9a-f]{6}\nWall time: \d+\.\d{4} seconds\n(?:Process exited with code (-?\d+)|Process running with session ID (\d+))\nOriginal token count: \d+\nOutput:\n/;

/** The tool outputs a request carried, by call id. */
function outputsOf(req: RecordedRequest): Map<string, string> {
  const input = (req.json as { input: { type: string; call_id?: string; output?: string }[] }).input;
  return new Map(input.filter((i) => i.type === 'function_call_output').map((i) => [i.call_id!, i.output!]));
}

/** Parses one unified-exec output into its parts. */
function parse(text: string): { exit: number | null; session: number | null; output: string } {
  const m = HEADER.exec(text);
  if (!m) throw new Error(`not a unified-exec response: ${JSON.stringify(text)}`);
  return { exit: m[1] !== undefined ? Number(m[1]) : null, session: m[2] !== undefined ? Number(m[2]) : null, output: text.slice(m[0].length) };
}

function sessionFrom(req: RecordedRequest, callId: string): number {
  const out = outputsOf(req).get(callId);
  const s = out ? parse(out).session : null;
  if (s === null) throw new Error(`no running session in ${callId}: ${out}`);
  return s;
}

function respond(fn: (req: RecordedRequest) => StreamEvent[]): { respond: typeof fn } {
  return { respond: fn };
}

/**
 * A `sleep` that names itself: `exec sleep 300.<n>` with a unique fraction. A sandboxed command
 * lives in its own pid namespace, so its `$$` is not a host pid; tests find it on the host by
 * this marker in /proc instead.
 */
let markerSeq = 0;
function markedSleep(): { cmd: string; marker: string } {
  const marker = `300.${process.pid}${String(++markerSeq).padStart(3, '0')}`;
  return { cmd: `exec sleep ${marker}`, marker };
}

/** Host pids of live processes whose command line is `sleep MARKER`. */
function hostPidsOf(marker: string): number[] {
  const out: number[] = [];
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      if (readFileSync(`/proc/${d}/cmdline`, 'utf8') === `sleep\0${marker}\0` && alive(Number(d))) out.push(Number(d));
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

async function hostPidOf(marker: string, limitMs = 20_000): Promise<number> {
  let pids: number[] = [];
  await until(() => (pids = hostPidsOf(marker)).length > 0, limitMs);
  if (pids.length !== 1) throw new Error(`expected one process sleeping ${marker}, found ${pids.length}`);
  return pids[0]!;
}

function lastOutputs(h: Harness): Map<string, string> {
  const reqs = h.server.responsesRequests();
  return outputsOf(reqs[reqs.length - 1]!);
}

// A backend's cases run where it works, and wherever CI requires it (so a missing backend fails).
const requiredBackends = (process.env.CODEX_TEST_REQUIRE_BACKENDS ?? '').split(',').map((b) => b.trim());
const backendRuns = {
  landlock: process.platform === 'linux' && ((await probeBackend('landlock')).available || requiredBackends.includes('landlock')),
  bwrap: process.platform === 'linux' && ((await probeBackend('bwrap')).available || requiredBackends.includes('bwrap')),
};

describe.runIf(process.platform === 'linux')('engine: unified exec', () => {
  it('drives a python REPL over several write_stdin calls', async () => {
    h = await startHarness();
    h.server.queueResponses(
      turn.of(execCommandCall('python3 -q -i', { login: false, call_id: 'start', tty: true, yield_time_ms: 3000 })),
      respond((req) => turn.of(writeStdinCall(sessionFrom(req, 'start'), 'x = 6 * 7\n', { call_id: 'w1', yield_time_ms: 500 }))),
      respond((req) => turn.of(writeStdinCall(sessionFrom(req, 'start'), 'print(x + 1)\n', { call_id: 'w2', yield_time_ms: 1000 }))),
      respond((req) => turn.of(writeStdinCall(sessionFrom(req, 'start'), 'exit()\n', { call_id: 'w3', yield_time_ms: 5000 }))),
      turn.message('done'),
    );
    await h.submit(userTurn(h, 'use python', MODEL));
    await h.waitFor((m) => m.type === 'task_complete', 60_000);
    const outs = lastOutputs(h);
    const start = parse(outs.get('start')!);
    expect(start.session).toBeGreaterThanOrEqual(1000);
    expect(start.output).toContain('>>> ');
    const w2 = parse(outs.get('w2')!);
    expect(w2.session).toBe(start.session);
    expect(w2.output.split(/\r?\n/)).toContain('43');
    const w3 = parse(outs.get('w3')!);
    expect(w3).toMatchObject({ exit: 0, session: null });
    const begin = h.events.find((e) => e.msg.type === 'exec_command_begin')!.msg;
    expect(begin).toMatchObject({ call_id: 'start', process_id: String(start.session), source: 'unified_exec_startup', command: [expect.stringMatching(/sh$/), '-c', 'python3 -q -i'] });
    const end = h.events.find((e) => e.msg.type === 'exec_command_end')!.msg as { exit_code: number; aggregated_output: string };
    expect(end.exit_code).toBe(0);
    expect(end.aggregated_output).toContain('43');
    const interactions = h.events.filter((e) => e.msg.type === 'terminal_interaction').map((e) => e.msg);
    expect(interactions).toEqual([
      { type: 'terminal_interaction', call_id: 'start', process_id: String(start.session), stdin: 'x = 6 * 7\n' },
      { type: 'terminal_interaction', call_id: 'start', process_id: String(start.session), stdin: 'print(x + 1)\n' },
      { type: 'terminal_interaction', call_id: 'start', process_id: String(start.session), stdin: 'exit()\n' },
    ]);
  });

  it('starts a server, polls it with "", and stops it with Ctrl-C', async () => {
    h = await startHarness();
    let port = 0;
    const server = 'python3 -u -m http.server 0 --bind 127.0.0.1';
    h.server.queueResponses(
      turn.of(execCommandCall(server, { login: false, call_id: 'srv', tty: true, yield_time_ms: 3000 })),
      respond((req) => {
        const out = parse(outputsOf(req).get('srv')!).output;
        port = Number(/port (\d+)/.exec(out)?.[1]);
        // A request while the model polls: the server logs it during the poll.
        setTimeout(() => void fetch(`http://127.0.0.1:${port}/`).then((r) => r.text()).catch(() => undefined), 1000);
        return turn.of(writeStdinCall(sessionFrom(req, 'srv'), '', { call_id: 'poll', yield_time_ms: 5000 }));
      }),
      respond((req) => turn.of(writeStdinCall(sessionFrom(req, 'srv'), '\u0003', { call_id: 'stop', yield_time_ms: 5000 }))),
      turn.message('stopped'),
    );
    await h.submit(userTurn(h, 'serve', { ...MODEL, sandbox_policy: { mode: 'danger-full-access' } }));
    await h.waitFor((m) => m.type === 'task_complete', 60_000);
    const outs = lastOutputs(h);
    expect(port).toBeGreaterThan(0);
    const poll = parse(outs.get('poll')!);
    expect(poll.session).not.toBeNull();
    expect(poll.output).toMatch(/"GET \/ HTTP\/1\.1" 200/);
    const stop = parse(outs.get('stop')!);
    expect(stop.session).toBeNull();
    expect(stop.exit).not.toBeNull();
    expect(stop.output).toContain('Keyboard interrupt received, exiting.');
    expect(h.events.some((e) => e.msg.type === 'exec_command_end' && (e.msg as { call_id: string }).call_id === 'srv')).toBe(true);
  });

  it('runs with pipes when tty is false: no terminal, no stdin, exit code reported', async () => {
    h = await startHarness();
    h.server.queueResponses(
      turn.of(execCommandCall('if [ -t 1 ]; then echo tty; else echo pipes; fi; echo to-stderr >&2; exit 3', { login: false, call_id: 'p1' })),
      turn.of(execCommandCall('echo started; sleep 30', { login: false, call_id: 'p2', yield_time_ms: 300 })),
      respond((req) => turn.of(writeStdinCall(sessionFrom(req, 'p2'), 'hello\n', { call_id: 'p3' }))),
      turn.message('ok'),
    );
    await h.submit(userTurn(h, 'pipes', MODEL));
    await h.waitFor((m) => m.type === 'task_complete', 60_000);
    const outs = lastOutputs(h);
    expect(parse(outs.get('p1')!)).toEqual({ exit: 3, session: null, output: 'pipes\nto-stderr\n' });
    expect(parse(outs.get('p2')!)).toMatchObject({ exit: null, output: 'started\n' });
    expect(outs.get('p3')).toBe('write_stdin failed: stdin is closed for this session; rerun exec_command with tty=true to keep stdin open');
  });

  it('kills a session that outlived its turn on interrupt and at shutdown', async () => {
    h = await startHarness();
    const sa = markedSleep();
    h.server.queueResponses(turn.of(execCommandCall(sa.cmd, { login: false, call_id: 'a', yield_time_ms: 500 })), turn.message('left running'));
    await h.submit(userTurn(h, 'background', MODEL));
    await h.waitFor((m) => m.type === 'task_complete', 30_000);
    const a = await hostPidOf(sa.marker);
    expect(alive(a)).toBe(true);
    await h.submit({ type: 'interrupt' });
    expect(await until(() => !alive(a), 10_000)).toBe(true);

    const sb = markedSleep();
    h.server.queueResponses(turn.of(execCommandCall(sb.cmd, { login: false, call_id: 'b', yield_time_ms: 500, tty: true })), turn.message('left running again'));
    await h.submit(userTurn(h, 'background again', MODEL));
    await h.waitFor((m) => m.type === 'task_complete' && h!.events.filter((e) => e.msg.type === 'task_complete').length === 2, 30_000);
    const b = await hostPidOf(sb.marker);
    expect(alive(b)).toBe(true);
    await h.close();
    h = undefined;
    expect(await until(() => !alive(b), 10_000)).toBe(true);
  });

  for (const how of ['exits', 'is SIGKILLed'] as const) {
    it(`kills a session that outlived its turn when the codex process ${how}`, async () => {
      const server = await startModelServer();
      try {
        const setup = await startHarness({ server });
        await setup.close();
        server.reset();
        const sbg = markedSleep();
        server.queueResponses(turn.of(execCommandCall(sbg.cmd, { login: false, call_id: 'bg', yield_time_ms: 500, tty: true })), turn.message('left it running'));
        const child = spawn(process.execPath, [join(import.meta.dirname, 'uexec-child.mjs'), setup.home, setup.ws], { stdio: ['pipe', 'pipe', 'inherit'] });
        await new Promise<void>((resolve, reject) => {
          child.stdout!.on('data', (d: Buffer) => d.toString().includes('READY') && resolve());
          child.once('exit', () => reject(new Error('child exited early')));
        });
        const pid = await hostPidOf(sbg.marker);
        expect(alive(pid)).toBe(true);
        const exited = new Promise((r) => child.once('exit', (code, sig) => r(sig ?? code)));
        if (how === 'exits') child.stdin!.write('exit\n');
        else child.kill('SIGKILL');
        expect(await exited).toBe(how === 'exits' ? 0 : 'SIGKILL');
        const gone = await until(() => !alive(pid), 10_000);
        if (!gone) process.kill(pid, 'SIGKILL');
        expect(gone).toBe(true);
      } finally {
        await server.close();
      }
    });
  }

  it('an interrupt while exec_command waits ends the call at once and kills the process', async () => {
    h = await startHarness();
    const sc = markedSleep();
    h.server.queueResponses(turn.of(execCommandCall(sc.cmd, { login: false, call_id: 'c', yield_time_ms: 30_000, tty: true })));
    await h.submit(userTurn(h, 'wait long', MODEL));
    const c = await hostPidOf(sc.marker);
    expect(alive(c)).toBe(true);
    await h.submit({ type: 'interrupt' });
    expect(await h.waitFor((m) => m.type === 'turn_aborted')).toEqual({ type: 'turn_aborted', reason: 'interrupted' });
    expect(await until(() => !alive(c), 10_000)).toBe(true);
  });

  it('denies a sandboxed write outside the writable roots', async () => {
    h = await startHarness();
    const outside = tempDir('codex-outside-');
    const target = join(outside, 'escaped.txt');
    h.server.queueResponses(turn.of(execCommandCall(`echo pwned > ${target}`, { login: false, call_id: 'w', workdir: outside })), turn.message('tried'));
    const policy = { mode: 'workspace-write', writable_roots: [], network_access: false, exclude_tmpdir_env_var: true, exclude_slash_tmp: true };
    await h.submit(userTurn(h, 'escape', { ...MODEL, sandbox_policy: policy }));
    await h.waitFor((m) => m.type === 'task_complete', 30_000);
    const out = parse(lastOutputs(h).get('w')!);
    expect(out.exit).not.toBe(0);
    expect(out.output).toMatch(/Permission denied|Read-only file system/);
    expect(existsSync(target)).toBe(false);
  });

  for (const backend of ['landlock', 'bwrap'] as const) {
    it.runIf(backendRuns[backend])(`${backend}: the workdir is where the command starts, never a writable root`, async () => {
      h = await startHarness({ toml: `[sandbox]\nbackend = "${backend}"\n` });
      const outside = tempDir('codex-outside-');
      mkdirSync(join(h.ws, 'sub'));
      h.server.queueResponses(
        turn.toolCalls([execCommandCall('pwd', { login: false, call_id: 'in', workdir: 'sub' }), execCommandCall('pwd; touch made.txt', { login: false, call_id: 'out', workdir: outside })]),
        turn.message('done'),
      );
      const policy = { mode: 'workspace-write', writable_roots: [], network_access: false, exclude_tmpdir_env_var: true, exclude_slash_tmp: true };
      await h.submit(userTurn(h, 'where am I', { ...MODEL, sandbox_policy: policy }));
      await h.waitFor((m) => m.type === 'task_complete', 30_000);
      const outs = lastOutputs(h);
      expect(parse(outs.get('in')!)).toMatchObject({ exit: 0, output: `${join(h.ws, 'sub')}\n` });
      const out = parse(outs.get('out')!);
      expect(out.output.split('\n')[0]).toBe(outside);
      expect(out.exit).not.toBe(0);
      expect(existsSync(join(outside, 'made.txt'))).toBe(false);
    });
  }

  for (const backend of ['landlock', 'bwrap'] as const) {
    it.runIf(backendRuns[backend])(`${backend}: a sandboxed tty=true command has its PTY as controlling terminal, a piped one none`, async () => {
      h = await startHarness({ toml: `[sandbox]\nbackend = "${backend}"\n` });
      h.server.queueResponses(
        turn.of([
          execCommandCall('tty; echo x > /dev/tty && echo devtty-ok', { login: false, call_id: 'p', tty: true, yield_time_ms: 5000 }),
          execCommandCall('tty; echo x > /dev/tty || echo no-devtty', { login: false, call_id: 'q', yield_time_ms: 5000 }),
        ]),
        turn.message('done'),
      );
      await h.submit(userTurn(h, 'terminals', MODEL));
      await h.waitFor((m) => m.type === 'task_complete', 30_000);
      const outs = lastOutputs(h);
      expect(parse(outs.get('p')!).output.replace(/\r/g, '')).toMatch(/^\/dev\/console\nx\ndevtty-ok\n/);
      expect(parse(outs.get('q')!).output).toMatch(/^not a tty\n[^]*no-devtty\n/);
    });

    it.runIf(backendRuns[backend])(`${backend}: Ctrl-C reaches a sandboxed PTY command`, async () => {
      h = await startHarness({ toml: `[sandbox]\nbackend = "${backend}"\n` });
      h.server.queueResponses(
        turn.of(execCommandCall('sleep 300', { login: false, call_id: 's', tty: true, yield_time_ms: 500 })),
        respond((req) => turn.of(writeStdinCall(sessionFrom(req, 's'), '\u0003', { call_id: 'c', yield_time_ms: 5000 }))),
        turn.message('stopped'),
      );
      await h.submit(userTurn(h, 'stop it', MODEL));
      await h.waitFor((m) => m.type === 'task_complete', 30_000);
      expect(parse(lastOutputs(h).get('c')!)).toMatchObject({ exit: 130, session: null });
    });
  }

  it("applies `apply_patch <<'EOF'` given to exec_command as a patch", async () => {
    h = await startHarness();
    const script = "apply_patch <<'EOF'\n*** Begin Patch\n*** Add File: viashell.txt\n+made by a patch\n*** End Patch\nEOF\n";
    h.server.queueResponses(turn.of(execCommandCall(script, { login: false, call_id: 'ap' })), turn.message('patched'));
    await h.submit(userTurn(h, 'patch', MODEL));
    await h.waitFor((m) => m.type === 'task_complete', 30_000);
    expect(readFileSync(join(h.ws, 'viashell.txt'), 'utf8')).toBe('made by a patch\n');
    expect(lastOutputs(h).get('ap')).toMatch(/^Wall time: 0\.0000 seconds\nOutput:\nExit code: 0\nWall time: \d+\.\d seconds\nOutput:\nSuccess\. Updated the following files:\nA viashell\.txt\n$/);
    expect(h.events.map((e) => e.msg.type).filter((t) => t.startsWith('exec_command') || t.startsWith('patch_apply'))).toEqual(['patch_apply_begin', 'patch_apply_end']);
  });

  it('gives gpt-5.5 exec_command, write_stdin and the freeform apply_patch, and no shell', async () => {
    h = await startHarness();
    h.server.queueResponses(turn.message('hi'));
    await h.submit(userTurn(h, 'tools?', MODEL));
    await h.waitFor((m) => m.type === 'task_complete');
    const tools = (h.server.responsesRequests()[0]!.json as { tools: { type: string; name?: string }[] }).tools;
    expect(tools.map((t) => `${t.type}:${t.name ?? ''}`)).toEqual(['function:exec_command', 'function:write_stdin', 'function:update_plan', 'custom:apply_patch', 'function:view_image']);
  });
});

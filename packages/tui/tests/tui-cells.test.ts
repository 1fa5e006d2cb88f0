// Plan checklists, retries and errors as the user sees them (real bin, PTY, scripted model).
import { describe, expect, it } from 'vitest';
import { turn, type ScriptedModelServer } from '@codex-ts/test-support';
import { makeSandbox, quit, READY, startTui, type Sandbox, type TuiRun, usePtySuite } from './pty-harness.js';

let sb: Sandbox;
let server: ScriptedModelServer;
let tui: TuiRun | undefined;

usePtySuite({
  started: (s, srv) => ((sb = s), (server = srv)),
  running: () => tui,
  stopped: () => (tui = undefined),
});


describe('codex-tui cells', () => {
  it('shows update_plan as a checklist', async () => {
    const plan = [
      { step: 'Read the code', status: 'completed' },
      { step: 'Write the fix', status: 'in_progress' },
      { step: 'Run the tests', status: 'pending' },
    ];
    server.queueResponses(turn.toolCalls([{ name: 'update_plan', arguments: { explanation: 'Three steps.', plan } }]), turn.message('Planned.'));
    tui = startTui(['-s', 'read-only', '-a', 'never'], { sb, baseUrl: server.baseUrl });
    await tui.waitFor(READY);
    tui.write('Plan it\r');
    await tui.waitFor('Planned.');
    const screen = tui.screen().join('\n');
    expect(screen).toContain('Updated Plan (1/3 done)');
    expect(screen).toContain('Three steps.');
    expect(screen).toMatch(/└ ✔ Read the code\n\s+└ ◐ Write the fix\n\s+└ □ Run the tests/);
    expect(await quit(tui)).toBe(0);
  });

  it('shows a retry line when the stream breaks, and an error line when the request fails', async () => {
    server.queueResponses({ fault: 'cut', after: 1 }, turn.message('Recovered after the retry.'), { fault: 'status', status: 400, body: { error: { message: 'bad request from the test', type: 'invalid_request_error' } } });
    tui = startTui(['-s', 'read-only', '-a', 'never'], { sb, baseUrl: server.baseUrl });
    await tui.waitFor(READY);
    tui.write('First\r');
    await tui.waitFor('Recovered after the retry.');
    expect(tui.screen().join('\n')).toMatch(/⚠ Re-connecting\.\.\. 1\/\d/);
    tui.write('Second\r');
    await tui.waitFor('■ ');
    await tui.waitFor((s) => !s.includes('Working'));
    expect(tui.screen().join('\n')).toMatch(/■ .*bad request from the test/s);
    expect(await quit(tui)).toBe(0);
  });

  it('tui.notifications = true also rings and notifies when a turn completes', async () => {
    server.queueResponses(turn.message('All done here.'));
    tui = startTui(['-s', 'read-only', '-a', 'never', '-c', 'tui.notifications=true'], { sb, baseUrl: server.baseUrl });
    await tui.waitFor(READY);
    expect(tui.raw()).not.toContain('\x1b]9;');
    tui.write('Go\r');
    await tui.waitFor('All done here.');
    await tui.waitFor(() => tui!.raw().includes('\x07\x1b]9;Codex: turn complete\x07'));
    expect(await quit(tui)).toBe(0);
  });
});

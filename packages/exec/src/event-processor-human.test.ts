import { describe, expect, it } from 'vitest';
import type { EventMsg, TokenUsage } from '@codex-ts/protocol';
import { configSummaryEntries } from './config-summary.js';
import { formatDuration, HumanEventProcessor, durationMs } from './event-processor-human.js';

const total: TokenUsage = { input_tokens: 21916, cached_input_tokens: 0, output_tokens: 165, reasoning_output_tokens: 0, total_tokens: 22081 };

function render(msgs: EventMsg[], color = false): { stderr: string; final: string | undefined } {
  let stderr = '';
  const p = new HumanEventProcessor({
    write: (t) => {
      stderr += t;
    },
    color,
    title: 'codex-ts v0.1.0',
    prompt: 'List the files, then create hello.txt',
    summary: configSummaryEntries({
      cwd: '/ws',
      model: 'gpt-5.5',
      model_provider_id: 'mock',
      model_provider: { wire_api: 'responses' },
      approval_policy: 'never',
      sandbox_policy: { mode: 'workspace-write', writable_roots: [], network_access: false, exclude_slash_tmp: false, exclude_tmpdir_env_var: false },
      model_reasoning_summary: 'none',
    }),
  });
  for (const m of msgs) p.process(m);
  const final = p.finish();
  return { stderr, final };
}

const session: EventMsg = {
  type: 'session_configured',
  session_id: '01a20a21-52fb-7de2-a3ba-8ed21ec75a10',
  model: 'gpt-5.5',
  history_log_id: 0,
  history_entry_count: 0,
  rollout_path: '/r.jsonl',
};

describe('HumanEventProcessor', () => {
  it('prints the transcript of codex-binary §5 on stderr and returns only the final message', () => {
    const { stderr, final } = render([
      session,
      { type: 'task_started' },
      { type: 'exec_command_begin', call_id: 'c', command: ['/bin/bash', '-lc', 'ls -la && cat README.md'], cwd: '/ws', parsed_cmd: [] },
      {
        type: 'exec_command_end',
        call_id: 'c',
        stdout: '',
        stderr: '',
        aggregated_output: 'README.md\n# demo project\n',
        exit_code: 0,
        duration: { secs: 0, nanos: 36_000_000 },
        formatted_output: '',
      },
      { type: 'patch_apply_begin', call_id: 'p', auto_approved: true, changes: { '/ws/hello.txt': { add: { content: 'Hello from the scripted model.\nSecond line.\n' } } } },
      { type: 'patch_apply_end', call_id: 'p', stdout: 'Success.', stderr: '', success: true },
      { type: 'agent_message', message: 'I listed the files and created hello.txt.' },
      { type: 'token_count', info: { total_token_usage: total, last_token_usage: total } },
      { type: 'task_complete', last_agent_message: 'I listed the files and created hello.txt.' },
    ]);
    expect(final).toBe('I listed the files and created hello.txt.');
    expect(stderr).toBe(
      [
        'codex-ts v0.1.0',
        '--------',
        'workdir: /ws',
        'model: gpt-5.5',
        'provider: mock',
        'approval: never',
        'sandbox: workspace-write [workdir, /tmp, $TMPDIR]',
        'reasoning effort: none',
        'reasoning summaries: none',
        'session id: 01a20a21-52fb-7de2-a3ba-8ed21ec75a10',
        '--------',
        'user',
        'List the files, then create hello.txt',
        'exec',
        "/bin/bash -lc 'ls -la && cat README.md' in /ws",
        ' succeeded in 36ms:',
        'README.md',
        '# demo project',
        '',
        'apply patch',
        'patch: completed',
        '/ws/hello.txt',
        '--- /dev/null',
        '+++ b/hello.txt',
        '@@ -0,0 +1,2 @@',
        '+Hello from the scripted model.',
        '+Second line.',
        'codex',
        'I listed the files and created hello.txt.',
        'tokens used',
        '22,081',
        '',
      ].join('\n'),
    );
  });

  it('shows failures, errors, stream errors, plans and truncates long output', () => {
    const output = Array.from({ length: 25 }, (_, i) => `line ${i}`).join('\n');
    const { stderr, final } = render([
      { type: 'exec_command_begin', call_id: 'c', command: ['false'], cwd: '/ws', parsed_cmd: [] },
      { type: 'exec_command_end', call_id: 'c', stdout: '', stderr: '', aggregated_output: output, exit_code: 1, duration: 1500, formatted_output: '' },
      { type: 'stream_error', message: 'Re-connecting... 1/5' },
      { type: 'plan_update', plan: [{ step: 'a', status: 'completed' }, { step: 'b', status: 'in_progress' }, { step: 'c', status: 'pending' }] },
      { type: 'error', message: 'unexpected status 400' },
      { type: 'turn_aborted', reason: 'interrupted' },
    ]);
    expect(final).toBeUndefined();
    const lines = stderr.split('\n');
    expect(lines.slice(0, 3)).toEqual(['exec', 'false in /ws', ' exited 1 in 1.50s:']);
    expect(lines.slice(3, 24)).toEqual([...Array.from({ length: 20 }, (_, i) => `line ${i}`), '… +5 lines']);
    expect(lines.slice(25)).toEqual(['Re-connecting... 1/5', 'Plan update', '  ✓ a', '  → b', '  • c', 'ERROR: unexpected status 400', 'task interrupted', '']);
  });

  it('uses ANSI styles only when colour is on', () => {
    const plain = render([{ type: 'agent_message', message: 'hi' }]).stderr;
    const coloured = render([{ type: 'agent_message', message: 'hi' }], true).stderr;
    expect(plain).toBe('codex\nhi\n');
    expect(coloured).toBe('\x1b[35m\x1b[3mcodex\x1b[23m\x1b[39m\nhi\n');
  });

  it('formats durations as Codex does', () => {
    expect(formatDuration(36)).toBe('36ms');
    expect(formatDuration(1500)).toBe('1.50s');
    expect(formatDuration(125_000)).toBe('2m 05s');
    expect(durationMs({ secs: 2, nanos: 500_000_000 })).toBe(2500);
    expect(durationMs('36ms')).toBe(36);
    expect(durationMs('1.5s')).toBe(1500);
  });
});

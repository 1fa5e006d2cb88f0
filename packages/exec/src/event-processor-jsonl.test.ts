import { describe, expect, it } from 'vitest';
import { ThreadEventSchema, type EventMsg, type TokenUsage } from '@codex-ts/protocol';
import { JsonlEventProcessor } from './event-processor-jsonl.js';

const usage = (input: number, cached: number, output: number, reasoning = 0): TokenUsage => ({
  input_tokens: input,
  cached_input_tokens: cached,
  output_tokens: output,
  reasoning_output_tokens: reasoning,
  total_tokens: input + output,
});

/** Feed a whole sequence and return the JSONL text exactly as exec prints it. */
function run(msgs: EventMsg[], p = new JsonlEventProcessor()): string[] {
  const lines = msgs.flatMap((m) => p.collect(m)).map((ev) => JSON.stringify(ev));
  for (const line of lines) expect(() => ThreadEventSchema.parse(JSON.parse(line))).not.toThrow();
  return lines;
}

const sessionConfigured: EventMsg = {
  type: 'session_configured',
  session_id: '01a20a1f-36b4-72f2-8a7b-f2bb2bb4adf3',
  model: 'gpt-5.5',
  history_log_id: 0,
  history_entry_count: 0,
  rollout_path: '/tmp/rollout.jsonl',
};

describe('JsonlEventProcessor', () => {
  it('maps the 3-step session of codex-binary §5 line for line', () => {
    const lines = run([
      sessionConfigured,
      { type: 'task_started', model_context_window: 272000 },
      { type: 'user_message', message: 'List the files', kind: 'plain' },
      {
        type: 'exec_command_begin',
        call_id: 'c1',
        command: ['/bin/bash', '-lc', 'ls -la && cat README.md'],
        cwd: '/ws',
        parsed_cmd: [],
      },
      { type: 'exec_command_output_delta', call_id: 'c1', stream: 'stdout', chunk: 'IyBkZW1v' },
      {
        type: 'exec_command_end',
        call_id: 'c1',
        stdout: '# demo\n',
        stderr: '',
        aggregated_output: '# demo\n',
        exit_code: 0,
        duration: { secs: 0, nanos: 36_000_000 },
        formatted_output: '# demo\n',
      },
      { type: 'token_count', info: { total_token_usage: usage(7000, 0, 50), last_token_usage: usage(7000, 0, 50) } },
      { type: 'patch_apply_begin', call_id: 'p1', auto_approved: true, changes: { '/ws/hello.txt': { add: { content: 'Hello\n' } } } },
      { type: 'patch_apply_end', call_id: 'p1', stdout: 'Success. Updated the following files:\nA hello.txt\n', stderr: '', success: true },
      { type: 'agent_message', message: 'I listed the files and created hello.txt.' },
      { type: 'token_count', info: { total_token_usage: usage(21916, 0, 157), last_token_usage: usage(7000, 0, 57) } },
      { type: 'task_complete', last_agent_message: 'I listed the files and created hello.txt.' },
    ]);
    expect(lines).toEqual([
      '{"type":"thread.started","thread_id":"01a20a1f-36b4-72f2-8a7b-f2bb2bb4adf3"}',
      '{"type":"turn.started"}',
      '{"type":"item.started","item":{"id":"item_0","type":"command_execution","command":"/bin/bash -lc \'ls -la && cat README.md\'","aggregated_output":"","exit_code":null,"status":"in_progress"}}',
      '{"type":"item.completed","item":{"id":"item_0","type":"command_execution","command":"/bin/bash -lc \'ls -la && cat README.md\'","aggregated_output":"# demo\\n","exit_code":0,"status":"completed"}}',
      '{"type":"item.started","item":{"id":"item_1","type":"file_change","changes":[{"path":"/ws/hello.txt","kind":"add"}],"status":"in_progress"}}',
      '{"type":"item.completed","item":{"id":"item_1","type":"file_change","changes":[{"path":"/ws/hello.txt","kind":"add"}],"status":"completed"}}',
      '{"type":"item.completed","item":{"id":"item_2","type":"agent_message","text":"I listed the files and created hello.txt."}}',
      '{"type":"turn.completed","usage":{"input_tokens":21916,"cached_input_tokens":0,"cache_write_input_tokens":0,"output_tokens":157,"reasoning_output_tokens":0}}',
    ]);
  });

  it('joins argv like the 0.47 docs sample (bash -lc ls) and marks a non-zero exit failed', () => {
    const lines = run([
      { type: 'exec_command_begin', call_id: 'a', command: ['bash', '-lc', 'ls'], cwd: '/ws', parsed_cmd: [] },
      {
        type: 'exec_command_end',
        call_id: 'a',
        stdout: '',
        stderr: 'boom\n',
        aggregated_output: 'boom\n',
        exit_code: 2,
        duration: 5,
        formatted_output: 'boom\n',
      },
    ]);
    expect(lines).toEqual([
      '{"type":"item.started","item":{"id":"item_0","type":"command_execution","command":"bash -lc ls","aggregated_output":"","exit_code":null,"status":"in_progress"}}',
      '{"type":"item.completed","item":{"id":"item_0","type":"command_execution","command":"bash -lc ls","aggregated_output":"boom\\n","exit_code":2,"status":"failed"}}',
    ]);
  });

  it('ignores an end without its begin', () => {
    expect(
      run([
        { type: 'exec_command_end', call_id: 'x', stdout: '', stderr: '', aggregated_output: '', exit_code: 0, duration: 1, formatted_output: '' },
        { type: 'patch_apply_end', call_id: 'y', stdout: '', stderr: '', success: true },
      ]),
    ).toEqual([]);
  });

  it('reports a failed patch with each file kind', () => {
    const lines = run([
      {
        type: 'patch_apply_begin',
        call_id: 'p',
        auto_approved: true,
        changes: {
          '/ws/a.txt': { add: { content: 'a' } },
          '/ws/b.txt': { delete: { content: 'b' } },
          '/ws/c.txt': { update: { unified_diff: '@@ -1 +1 @@\n-c\n+C\n', move_path: null } },
        },
      },
      { type: 'patch_apply_end', call_id: 'p', stdout: '', stderr: 'Failed to find context', success: false },
    ]);
    expect(lines[1]).toBe(
      '{"type":"item.completed","item":{"id":"item_0","type":"file_change","changes":[{"path":"/ws/a.txt","kind":"add"},{"path":"/ws/b.txt","kind":"delete"},{"path":"/ws/c.txt","kind":"update"}],"status":"failed"}}',
    );
  });

  it('turns an error into an error line and turn.failed, stream errors into error lines only', () => {
    const lines = run([
      { type: 'task_started' },
      { type: 'stream_error', message: 'Reconnecting... 1/5' },
      { type: 'error', message: 'unexpected status 400 Bad Request' },
      { type: 'task_complete', last_agent_message: null },
    ]);
    expect(lines).toEqual([
      '{"type":"turn.started"}',
      '{"type":"error","message":"Reconnecting... 1/5"}',
      '{"type":"error","message":"unexpected status 400 Bad Request"}',
      '{"type":"turn.failed","error":{"message":"unexpected status 400 Bad Request"}}',
    ]);
  });

  it('tracks the plan as one todo_list item: started, updated, completed at turn end', () => {
    const lines = run([
      { type: 'task_started' },
      { type: 'plan_update', plan: [{ step: 'read', status: 'in_progress' }, { step: 'write', status: 'pending' }] },
      { type: 'plan_update', explanation: 'halfway', plan: [{ step: 'read', status: 'completed' }, { step: 'write', status: 'in_progress' }] },
      { type: 'agent_message', message: 'done' },
      { type: 'task_complete', last_agent_message: 'done' },
    ]);
    expect(lines).toEqual([
      '{"type":"turn.started"}',
      '{"type":"item.started","item":{"id":"item_0","type":"todo_list","items":[{"text":"read","completed":false},{"text":"write","completed":false}]}}',
      '{"type":"item.updated","item":{"id":"item_0","type":"todo_list","items":[{"text":"read","completed":true},{"text":"write","completed":false}]}}',
      '{"type":"item.completed","item":{"id":"item_1","type":"agent_message","text":"done"}}',
      '{"type":"item.completed","item":{"id":"item_0","type":"todo_list","items":[{"text":"read","completed":true},{"text":"write","completed":false}]}}',
      '{"type":"turn.completed","usage":{"input_tokens":0,"cached_input_tokens":0,"cache_write_input_tokens":0,"output_tokens":0,"reasoning_output_tokens":0}}',
    ]);
  });

  it('maps MCP calls (ok and error), web search, reasoning and warnings', () => {
    const inv = { server: 'docs', tool: 'search', arguments: { q: 'x' } };
    const lines = run([
      { type: 'agent_reasoning', text: '**Planning**' },
      { type: 'mcp_tool_call_begin', call_id: 'm1', invocation: inv },
      {
        type: 'mcp_tool_call_end',
        call_id: 'm1',
        invocation: inv,
        duration: { secs: 1, nanos: 0 },
        result: { Ok: { content: [{ type: 'text', text: 'hit' }], structuredContent: { n: 1 } } },
      },
      { type: 'mcp_tool_call_begin', call_id: 'm2', invocation: { server: 'docs', tool: 'fetch' } },
      { type: 'mcp_tool_call_end', call_id: 'm2', invocation: { server: 'docs', tool: 'fetch' }, duration: 3, result: { Err: 'timed out' } },
      { type: 'web_search_begin', call_id: 'w' },
      { type: 'web_search_end', call_id: 'w', query: 'codex exec' },
      { type: 'warning', message: 'Model metadata for `foo` not found.' },
    ]);
    expect(lines).toEqual([
      '{"type":"item.completed","item":{"id":"item_0","type":"reasoning","text":"**Planning**"}}',
      '{"type":"item.started","item":{"id":"item_1","type":"mcp_tool_call","server":"docs","tool":"search","arguments":{"q":"x"},"result":null,"error":null,"status":"in_progress"}}',
      '{"type":"item.completed","item":{"id":"item_1","type":"mcp_tool_call","server":"docs","tool":"search","arguments":{"q":"x"},"result":{"content":[{"type":"text","text":"hit"}],"structured_content":{"n":1}},"error":null,"status":"completed"}}',
      '{"type":"item.started","item":{"id":"item_2","type":"mcp_tool_call","server":"docs","tool":"fetch","arguments":null,"result":null,"error":null,"status":"in_progress"}}',
      '{"type":"item.completed","item":{"id":"item_2","type":"mcp_tool_call","server":"docs","tool":"fetch","arguments":null,"result":null,"error":{"message":"timed out"},"status":"failed"}}',
      '{"type":"item.completed","item":{"id":"item_3","type":"web_search","query":"codex exec"}}',
      '{"type":"item.completed","item":{"id":"item_4","type":"error","message":"Model metadata for `foo` not found."}}',
    ]);
  });

  it('carries cached and reasoning tokens from the last token_count total', () => {
    const lines = run([
      { type: 'task_started' },
      { type: 'token_count', info: { total_token_usage: usage(10, 4, 7, 3), last_token_usage: usage(10, 4, 7, 3) } },
      { type: 'token_count', info: null },
      { type: 'task_complete' },
    ]);
    expect(lines.at(-1)).toBe(
      '{"type":"turn.completed","usage":{"input_tokens":10,"cached_input_tokens":4,"cache_write_input_tokens":0,"output_tokens":7,"reasoning_output_tokens":3}}',
    );
  });

  it('finish() closes a turn the engine left open, failed when an error was seen', () => {
    const p = new JsonlEventProcessor();
    run([{ type: 'task_started' }, { type: 'error', message: 'boom' }], p);
    expect(p.finish().map((e) => JSON.stringify(e))).toEqual(['{"type":"turn.failed","error":{"message":"boom"}}']);
    expect(p.finish()).toEqual([]);
  });

  it('numbers items per process across turns', () => {
    const p = new JsonlEventProcessor();
    run([{ type: 'task_started' }, { type: 'agent_message', message: 'a' }, { type: 'task_complete' }], p);
    const second = run([{ type: 'task_started' }, { type: 'agent_message', message: 'b' }], p);
    expect(second[1]).toBe('{"type":"item.completed","item":{"id":"item_1","type":"agent_message","text":"b"}}');
  });
});

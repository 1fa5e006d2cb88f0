// Every string the model, a command, a tool or an MCP server controls reaches `codex exec`'s
// human transcript without an escape sequence; our own colours stay.
import { describe, expect, it } from 'vitest';
import type { EventMsg } from '@codex-ts/protocol';
import { HumanEventProcessor } from './event-processor-human.js';

const OSC_TITLE = '\x1b]0;pwned\x07';
const C1_CSI = '\x9b2J';

function render(msgs: EventMsg[]): string {
  let stderr = '';
  const p = new HumanEventProcessor({ write: (t) => void (stderr += t), color: true, title: 't', prompt: `p${OSC_TITLE}`, summary: [['workdir', `/ws${OSC_TITLE}`]] });
  for (const m of msgs) p.process(m);
  p.finish();
  return stderr;
}

describe('HumanEventProcessor with hostile text', () => {
  it('writes no escape sequence but its own SGR styles', () => {
    const out = render([
      { type: 'session_configured', session_id: 's', model: 'm', history_log_id: 0, history_entry_count: 0, rollout_path: '/r' },
      { type: 'agent_reasoning', text: `think${OSC_TITLE}` },
      { type: 'exec_command_begin', call_id: 'c', command: ['bash', '-lc', `ls${OSC_TITLE}`], cwd: `/ws${C1_CSI}`, parsed_cmd: [] },
      { type: 'exec_command_end', call_id: 'c', stdout: '', stderr: '', aggregated_output: `out${OSC_TITLE}\x1b[?1049h${C1_CSI}\n10%\r100%\n`, exit_code: 0, duration: 5, formatted_output: '' },
      { type: 'mcp_tool_call_begin', call_id: 'm', invocation: { server: `srv${OSC_TITLE}`, tool: `t${C1_CSI}`, arguments: { a: `\x9d0;x\x9c` } } },
      { type: 'mcp_tool_call_end', call_id: 'm', invocation: { server: 'srv', tool: 't' }, duration: 5, result: { Ok: { content: [{ type: 'text', text: `r\x9b1;1H${OSC_TITLE}` }] } } },
      { type: 'patch_apply_begin', call_id: 'p', auto_approved: true, changes: { [`/ws/a${OSC_TITLE}.txt`]: { add: { content: `x${OSC_TITLE}\n` } } } },
      { type: 'patch_apply_end', call_id: 'p', stdout: '', stderr: `bad${OSC_TITLE}`, success: false },
      { type: 'plan_update', explanation: `e${OSC_TITLE}`, plan: [{ step: `s${OSC_TITLE}`, status: 'pending' }] },
      { type: 'web_search_end', call_id: 'w', query: `q${OSC_TITLE}` },
      { type: 'warning', message: `w${OSC_TITLE}` },
      { type: 'error', message: `err${OSC_TITLE}` },
      { type: 'agent_message', message: `answer${OSC_TITLE}${C1_CSI}` },
    ] as EventMsg[]);
    // Only our own SGR sequences remain.
    expect(out.replace(/\x1b\[[0-9;]*m/g, '')).not.toMatch(/[\x00-\x09\x0b-\x1f\x7f-\x9f]/);
    const plain = out.replace(/\x1b\[[0-9;]*m/g, '');
    expect(plain).toContain('answer\n');
    expect(plain).toContain('out\n100%\n');
    // Command lines and paths show what was hidden in them.
    expect(plain).toContain("bash -lc 'ls␛]0;pwned␇' in /ws<U+009B>2J");
    expect(plain).toContain('/ws/a␛]0;pwned␇.txt');
  });
});

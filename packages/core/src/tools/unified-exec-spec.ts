// The exec_command / write_stdin function specs in Codex 0.169's shape (names, types,
// required keys, `sandbox_permissions` values, strict=false, no extra properties). The
// tool-level descriptions are Codex's one-line identifiers; parameter texts are ours.
import type { ToolSpec } from '../client/types.js';

/** `exec_command`. */
export const EXEC_COMMAND_SPEC: ToolSpec = {
  type: 'function',
  name: 'exec_command',
  description: 'Runs a command in a PTY, returning output or a session ID for ongoing interaction.',
  strict: false,
  parameters: {
    type: 'object',
    properties: {
      cmd: { type: 'string', description: 'The shell command line to run.' },
      justification: {
        type: 'string',
        description: 'Only with sandbox_permissions "require_escalated": a one-sentence question for the user saying why the command must run outside the sandbox.',
      },
      login: { type: 'boolean', description: 'Run the shell as a login shell (-l). Default true.' },
      max_output_tokens: { type: 'number', description: 'Token budget for the returned output; longer output keeps its start and end. Default 10000.' },
      prefix_rule: {
        type: 'array',
        items: { type: 'string' },
        description: 'Only with sandbox_permissions "require_escalated": a short command prefix the user may approve for later commands, e.g. ["npm", "test"].',
      },
      sandbox_permissions: {
        type: 'string',
        enum: ['use_default', 'require_escalated'],
        description: 'Sandbox for this command: "use_default" (default), or "require_escalated" to ask to run it without the sandbox.',
      },
      shell: { type: 'string', description: "Path of the shell to run the command with. Default: the user's shell." },
      tty: { type: 'boolean', description: 'Give the command a terminal (PTY) so it can be driven with write_stdin. Default false: plain pipes and no stdin.' },
      workdir: { type: 'string', description: 'Directory to start the command in. Default: the turn working directory.' },
      yield_time_ms: { type: 'number', description: 'How long to wait for output before returning (250-30000 ms). Default 10000.' },
    },
    required: ['cmd'],
    additionalProperties: false,
  },
};

/** `write_stdin`. */
export const WRITE_STDIN_SPEC: ToolSpec = {
  type: 'function',
  name: 'write_stdin',
  description: 'Writes characters to an existing unified exec session and returns recent output.',
  strict: false,
  parameters: {
    type: 'object',
    properties: {
      chars: { type: 'string', description: 'Characters to type into the session; "" only polls for output, "\\u0003" is Ctrl-C.' },
      max_output_tokens: { type: 'number', description: 'Token budget for the returned output. Default 10000.' },
      session_id: { type: 'number', description: 'The session ID exec_command returned.' },
      yield_time_ms: { type: 'number', description: 'How long to wait for output before returning. Default 250 ms; an empty poll waits at least 5000 ms.' },
    },
    required: ['session_id'],
    additionalProperties: false,
  },
};

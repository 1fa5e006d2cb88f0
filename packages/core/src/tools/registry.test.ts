// Handler failures: a bug in a handler reaches the log with its stack and the model as one
// short line; input errors go to the model verbatim and are not logged as failures.
import { Writable } from 'node:stream';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { TOOL_FAILURE_MAX_CHARS, ToolRegistry, toolFailureText } from './registry.js';
import { ToolInputError, type ToolCall, type ToolContext, type ToolHandler } from './types.js';

function capturingLogger(): { log: pino.Logger; lines: () => Record<string, unknown>[] } {
  const chunks: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, cb) {
      chunks.push(chunk.toString());
      cb();
    },
  });
  const log = pino({ level: 'info' }, sink);
  const lines = () =>
    chunks
      .join('')
      .split('\n')
      .filter((l) => l !== '')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
  return { log, lines };
}

function context(log?: pino.Logger, signal = new AbortController().signal): ToolContext {
  return {
    sub_id: 'sub-1',
    turn: {
      cwd: '/nonexistent',
      approval_policy: 'never',
      sandbox_policy: { mode: 'read-only' },
      shell_environment_policy: {} as ToolContext['turn']['shell_environment_policy'],
      freeform_apply_patch: false,
      sandbox_config: {},
    },
    signal,
    emit: () => undefined,
    requestApproval: async () => 'denied',
    approvedForSession: new Set(),
    attachImage: () => undefined,
    ...(log ? { log } : {}),
  };
}

function handler(name: string, fn: () => Promise<never>): ToolHandler {
  return { name, spec: { type: 'function', name, description: '', parameters: { type: 'object', properties: {} } } as never, handle: fn };
}

const call = (name: string): ToolCall => ({ kind: 'function', name, call_id: 'call-7', arguments: '{}' });

describe('ToolRegistry.dispatch when a handler throws', () => {
  it('a TypeError from a bug: logged with its stack, the model reads one short line', async () => {
    const { log, lines } = capturingLogger();
    const reg = new ToolRegistry();
    reg.register(
      handler('buggy', async function buggyHandler() {
        const missing = undefined as unknown as { field: string };
        return missing.field as never;
      }),
    );
    const { item, result } = await reg.dispatch(call('buggy'), context(log));
    const expected = "tool buggy failed: TypeError: Cannot read properties of undefined (reading 'field')";
    expect(result).toEqual({ content: expected, success: false });
    expect(item).toEqual({ type: 'function_call_output', call_id: 'call-7', output: expected });
    const logged = lines();
    expect(logged).toHaveLength(1);
    const entry = logged[0]!;
    expect({ level: entry.level, msg: entry.msg, tool: entry.tool, call_id: entry.call_id }).toEqual({
      level: 50,
      msg: 'tool handler threw',
      tool: 'buggy',
      call_id: 'call-7',
    });
    const err = entry.err as { type: string; message: string; stack: string };
    expect(err.type).toBe('TypeError');
    expect(err.stack).toMatch(/^TypeError: Cannot read properties of undefined/);
    expect(err.stack).toContain('buggyHandler');
  });

  it('a long multi-line error: the model text is the first line, bounded; the log keeps all of it', async () => {
    const { log, lines } = capturingLogger();
    const reg = new ToolRegistry();
    const long = `first line ${'x'.repeat(500)}\nsecond line with details`;
    reg.register(
      handler('noisy', async () => {
        throw new Error(long);
      }),
    );
    const { result } = await reg.dispatch(call('noisy'), context(log));
    expect(result.content).toBe(`tool noisy failed: first line ${'x'.repeat(TOOL_FAILURE_MAX_CHARS - 3 - 'first line '.length)}...`);
    expect(result.content).not.toContain('second line');
    expect((lines()[0]!.err as { message: string }).message).toBe(long);
  });

  it('a ToolInputError is the model-facing message itself and is not logged as a failure', async () => {
    const { log, lines } = capturingLogger();
    const reg = new ToolRegistry();
    reg.register(
      handler('picky', async () => {
        throw new ToolInputError('workdir must be a directory');
      }),
    );
    const { result } = await reg.dispatch(call('picky'), context(log));
    expect(result).toEqual({ content: 'workdir must be a directory', success: false });
    expect(lines()).toEqual([]);
  });

  it('an abort is rethrown, not turned into output or logged', async () => {
    const { log, lines } = capturingLogger();
    const ac = new AbortController();
    const reg = new ToolRegistry();
    reg.register(
      handler('slow', async () => {
        ac.abort();
        throw new Error('aborted');
      }),
    );
    await expect(reg.dispatch(call('slow'), context(log, ac.signal))).rejects.toThrow('aborted');
    expect(lines()).toEqual([]);
  });

  it('non-Error throws are named too', () => {
    expect(toolFailureText('t', 'plain string')).toBe('tool t failed: plain string');
    expect(toolFailureText('t', new Error(''))).toBe('tool t failed: unknown error');
  });
});

import { describe, expect, it } from 'vitest';
import { ModelClientError } from './client/errors.js';
import { ConfigError } from './config/errors.js';
import { CoreError } from './errors.js';
import { HistoryWriteError } from './history/message-history.js';
import { SessionStoreError } from './rollout/errors.js';
import { ToolInputError } from './tools/types.js';
import { UnifiedExecError } from './unified-exec/manager.js';

describe('CoreError', () => {
  it('is the base of every area error, which keeps its code, cause, name and details', () => {
    const cause = new Error('EACCES');
    const errors = [
      new ConfigError('toml_syntax', 'bad', { file: '/c.toml', line: 3, cause }),
      new ModelClientError('rate_limited', 'slow down', { status: 429, retryAfterMs: 1000, cause }),
      new SessionStoreError('not_found', 'no such session', { path: '/s.jsonl', cause }),
      new HistoryWriteError('cannot append', '/h.jsonl', { cause }),
      new UnifiedExecError('unknown_process', 'no process 7'),
      new ToolInputError('bad args', { cause }),
    ];
    expect(errors.map((e) => [e instanceof CoreError, e instanceof Error, e.name, e.code, e.message, e.cause === cause])).toEqual([
      [true, true, 'ConfigError', 'toml_syntax', 'bad', true],
      [true, true, 'ModelClientError', 'rate_limited', 'slow down', true],
      [true, true, 'SessionStoreError', 'not_found', 'no such session', true],
      [true, true, 'HistoryWriteError', 'history_write', 'cannot append', true],
      [true, true, 'Error', 'unknown_process', 'no process 7', false],
      [true, true, 'Error', 'tool_input', 'bad args', true],
    ]);
    const [config, client, store, history] = errors as [ConfigError, ModelClientError, SessionStoreError, HistoryWriteError];
    expect([config.file, config.line, client.status, client.retryAfterMs, store.path, history.path]).toEqual(['/c.toml', 3, 429, 1000, '/s.jsonl', '/h.jsonl']);
    expect('cause' in new UnifiedExecError('stdin_closed', 'x')).toBe(false);
  });
});

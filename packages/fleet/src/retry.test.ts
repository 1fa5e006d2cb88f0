import { describe, expect, it } from 'vitest';
import { classifyRunFailure, classifyWorkspaceFailure } from './retry.js';

describe('retry classification', () => {
  it('provider exhaustion and a killed child may pass; task errors do not', () => {
    const run = (error: string | undefined, exitCode: number | null = 1, signal: string | null = null) => classifyRunFailure({ ...(error !== undefined ? { error } : {}), exitCode, signal });
    expect(run('exceeded retry limit, last status: 429 Too Many Requests')).toEqual({ retryable: true, reason: 'provider' });
    expect(run('exceeded retry limit, last status: 503 Service Unavailable')).toEqual({ retryable: true, reason: 'provider' });
    expect(run("We're currently experiencing high demand, which may cause temporary errors.")).toEqual({ retryable: true, reason: 'provider' });
    expect(run('stream disconnected before completion: idle timeout waiting for SSE')).toEqual({ retryable: true, reason: 'provider' });
    expect(run("You've hit your usage limit. Try again in 2 hours.")).toEqual({ retryable: true, reason: 'provider' });
    expect(run('error sending request: connect ECONNREFUSED 10.0.0.1:443')).toEqual({ retryable: true, reason: 'provider' });
    expect(run(undefined, null, 'SIGKILL')).toEqual({ retryable: true, reason: 'signal' });
    expect(run('unexpected status 400 Bad Request: unknown parameter')).toEqual({ retryable: false, reason: 'task' });
    expect(run('Quota exceeded. Check your plan and billing details.')).toEqual({ retryable: false, reason: 'task' });
    expect(run('model_not_found: The model `gpt-9` does not exist')).toEqual({ retryable: false, reason: 'task' });
    expect(run(undefined, 1)).toEqual({ retryable: false, reason: 'task' });
    // Only the start of a message counts: a model quoting the phrase does not make a task retryable.
    expect(run('the tool said: exceeded retry limit, last status: 429')).toEqual({ retryable: false, reason: 'task' });
  });

  it('a missing repository or ref is final; a failed fetch is not', () => {
    expect(classifyWorkspaceFailure('repository /x does not exist on this worker')).toEqual({ retryable: false, reason: 'workspace' });
    expect(classifyWorkspaceFailure('ref "nope" is not a commit in /cache/ab.git')).toEqual({ retryable: false, reason: 'workspace' });
    expect(classifyWorkspaceFailure('git clone --quiet --bare -- https://h/r.git /c/x.git.tmp-1 failed: Could not resolve host: h')).toEqual({ retryable: true, reason: 'network' });
    expect(classifyWorkspaceFailure('git -C /r worktree add failed: fatal')).toEqual({ retryable: false, reason: 'workspace' });
  });
});

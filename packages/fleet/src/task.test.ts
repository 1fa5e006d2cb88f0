import { describe, expect, it } from 'vitest';
import { canonicalJson, isGitUrl, jobIdFor, parseTasks } from './task.js';

const opts = { file: 'tasks.jsonl', baseDir: '/work/base', readFile: (p: string) => (p === '/work/base/schema.json' ? '{"type":"object"}' : (() => { throw new Error('ENOENT: no such file'); })()) };

describe('parseTasks', () => {
  it('resolves repos and schemas and gives content ids that ignore key order', () => {
    const a = parseTasks('{"prompt":"fix","repo":"r","output_schema":"schema.json","labels":["x"]}\n\n{"repo":"https://example.com/a.git","prompt":"b","ref":"v1","id":"mine"}\n', opts);
    expect(a.errors).toEqual([]);
    expect(a.tasks).toEqual([
      { jobId: expect.stringMatching(/^t-[0-9a-f]{20}$/), line: 1, task: { prompt: 'fix', repo: '/work/base/r', output_schema: { type: 'object' }, labels: ['x'] } },
      { jobId: 'mine', line: 3, task: { prompt: 'b', repo: 'https://example.com/a.git', ref: 'v1' } },
    ]);
    const b = parseTasks('{"labels":["x"],"output_schema":{"type":"object"},"repo":"/work/base/r","prompt":"fix"}', opts);
    expect(b.tasks[0]!.jobId).toBe(a.tasks[0]!.jobId);
  });

  it('reports every bad line with its number and returns no tasks', () => {
    const text = [
      '{"prompt":"a","repo":"r"}',
      'not json',
      '[1,2]',
      '{"repo":"r"}',
      '{"prompt":"b","repo":"r","model":"--help"}',
      '{"prompt":"c","repo":"r","sandbox":"danger-full-access"}',
      '{"prompt":"d","repo":"r","output_schema":"missing.json"}',
      '{"prompt":"e","repo":"r","id":"123"}',
      '{"prompt":"f","repo":"r","id":"a:b"}',
      '{"prompt":"a","repo":"r"}',
    ].join('\n');
    const r = parseTasks(text, opts);
    expect(r.tasks).toEqual([]);
    expect(r.errors).toEqual([
      'tasks.jsonl:2: not valid JSON (Unexpected token \'o\', "not json" is not valid JSON)',
      'tasks.jsonl:3: a task must be a JSON object',
      'tasks.jsonl:4: "prompt" is required',
      'tasks.jsonl:5: "model": model must not start with "-" or contain whitespace',
      'tasks.jsonl:6: sandbox "danger-full-access" is refused (set fleet.allow_danger_full_access = true to allow it)',
      'tasks.jsonl:7: output_schema /work/base/missing.json: ENOENT: no such file',
      'tasks.jsonl:8: "id": id must not be all digits',
      'tasks.jsonl:9: "id": id: letters, digits, ".", "_" and "-" only (1-100, starting with a letter or digit)',
      'tasks.jsonl:10: the same task as line 1 (give one an "id" to run it twice)',
    ]);
  });

  it('allows danger-full-access when the fleet allows it; an empty file is an error', () => {
    expect(parseTasks('{"prompt":"c","repo":"r","sandbox":"danger-full-access"}', { ...opts, allowDangerFullAccess: true }).errors).toEqual([]);
    expect(parseTasks('\n\n', opts)).toEqual({ tasks: [], errors: ['tasks.jsonl: no tasks (one JSON object a line)'] });
  });
});

describe('ids and urls', () => {
  it('canonical JSON sorts keys at every depth and drops undefined', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: undefined } })).toBe('{"a":{"d":[1,{"y":2,"z":1}]},"b":1}');
    expect(jobIdFor({ prompt: 'p', repo: '/r' })).toBe(jobIdFor({ repo: '/r', prompt: 'p' }));
    expect(jobIdFor({ prompt: 'p', repo: '/r' })).not.toBe(jobIdFor({ prompt: 'p', repo: '/r', ref: 'main' }));
  });

  it('tells git URLs from paths', () => {
    expect(['https://h/x.git', 'ssh://git@h/x', 'git@github.com:o/r.git', 'file:///srv/r.git'].map(isGitUrl)).toEqual([true, true, true, true]);
    expect(['/srv/repo', './repo', 'C:/repo', 'repo:with-colon/x'].map(isGitUrl)).toEqual([false, false, false, false]);
  });
});

import { readFileSync, statSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDirs } from '@codex-ts/test-support';
import { auditLogPath, createAuditLog } from './audit-log.js';

// Temp dirs made here are removed when the file is done.
const tmp = tempDirs(afterAll);

describe('audit log', () => {
  it('appends one valid JSON line per decision, time first, file mode 0600', () => {
    const home = tmp('codex-audit-');
    const sink = createAuditLog(home, { session_id: 's1' });
    sink({ kind: 'command', command: ['ls'], cwd: '/w', decision: 'approved', by: 'policy' });
    sink({ kind: 'patch', paths: ['/w/a'], cwd: '/w', decision: 'denied', by: 'user' });
    const lines = readFileSync(auditLogPath(home), 'utf8').split('\n');
    expect(lines.pop()).toBe('');
    const parsed = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    for (const p of parsed) expect(Number.isNaN(Date.parse(p.time as string))).toBe(false);
    expect(parsed.map((p) => ({ ...p, time: '<time>' }))).toEqual([
      { time: '<time>', session_id: 's1', kind: 'command', command: ['ls'], cwd: '/w', decision: 'approved', by: 'policy', event: 'decision' },
      { time: '<time>', session_id: 's1', kind: 'patch', paths: ['/w/a'], cwd: '/w', decision: 'denied', by: 'user', event: 'decision' },
    ]);
    expect(Object.keys(parsed[0]!)[0]).toBe('time');
    expect(statSync(auditLogPath(home)).mode & 0o777).toBe(0o600);
  });

  it('appends to an existing log', () => {
    const home = tmp('codex-audit-');
    createAuditLog(home)({ kind: 'command', decision: 'approved', by: 'policy' });
    createAuditLog(home)({ kind: 'command', decision: 'denied', by: 'user' });
    const decisions = readFileSync(auditLogPath(home), 'utf8').trim().split('\n').map((l) => (JSON.parse(l) as { decision: string }).decision);
    expect(decisions).toEqual(['approved', 'denied']);
  });
});

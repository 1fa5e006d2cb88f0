import { describe, expect, it } from 'vitest';
import { statusBar, statusLine } from './progress.js';

const s = { workers: 3, queued: 30, running: 4, done: 12, failed: 1, cancelled: 3, total: 50, rate_per_min: 6, eta_s: 340 };

describe('progress', () => {
  it('prints one line with counts, rate and ETA', () => {
    expect(statusLine(s)).toBe('done 12  running 4  queued 30  failed 1  cancelled 3  total 50  rate 6.0/min  eta 5m40s  workers 3');
    expect(statusLine({ ...s, rate_per_min: null, eta_s: null })).toBe('done 12  running 4  queued 30  failed 1  cancelled 3  total 50  rate -  eta -  workers 3');
  });

  it('draws a bar of finished tasks that fits the terminal', () => {
    const bar = statusBar(s, 160);
    expect(bar).toBe(`[${'#'.repeat(13)}${'-'.repeat(27)}]  32%  ${statusLine(s)}`);
    expect(statusBar(s, 60).length).toBeLessThan(60);
  });
});

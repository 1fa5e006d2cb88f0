// How `codex fleet status|watch` show progress: a bar redrawn in place on a terminal, a plain
// line per change without one, or the status object as JSON.
import type { FleetStatus } from './client.js';

function duration(s: number): string {
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

/** `done 12  running 4  queued 30  failed 1  cancelled 0  total 47  rate 6.0/min  eta 5m00s  workers 3` */
export function statusLine(s: FleetStatus): string {
  const rate = s.rate_per_min === null ? 'rate -' : `rate ${s.rate_per_min.toFixed(1)}/min`;
  const eta = s.eta_s === null ? 'eta -' : `eta ${duration(s.eta_s)}`;
  return `done ${s.done}  running ${s.running}  queued ${s.queued}  failed ${s.failed}  cancelled ${s.cancelled}  total ${s.total}  ${rate}  ${eta}  workers ${s.workers}`;
}

/** `[#########-----------]  45%  done 9 …` fitted to `columns`. */
export function statusBar(s: FleetStatus, columns: number): string {
  const finished = s.done + s.failed + s.cancelled;
  const pct = s.total === 0 ? 100 : Math.floor((finished / s.total) * 100);
  const line = statusLine(s);
  const width = Math.max(10, Math.min(40, columns - line.length - 10));
  const filled = s.total === 0 ? width : Math.round((finished / s.total) * width);
  const bar = `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${String(pct).padStart(3)}%  ${line}`;
  return bar.length > columns ? bar.slice(0, Math.max(0, columns - 1)) : bar;
}

// Start-up: `codex --version` and `codex --help` against bare `node -e 0`.
// Targets (issue 2): --version ≤ 1.3× node's wall time and ≤ 60 MiB peak.
import { join } from 'node:path';

export default async function startup({ root, measure }) {
  const codex = join(root, 'packages', 'cli', 'bin', 'codex');
  const runs = 15;
  const base = await measure(process.execPath, ['-e', '0'], { runs, warmup: 2 });
  const rows = [{ bench: 'startup', case: 'node -e 0', wallMs: base.wallMs, peakMiB: base.peakMiB }];
  for (const [name, args, target] of [
    ['codex --version', ['--version'], 1.3],
    ['codex --help', ['--help'], null],
  ]) {
    const m = await measure(codex, args, { runs, warmup: 2 });
    const ratio = m.wallMs / base.wallMs;
    rows.push({
      bench: 'startup',
      case: name,
      wallMs: m.wallMs,
      peakMiB: m.peakMiB,
      ratio,
      target: target ? `<=${target}x, <=60MiB` : undefined,
      pass: target ? ratio <= target && m.peakMiB <= 60 : undefined,
    });
  }
  return rows;
}

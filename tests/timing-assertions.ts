// Finds upper bounds on elapsed time asserted in tests (`expect(Date.now() - t0).toBeLessThan(
// 10_000)`, `expect(firstTwoAt).toBeLessThan(700)`): on a loaded machine they fail for no
// fault of the code, and on a fast one they prove little. Timing belongs in benchmarks.

const CLOCK = /\b(Date\.now\(\)|performance\.now\(\)|process\.hrtime)/;

/** One offending assertion: the 1-based line and its text. */
export interface TimingAssertion {
  line: number;
  text: string;
}

/** Upper-bound assertions on clock readings (or variables computed from them) in `source`. */
export function findTimingAssertions(source: string): TimingAssertion[] {
  // Variables that hold a clock reading or a difference of readings.
  const timed = new Set<string>();
  for (const m of source.matchAll(/\b(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*=\s*([^;\n]*)/g)) {
    if (CLOCK.test(m[2]!)) timed.add(m[1]!);
  }
  const out: TimingAssertion[] = [];
  const lines = source.split('\n');
  lines.forEach((text, i) => {
    const m = /expect\((.*)\)\s*\.\s*(?:not\.)?toBeLessThan(?:OrEqual)?\(/.exec(text);
    if (!m) return;
    const subject = m[1]!;
    const usesTimed = CLOCK.test(subject) || [...timed].some((v) => new RegExp(`\\b${v.replace(/\$/g, '\\$')}\\b`).test(subject));
    if (usesTimed) out.push({ line: i + 1, text: text.trim() });
  });
  return out;
}

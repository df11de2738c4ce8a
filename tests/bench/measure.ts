/**
 * A small timing harness for `npm run bench`: warm up, run a fixed number of times, report the
 * median and the 95th percentile against a stated target. It reports; it does not fail the run
 * (machines differ) — the numbers go into the issue notes.
 */
export interface Measurement {
  name: string;
  targetMs: number;
  medianMs: number;
  p95Ms: number;
  runs: number;
}

const results: Measurement[] = [];

/** runs = 0 times a single cold run (for one-off work such as a first-run setup). */
export async function measure(name: string, targetMs: number, fn: () => unknown, runs = 20): Promise<Measurement> {
  const times: number[] = [];
  if (runs === 0) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
    runs = 1;
  } else await fn(); // warm-up
  for (let i = times.length; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const m = { name, targetMs, medianMs: times[Math.floor(runs / 2)]!, p95Ms: times[Math.min(runs - 1, Math.floor(runs * 0.95))]!, runs };
  results.push(m);
  return m;
}

export function report(title: string) {
  console.log(`\n${title}`);
  console.table(
    results.map((r) => ({
      基准: r.name,
      目标毫秒: r.targetMs,
      中位数毫秒: Number(r.medianMs.toFixed(2)),
      P95毫秒: Number(r.p95Ms.toFixed(2)),
      次数: r.runs,
      结论: r.p95Ms <= r.targetMs ? '达标' : '未达标',
    })),
  );
  results.length = 0;
}

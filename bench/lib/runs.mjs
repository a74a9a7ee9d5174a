// Repeated measurement: every figure in docs/benchmarks.md is the median of BENCH_RUNS runs (at least 5)
// with the min and max beside it, so one disturbed run cannot make or break a goal.

/** How many times each figure is measured (`BENCH_RUNS`, default and minimum 5). */
export const runCount = Math.max(5, Number(process.env.BENCH_RUNS ?? 5));

/** Median, min and max of a list of numbers. */
export function spread(values) {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median =
    sorted.length === 0 ? Number.NaN : sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return {
    median,
    min: sorted[0] ?? Number.NaN,
    max: sorted.at(-1) ?? Number.NaN,
    runs: sorted.length,
    values,
  };
}

/** Runs `measure(run)` `runs` times (one after the other) and returns each run's result. */
export async function repeat(measure, runs = runCount) {
  const results = [];
  for (let run = 0; run < runs; run++) results.push(await measure(run));
  return results;
}

/**
 * Ratio of two series measured in the same runs (run i of `a` against run i of `b`, paired as they ran
 * back to back), as a spread: pairing keeps a slow minute from counting against one side only.
 */
export function pairedRatio(a, b) {
  return spread(a.map((value, i) => value / b[i]));
}

/**
 * One row of the goals table at the top of docs/benchmarks.md. `value` is a spread (median/min/max);
 * `met` is decided on the median. `unit`: '%' (value is a percentage), '×' (a ratio), 'ms' or 's'.
 */
export function goalRow({ id, figure, alternative, goal, value, unit, met }) {
  return { id, figure, alternative, goal, value, unit, met: Boolean(met) };
}

// Timing helpers shared by the benchmarks: run a function for a fixed time and count operations.
import { performance } from 'node:perf_hooks';

/** Calls `step()` (sync, returns ops done) repeatedly for `ms`; returns ops per second. */
export function opsPerSecond(step, ms = 1500) {
  for (let i = 0; i < 50; i++) step(); // warm up
  let ops = 0;
  const start = performance.now();
  let now = start;
  while (now - start < ms) {
    ops += step();
    now = performance.now();
  }
  return (ops * 1000) / (now - start);
}

/** Same for an async step. */
export async function opsPerSecondAsync(step, ms = 1500, warmup = 20) {
  for (let i = 0; i < warmup; i++) await step();
  let ops = 0;
  const start = performance.now();
  let now = start;
  while (now - start < ms) {
    ops += await step();
    now = performance.now();
  }
  return (ops * 1000) / (now - start);
}

/** Percentiles of a list of numbers (ms). */
export function percentiles(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
  return {
    count: sorted.length,
    p50: at(50),
    p99: at(99),
    p999: at(99.9),
    max: sorted[sorted.length - 1] ?? Number.NaN,
  };
}

export const fmt = (n, digits = 0) =>
  Number.isFinite(n)
    ? n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits })
    : 'n/a';

import type { Counter, Registry } from 'prom-client';
import { lazyRequire } from '../util/lazyRequire.js';

const prom = lazyRequire<typeof import('prom-client')>('prom-client');

/**
 * A Prometheus counter for the hot path: increments land in a plain Map (no label hashing per event)
 * and are copied into the prom-client counter when `/metrics` is scraped.
 */
export class TallyCounter<L extends string> {
  readonly counter: Counter<L>;
  readonly #tallies = new Map<string, { labels: Record<L, string>; value: number }>();
  readonly #labelNames: readonly L[];

  constructor(options: { name: string; help: string; labelNames: readonly L[]; registers: Registry[] }) {
    this.#labelNames = options.labelNames;
    const tallies = this.#tallies;
    this.counter = new (prom().Counter)<L>({
      ...options,
      labelNames: [...options.labelNames],
      collect() {
        this.reset();
        for (const { labels, value } of tallies.values()) this.inc(labels, value);
      },
    });
  }

  inc(...values: string[]): void {
    const key = values.length === 1 ? (values[0] as string) : values.join('\u0000');
    const tally = this.#tallies.get(key);
    if (tally) {
      tally.value += 1;
      return;
    }
    const labels = {} as Record<L, string>;
    this.#labelNames.forEach((name, i) => {
      labels[name] = values[i] ?? '';
    });
    this.#tallies.set(key, { labels, value: 1 });
  }
}

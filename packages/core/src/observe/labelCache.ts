/** Memoizes `metric.labels(...)` children by their label values: prom-client hashes labels on every call. */
export function labelCache<C>(make: (...values: string[]) => C): (...values: string[]) => C {
  const cache = new Map<string, C>();
  return (...values: string[]): C => {
    const key = values.join('\u0000');
    let child = cache.get(key);
    if (!child) {
      child = make(...values);
      cache.set(key, child);
    }
    return child;
  };
}

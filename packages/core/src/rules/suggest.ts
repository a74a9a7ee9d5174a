import { normalizedEventTypes } from '../events/NormalizedEvent.js';

/** Levenshtein distance, small inputs only (names of actions, events, operators). */
export function editDistance(a: string, b: string): number {
  const previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = previous[0] ?? 0;
    previous[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = previous[j] ?? 0;
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      previous[j] = Math.min(above + 1, (previous[j - 1] ?? 0) + 1, diagonal + cost);
      diagonal = above;
    }
  }
  return previous[b.length] ?? 0;
}

/** The candidate closest to `word` (case-insensitive), within a third of the word's length; else undefined. */
export function closestName(word: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of candidates) {
    const d = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  const limit = Math.max(2, Math.ceil(word.length / 3));
  return best !== undefined && bestDistance <= limit ? best : undefined;
}

/** `; did you mean \`x\`?` for the closest candidate within a third of the word's length, else ''. */
export function didYouMean(word: string, candidates: Iterable<string>): string {
  const best = closestName(word, candidates);
  return best === undefined ? '' : `; did you mean \`${best}\`?`;
}

/**
 * `; did you mean \`call.answered\`?` for an unknown event name: close to a normalized type or a listed
 * vendor event as a whole, or by its last part (`answered`, `acme.answered` → `call.answered`).
 */
export function suggestEventName(name: string, vendorKeys: readonly string[] = []): string {
  const candidates = [...normalizedEventTypes, ...vendorKeys];
  const whole = closestName(name, candidates);
  if (whole !== undefined) return `; did you mean \`${whole}\`?`;
  const last = name.slice(name.lastIndexOf('.') + 1);
  const byLast = closestName(
    last,
    candidates.map((c) => c.slice(c.lastIndexOf('.') + 1)),
  );
  const match = byLast === undefined ? undefined : candidates.find((c) => c.endsWith(`.${byLast}`));
  return match === undefined ? '' : `; did you mean \`${match}\`?`;
}

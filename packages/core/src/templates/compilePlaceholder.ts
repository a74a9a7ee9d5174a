import { compileFilters, type FilterFn } from './filters.js';
import { blockedKeys, type PathGetter, type PathKey } from './lookupPath.js';
import { ownProperty } from './ownProperty.js';
import type { Placeholder } from './Placeholder.js';

/**
 * How a placeholder reads its value, as data for the shared renderers: `path` (undefined for a path that
 * reaches into prototypes, which reads nothing) and the filter chain. Placeholders with the same path and
 * filters share one reader, so thousands of rules reading `{{ call.id }}` keep one object hot.
 */
export interface PlaceholderReader {
  readonly path: readonly PathKey[] | undefined;
  readonly filter: FilterFn | undefined;
}

/** A placeholder ready to render: `reader` for the shared renderers, `read` the same lookup as a function. */
export interface CompiledPlaceholder {
  readonly placeholder: Placeholder;
  readonly reader: PlaceholderReader;
  readonly read: PathGetter;
  /** `| raw`: insert the value without encoding. */
  readonly raw: boolean;
}

const sharedReaders = new Map<string, PlaceholderReader>();
const maxSharedReaders = 20_000;

export function compilePlaceholder(placeholder: Placeholder): CompiledPlaceholder {
  const { apply, raw } = compileFilters(placeholder.filters);
  const key = JSON.stringify([
    placeholder.pathText,
    placeholder.filters.filter((f) => f.name !== 'raw').map((f) => [f.name, f.arg]),
  ]);
  let reader = sharedReaders.get(key);
  if (reader === undefined) {
    const keys = placeholder.path;
    const blocked = keys.some((k) => typeof k === 'string' && blockedKeys.has(k));
    reader = Object.freeze({ path: blocked ? undefined : Object.freeze([...keys]), filter: apply });
    if (sharedReaders.size >= maxSharedReaders) sharedReaders.clear();
    sharedReaders.set(key, reader);
  }
  const shared = reader;
  return { placeholder, reader: shared, read: (data) => readPlaceholder(shared, data), raw };
}

/** The placeholder's value in `data`: own properties only, a missing step gives `undefined`, then the filters. */
export function readPlaceholder(reader: PlaceholderReader, data: unknown): unknown {
  const path = reader.path;
  let current: unknown;
  if (path !== undefined) {
    current = data;
    for (let i = 0; i < path.length; i++) {
      current = ownProperty(current, path[i] as PathKey);
      if (current === undefined) break;
    }
  }
  const filter = reader.filter;
  return filter === undefined ? current : filter(current);
}

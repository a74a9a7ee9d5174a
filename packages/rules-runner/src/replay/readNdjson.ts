import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';

export type NdjsonLine =
  | { readonly line: number; readonly value: Record<string, unknown> }
  | { readonly line: number; readonly error: string };

/** Streams an NDJSON file line by line; blank lines and `#` comments are skipped, bad lines reported. */
export async function* readNdjson(path: string): AsyncGenerator<NdjsonLine> {
  const lines = createInterface({
    input: createReadStream(path, 'utf8'),
    crlfDelay: Number.POSITIVE_INFINITY,
  });
  let n = 0;
  for await (const text of lines) {
    n += 1;
    const trimmed = text.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    try {
      const value = JSON.parse(trimmed) as unknown;
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        yield { line: n, error: 'expected a JSON object' };
      } else {
        yield { line: n, value: value as Record<string, unknown> };
      }
    } catch (error) {
      yield { line: n, error: `invalid JSON: ${(error as Error).message}` };
    }
  }
}

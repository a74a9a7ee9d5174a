/**
 * Atmosphere `length|` prefixes around `inner`, each counting everything inside it, until the frame is
 * at least `size` characters long: the shape that once overflowed the parser's stack.
 */
export function nestedPrefixes(size: number, inner: string): string {
  let text = inner;
  while (text.length < size) text = `${text.length}|${text}`;
  return text;
}

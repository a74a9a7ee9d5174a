/**
 * Nesting limits for JSON that enters from outside (web services, bridges, vendor streams). V8 parses
 * deeply nested JSON without trouble, but everything that later walks the value recursively
 * (`JSON.stringify`, validators, the console) overflows the stack, so input is refused at the door.
 * Both checks are iterative: they never recurse on the input.
 */

/** The default nesting limit for outside JSON: far above any vendor payload seen, far below a stack overflow. */
export const defaultMaxJsonDepth = 64;

/**
 * True when JSON text nests objects/arrays deeper than `maxDepth`. A linear scan that skips strings;
 * it does not validate the text (the parser does that).
 */
export function jsonTextTooDeep(text: string, maxDepth = defaultMaxJsonDepth): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c /* \ */) i += 1;
      else if (c === 0x22 /* " */) inString = false;
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      depth += 1;
      if (depth > maxDepth) return true;
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      depth -= 1;
    }
  }
  return false;
}

/** True when a parsed value nests objects/arrays deeper than `maxDepth` (a top-level object is depth 1). */
export function valueTooDeep(value: unknown, maxDepth = defaultMaxJsonDepth): boolean {
  if (value === null || typeof value !== 'object') return false;
  const stack: { node: object; depth: number }[] = [{ node: value, depth: 1 }];
  const seen = new Set<object>();
  while (stack.length > 0) {
    const { node, depth } = stack.pop() as { node: object; depth: number };
    if (depth > maxDepth) return true;
    if (seen.has(node)) continue;
    seen.add(node);
    const children = Array.isArray(node) ? node : Object.values(node);
    for (const child of children) {
      if (child !== null && typeof child === 'object') stack.push({ node: child, depth: depth + 1 });
    }
  }
  return false;
}

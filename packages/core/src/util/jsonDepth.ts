/**
 * Nesting limits for JSON that enters from outside (web services, bridges, vendor streams). V8 parses
 * deeply nested JSON without trouble, but everything that later walks the value recursively
 * (`JSON.stringify`, validators, the console) overflows the stack, so input is refused at the door.
 * Neither check recurses deeper than the limit, whatever the input.
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

/** Nodes the fast walk visits before it hands over to the linear one (only shared sub-objects get there). */
const fastWalkBudget = 100_000;
/** Limits above this are measured by the linear walk: the fast one recurses up to the limit. */
const fastWalkMaxDepth = 1000;

/**
 * True when a parsed value nests objects/arrays deeper than `maxDepth` (a top-level object is depth 1).
 * A value that contains itself is measured without the cycle. Runs on every event, so the common case
 * is a walk whose recursion stops at `maxDepth` (never deeper, whatever the input); a value whose walk
 * would visit very many nodes (a graph sharing sub-objects) is measured by a linear walk instead.
 */
export function valueTooDeep(value: unknown, maxDepth = defaultMaxJsonDepth): boolean {
  if (value === null || typeof value !== 'object') return false;
  if (maxDepth > fastWalkMaxDepth) return linearTooDeep(value, maxDepth);
  const walk = new BoundedWalk(maxDepth);
  const deep = walk.tooDeep(value, 1);
  return walk.visits > fastWalkBudget ? linearTooDeep(value, maxDepth) : deep;
}

class BoundedWalk {
  visits = 0;
  /** The objects from the root to the current node: a cycle leads back to one of them. */
  readonly #path: object[] = [];
  readonly #maxDepth: number;

  constructor(maxDepth: number) {
    this.#maxDepth = maxDepth;
  }

  tooDeep(node: object, depth: number): boolean {
    if (depth > this.#maxDepth) return true;
    if (++this.visits > fastWalkBudget) return false;
    const path = this.#path;
    for (let i = 0; i < path.length; i++) if (path[i] === node) return false;
    path.push(node);
    const children: readonly unknown[] = Array.isArray(node) ? node : Object.values(node);
    for (let i = 0; i < children.length; i++) {
      const child = children[i];
      if (typeof child === 'object' && child !== null && this.tooDeep(child, depth + 1)) return true;
    }
    path.pop();
    return false;
  }
}

function linearTooDeep(value: object, maxDepth: number): boolean {
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

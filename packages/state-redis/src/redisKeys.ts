/**
 * Where things live in Redis. Every key of one namespace (an adapter instance, or core's `~calls`) carries
 * the hash tag `{i:<namespace>}`, so they share one Cluster slot and one Lua script may touch them all
 * (an atomic batch, the fence check of a lease of that instance).
 */
export class RedisKeys {
  readonly #prefix: string;

  constructor(prefix: string) {
    this.#prefix = prefix;
  }

  /** `<prefix>:{i:<namespace>}:`: the start of every key of a namespace. */
  namespace(name: string): string {
    return `${this.#prefix}:{i:${name}}:`;
  }

  /** A store key: `<prefix>:{i:<namespace>}:k:<key>`. */
  value(namespace: string, key: string): string {
    return `${this.namespace(namespace)}k:${key}`;
  }

  /** The store key a Redis key holds (the part after `k:`). */
  storeKey(namespace: string, redisKey: string): string {
    return redisKey.slice(this.value(namespace, '').length);
  }

  /** `SCAN MATCH` pattern for the store keys of a namespace starting with `prefix`. */
  valuePattern(namespace: string, prefix: string): string {
    return `${escapeGlob(this.value(namespace, prefix))}*`;
  }

  /** The lease of `<instance>/<connection>`: holds `<node>/<fence>` while someone holds it. */
  lease(resource: string): string {
    const [instance, connection] = splitResource(resource);
    return `${this.namespace(instance)}lease:${connection}`;
  }

  /** The counter the fences of `<instance>/<connection>` are drawn from (never expires, only grows). */
  fence(resource: string): string {
    const [instance, connection] = splitResource(resource);
    return `${this.namespace(instance)}fence:${connection}`;
  }

  /** Written once by the first daemon of a deployment: later ones know state was there before them. */
  get meta(): string {
    return `${this.#prefix}:meta`;
  }

  /** socket.io's Redis adapter channels (`<prefix>#sio#…`). */
  get realtime(): string {
    return `${this.#prefix}#sio`;
  }
}

/** `<instance>/<connection>`: the instance is up to the first slash (instance names have none). */
function splitResource(resource: string): [string, string] {
  const slash = resource.indexOf('/');
  return slash < 0 ? [resource, ''] : [resource.slice(0, slash), resource.slice(slash + 1)];
}

/** Takes `*`, `?`, `[`, `]` and `\` literally in a Redis glob pattern. */
export function escapeGlob(text: string): string {
  return text.replace(/[*?[\]\\]/g, (c) => `\\${c}`);
}

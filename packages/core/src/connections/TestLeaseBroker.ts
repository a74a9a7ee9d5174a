import type { Lease, LeaseManager } from './LeaseManager.js';

interface Waiter {
  readonly node: string;
  readonly grant: (lease: Lease) => void;
}

interface Held {
  readonly node: string;
  readonly fence: number;
  readonly lost: AbortController;
}

/**
 * Leases for tests of several nodes in one process: each runtime gets `broker.node('a')` as its
 * `LeaseManager`, and the test decides who holds what — a free lease goes to the first node that asks,
 * `revoke` takes it from its holder (as an expired TTL or a self-fence would) and gives it to the next in
 * line, `transfer` to a given node. Fences grow with each grant, as Redis' counter does; `holds` is the
 * check a shared backend makes before a fenced commit.
 */
export class TestLeaseBroker {
  readonly #held = new Map<string, Held>();
  readonly #waiting = new Map<string, Waiter[]>();
  readonly #fences = new Map<string, number>();
  /** Resources whose lease is given to nobody until `resume` (a holder just died, its TTL runs). */
  readonly #paused = new Set<string>();

  /** The `LeaseManager` of one node. */
  node(node: string): LeaseManager {
    return { acquire: (resource, signal) => this.#acquire(node, resource, signal) };
  }

  /** The node holding `resource` (`<instance>/<connection>`), if any. */
  holder(resource: string): string | undefined {
    return this.#held.get(resource)?.node;
  }

  /** `node` holds `resource` with this fence now. */
  holds(node: string, resource: string, fence: number): boolean {
    const held = this.#held.get(resource);
    return held?.node === node && held.fence === fence;
  }

  fence(resource: string): number {
    return this.#fences.get(resource) ?? 0;
  }

  /** Nodes waiting for `resource`, in line. */
  waiting(resource: string): string[] {
    return (this.#waiting.get(resource) ?? []).map((w) => w.node);
  }

  /**
   * The holder loses `resource`; the next node in line gets it, unless `pause` is set (then nobody does
   * until `resume`, like a TTL still running after a node died).
   */
  revoke(resource: string, options: { readonly pause?: boolean; readonly silent?: boolean } = {}): void {
    const held = this.#held.get(resource);
    if (!held) throw new Error(`nobody holds ${resource}`);
    this.#held.delete(resource);
    if (options.pause) this.#paused.add(resource);
    // silent: the holder is not told (a stalled process that has not noticed yet); only fences stop it.
    if (!options.silent) held.lost.abort(new Error(`lease ${resource} lost`));
    this.#next(resource);
  }

  /** Gives a paused lease out again, to the next node in line. */
  resume(resource: string): void {
    this.#paused.delete(resource);
    this.#next(resource);
  }

  /** Takes `resource` from its holder and gives it to `node`, which must be waiting for it. */
  transfer(resource: string, node: string): void {
    const line = this.#waiting.get(resource) ?? [];
    const index = line.findIndex((w) => w.node === node);
    if (index < 0) throw new Error(`${node} is not waiting for ${resource}`);
    const [waiter] = line.splice(index, 1);
    line.unshift(waiter as Waiter);
    this.revoke(resource);
  }

  #acquire(node: string, resource: string, signal: AbortSignal): Promise<Lease> {
    signal.throwIfAborted();
    return new Promise<Lease>((resolve, reject) => {
      const waiter: Waiter = {
        node,
        grant: (lease) => {
          signal.removeEventListener('abort', onAbort);
          resolve(lease);
        },
      };
      const onAbort = (): void => {
        const line = this.#waiting.get(resource) ?? [];
        const index = line.indexOf(waiter);
        if (index >= 0) line.splice(index, 1);
        reject(signal.reason);
      };
      signal.addEventListener('abort', onAbort, { once: true });
      const line = this.#waiting.get(resource) ?? [];
      line.push(waiter);
      this.#waiting.set(resource, line);
      this.#next(resource);
    });
  }

  #next(resource: string): void {
    if (this.#held.has(resource) || this.#paused.has(resource)) return;
    const waiter = this.#waiting.get(resource)?.shift();
    if (!waiter) return;
    const fence = (this.#fences.get(resource) ?? 0) + 1;
    this.#fences.set(resource, fence);
    const held: Held = { node: waiter.node, fence, lost: new AbortController() };
    this.#held.set(resource, held);
    waiter.grant({
      resource,
      fence,
      lost: held.lost.signal,
      release: async () => {
        if (this.#held.get(resource) !== held) return;
        this.#held.delete(resource);
        this.#next(resource);
      },
    });
  }
}

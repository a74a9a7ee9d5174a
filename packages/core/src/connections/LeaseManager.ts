/** The right to hold one connection (`<instance>/<connection>`) on this node. */
export interface Lease {
  readonly resource: string;
  /** Grows with each lease taken: a newer holder's writes win over an older one's. */
  readonly fence: number;
  /** Aborted when the lease is lost (another node took it). */
  readonly lost: AbortSignal;
  release(): Promise<void>;
}

/**
 * Where several nodes agree who holds each vendor connection. The connection loop takes a lease before
 * every connect; the only place high availability plugs in for connections (`RuntimeOptions.leases`).
 */
export interface LeaseManager {
  /** Resolves once this node holds `resource`; rejects with the signal's reason when it aborts first. */
  acquire(resource: string, signal: AbortSignal): Promise<Lease>;
}

/** A single node holds every lease, at once, never losing one. */
export class LocalLeaseManager implements LeaseManager {
  readonly #fence: number;
  readonly #never = new AbortController().signal;

  constructor(fence = 0) {
    this.#fence = fence;
  }

  async acquire(resource: string, signal: AbortSignal): Promise<Lease> {
    signal.throwIfAborted();
    return { resource, fence: this.#fence, lost: this.#never, release: async () => undefined };
  }
}

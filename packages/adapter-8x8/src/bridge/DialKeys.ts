import type { DialAck } from '../transport/maestro/bridgeProtocol.js';

/** The part of the Web Storage API this uses (`localStorage`, shared by the page origin's tabs). */
export interface KeyStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export interface DialKeysOptions {
  /** Where placed dials are kept beyond this page's life; absent (or failing) = this page only. */
  readonly storage?: KeyStorage | undefined;
  readonly now: () => number;
  /** Dials kept; the oldest are forgotten beyond it. */
  readonly max?: number;
  /** How long a placed dial is remembered. */
  readonly ttlMs?: number;
}

const storageKey = 'switchboard8x8.dials';
const defaultMax = 500;
const defaultTtlMs = 4 * 3_600_000;

/**
 * The dials this agent's bridge placed, by the daemon's key: a dial sent again with a key already placed
 * (the daemon restarted before it heard the confirmation) is answered with the first result and not placed
 * again; one still being placed shares its result. Placed keys are also kept in `storage` (the page
 * origin's `localStorage`), so the agent's other tab, or this one reloaded, answers them too. A dial that
 * failed is not kept: sent again, it is tried again.
 */
export class DialKeys {
  readonly #o: Required<Omit<DialKeysOptions, 'storage'>> & { storage: KeyStorage | undefined };
  readonly #placing = new Map<string, Promise<DialAck>>();
  /** Placed keys with the time they were placed, oldest first. */
  readonly #placed = new Map<string, number>();

  constructor(options: DialKeysOptions) {
    this.#o = { max: defaultMax, ttlMs: defaultTtlMs, ...options, storage: options.storage };
  }

  /** `place()`'s result, unless `key` was placed (or is being placed): then that result, placing nothing. */
  run(key: string | undefined, place: () => Promise<DialAck>): Promise<DialAck> {
    if (key === undefined) return place();
    const placing = this.#placing.get(key);
    if (placing) return placing;
    if (this.#wasPlaced(key)) return Promise.resolve({ ok: true });
    const result = place().then((ack) => {
      if (ack.ok) this.#remember(key);
      return ack;
    });
    this.#placing.set(key, result);
    void result.finally(() => this.#placing.delete(key));
    return result;
  }

  #wasPlaced(key: string): boolean {
    const at = this.#placed.get(key) ?? this.#read()[key];
    return at !== undefined && this.#o.now() - at <= this.#o.ttlMs;
  }

  #remember(key: string): void {
    const now = this.#o.now();
    this.#placed.set(key, now);
    this.#trim(this.#placed, now);
    const stored = new Map(Object.entries(this.#read()));
    stored.set(key, now);
    this.#trim(stored, now);
    try {
      this.#o.storage?.setItem(storageKey, JSON.stringify(Object.fromEntries(stored)));
    } catch {
      // Storage full or refused: this page still remembers.
    }
  }

  /** Drops expired entries, then the oldest beyond `max`. */
  #trim(entries: Map<string, number>, now: number): void {
    for (const [key, at] of entries) if (now - at > this.#o.ttlMs) entries.delete(key);
    for (const key of entries.keys()) {
      if (entries.size <= this.#o.max) break;
      entries.delete(key);
    }
  }

  #read(): Record<string, number> {
    try {
      const text = this.#o.storage?.getItem(storageKey);
      const parsed: unknown = text ? JSON.parse(text) : undefined;
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return {};
      const entries = Object.entries(parsed).filter(
        (entry): entry is [string, number] => typeof entry[1] === 'number',
      );
      return Object.fromEntries(entries);
    } catch {
      return {};
    }
  }
}

import type { ActionOutcome, AdapterStatus, NormalizedEvent } from '@switchboard/core';
import type { Diagnostic, Diagnostics, RuleSet } from '@switchboard/core/host';
import type { ReloadRecord } from '../daemon/ReloadHistory.js';

/** One event as the console shows it, with what it fired. */
export interface JournalEntry {
  readonly seq: number;
  readonly event: NormalizedEvent;
  matched: string[];
  readonly outcomes: ActionOutcome[];
}

interface Internal {
  entry: JournalEntry;
  data: NormalizedEvent;
  rules: RuleSet;
}

export type JournalUpdate =
  | { readonly kind: 'event'; readonly entry: JournalEntry }
  | { readonly kind: 'matched'; readonly seq: number; readonly rules: readonly string[] }
  | { readonly kind: 'action'; readonly seq: number; readonly outcome: ActionOutcome }
  | { readonly kind: 'adapter'; readonly instance: string; readonly status: AdapterStatus }
  | { readonly kind: 'rules'; readonly count: number }
  | { readonly kind: 'reload'; readonly record: ReloadRecord }
  | { readonly kind: 'lease'; readonly change: LeaseChange }
  | { readonly kind: 'state'; readonly up: boolean; readonly detail?: string };

/** A lease change of this node, as the console lists it. */
export interface LeaseChange {
  readonly at: string;
  readonly instance: string;
  readonly connection: string;
  readonly change: 'acquired' | 'lost' | 'released';
  readonly node: string;
  readonly fence: number;
  readonly replayed?: number;
}

/** Lease changes the console can list. */
const leaseHistory = 50;

/**
 * The recent events of the daemon (a ring of `capacity` entries) with their matched rules and action
 * outcomes, for the console: live stream, call timelines and "why did this rule fire".
 */
export class EventJournal {
  readonly #capacity: number;
  /** A ring: entry `seq` sits at `(seq - 1) % capacity` while it is among the last `capacity`. */
  readonly #ring: (Internal | undefined)[];
  readonly #byEventId = new Map<string, Internal>();
  readonly #listeners = new Set<(update: JournalUpdate) => void>();
  #seq = 0;
  #leases: LeaseChange[] = [];

  constructor(diagnostics: Diagnostics, capacity = 2000) {
    this.#capacity = capacity;
    this.#ring = new Array(capacity);
    diagnostics.subscribe(
      (d) => this.#on(d),
      ['event', 'matched', 'action', 'adapter-state', 'rules-loaded', 'lease', 'state'],
    );
  }

  /** This node's recent lease changes, newest first. */
  leases(): readonly LeaseChange[] {
    return this.#leases;
  }

  /** Newest first. */
  list(filter: (entry: JournalEntry) => boolean = () => true, limit = 200): JournalEntry[] {
    const out: JournalEntry[] = [];
    for (let seq = this.#seq; seq > this.#oldest() && out.length < limit; seq--) {
      const entry = this.#at(seq)?.entry;
      if (entry && filter(entry)) out.push(entry);
    }
    return out;
  }

  /** Every event of one call, oldest first. */
  timeline(callId: string): JournalEntry[] {
    return this.list((e) => e.event.call?.id === callId, this.#capacity).reverse();
  }

  /** Why each rule did or did not fire for an event, against the rules it actually met. */
  explain(seq: number) {
    const found = this.#at(seq);
    if (!found) return undefined;
    return { entry: found.entry, data: found.data, rules: found.rules.explain(found.data, found.data) };
  }

  /** Passes an update that is not about an event (a reload) to the journal's listeners (the live stream). */
  announce(update: JournalUpdate): void {
    this.#emit(update);
  }

  subscribe(listener: (update: JournalUpdate) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #emit(update: JournalUpdate): void {
    for (const listener of this.#listeners) listener(update);
  }

  #on(d: Diagnostic): void {
    switch (d.kind) {
      case 'event': {
        this.#seq += 1;
        const entry: JournalEntry = { seq: this.#seq, event: d.event, matched: [], outcomes: [] };
        const internal = { entry, data: d.data, rules: d.rules };
        const slot = (this.#seq - 1) % this.#capacity;
        const dropped = this.#ring[slot];
        if (dropped) {
          const key = this.#key(dropped.entry.event);
          if (this.#byEventId.get(key) === dropped) this.#byEventId.delete(key);
        }
        this.#ring[slot] = internal;
        this.#byEventId.set(this.#key(d.event), internal);
        this.#emit({ kind: 'event', entry });
        break;
      }
      case 'matched': {
        const internal = this.#byEventId.get(this.#key(d.event));
        if (!internal) return;
        internal.entry.matched = [...d.rules];
        this.#emit({ kind: 'matched', seq: internal.entry.seq, rules: d.rules });
        break;
      }
      case 'action': {
        const internal = this.#byEventId.get(`${d.outcome.source}\u0000${d.outcome.eventId}`);
        if (!internal) return;
        internal.entry.outcomes.push(d.outcome);
        this.#emit({ kind: 'action', seq: internal.entry.seq, outcome: d.outcome });
        break;
      }
      case 'adapter-state':
        this.#emit({ kind: 'adapter', instance: d.instance, status: d.status });
        break;
      case 'rules-loaded':
        this.#emit({ kind: 'rules', count: d.count });
        break;
      case 'lease': {
        const { kind: _kind, ...rest } = d;
        const change: LeaseChange = { at: new Date().toISOString(), ...rest };
        this.#leases = [change, ...this.#leases].slice(0, leaseHistory);
        this.#emit({ kind: 'lease', change });
        break;
      }
      case 'state':
        this.#emit({ kind: 'state', up: d.up, ...(d.detail !== undefined ? { detail: d.detail } : {}) });
        break;
      default:
        break;
    }
  }

  /** The seq just before the oldest entry still kept. */
  #oldest(): number {
    return Math.max(0, this.#seq - this.#capacity);
  }

  #at(seq: number): Internal | undefined {
    if (!Number.isInteger(seq) || seq <= this.#oldest() || seq > this.#seq) return undefined;
    return this.#ring[(seq - 1) % this.#capacity];
  }

  #key(event: NormalizedEvent): string {
    return `${event.source}\u0000${event.id}`;
  }
}

import type { KeyValueStore } from '@switchboard/core';
import type { SapiMsgInfo } from './SapiEvent.js';

/** The last event seen from one SAPI server instance. */
export interface HighWaterMark {
  readonly sequenceId: number;
  readonly timestamp: number;
}

const stateKey = 'sapi.sequence';
/** Server instances remembered; the oldest is forgotten past this. */
const maxInstances = 64;

/**
 * De-duplicates SAPI events by `msgInfo.sequenceId` per `msgInfo.instanceId`: an event at or below the
 * instance's high-water mark was seen already (a replay after reconnecting, or a repeat) and is
 * skipped. A lower sequence with a newer publish time means the server instance restarted its count:
 * that is new, and becomes the mark. The marks are kept in the instance's durable state, so a
 * restarted daemon skips what it handled before it stopped.
 */
export class SequenceFilter {
  readonly #store: KeyValueStore;
  #marks = new Map<string, HighWaterMark>();
  #dirty = false;
  #saving: Promise<void> = Promise.resolve();
  #scheduled = false;

  constructor(store: KeyValueStore) {
    this.#store = store;
  }

  async load(): Promise<void> {
    const saved = await this.#store.get<Record<string, HighWaterMark>>(stateKey);
    this.#marks = new Map(
      Object.entries(saved ?? {}).filter(
        ([, m]) => Number.isFinite(m?.sequenceId) && Number.isFinite(m?.timestamp),
      ),
    );
  }

  /** True when the event is new (and records it); false for one seen before. */
  accept(info: SapiMsgInfo): boolean {
    const mark = this.#marks.get(info.instanceId);
    if (mark && info.sequenceId <= mark.sequenceId && info.timestamp <= mark.timestamp) return false;
    this.#marks.delete(info.instanceId);
    this.#marks.set(info.instanceId, { sequenceId: info.sequenceId, timestamp: info.timestamp });
    if (this.#marks.size > maxInstances) this.#marks.delete(this.#marks.keys().next().value as string);
    this.#dirty = true;
    this.#schedule();
    return true;
  }

  mark(instanceId: string): HighWaterMark | undefined {
    return this.#marks.get(instanceId);
  }

  /** Writes the marks if they changed; resolves when written. */
  flush(): Promise<void> {
    this.#saving = this.#saving
      .catch(() => undefined)
      .then(async () => {
        if (!this.#dirty) return;
        this.#dirty = false;
        await this.#store.set(stateKey, Object.fromEntries(this.#marks));
      });
    return this.#saving;
  }

  /** Coalesces writes: at most one pending write, which takes every mark recorded until it runs. */
  #schedule(): void {
    if (this.#scheduled) return;
    this.#scheduled = true;
    queueMicrotask(() => {
      this.#scheduled = false;
      this.flush().catch(() => undefined);
    });
  }
}

import { randomBytes } from 'node:crypto';
import type { StateStore } from '@switchboard/core';

const stateKey = 'sapi.subscription';

interface SavedSubscription {
  readonly tenant: string;
  readonly subscriptionId: string;
}

/**
 * The SAPI subscription id of an instance, kept in its durable state: SAPI keeps two hours of events
 * for a subscription id and replays them to a client that comes back with the same id, so a restarted
 * daemon must reuse it. A configured id wins; otherwise one is generated once per tenant.
 */
export class SubscriptionIdStore {
  readonly #store: StateStore;

  constructor(store: StateStore) {
    this.#store = store;
  }

  async resolve(tenant: string, instance: string, configured?: string): Promise<string> {
    const saved = await this.#store.get<SavedSubscription>(stateKey);
    if (configured) {
      if (saved?.subscriptionId !== configured || saved.tenant !== tenant)
        await this.#store.set(stateKey, { tenant, subscriptionId: configured });
      return configured;
    }
    if (saved && saved.tenant === tenant && typeof saved.subscriptionId === 'string')
      return saved.subscriptionId;
    const safeInstance = instance.replace(/[^A-Za-z0-9]/g, '').slice(0, 24) || 'sb';
    const subscriptionId = `switchboard-${safeInstance}-${randomBytes(6).toString('hex')}`;
    await this.#store.set(stateKey, { tenant, subscriptionId });
    return subscriptionId;
  }
}

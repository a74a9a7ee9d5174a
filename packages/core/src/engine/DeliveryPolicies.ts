import type { ActionDelivery, ActionSpec, ActionSpecs } from '../contract/ActionSpec.js';

/** An action's delivery with its defaults filled in. */
export interface DeliveryPolicy {
  readonly mode: ActionDelivery['mode'];
  readonly per: 'call' | 'event';
  readonly target: string | undefined;
}

const repeatable: DeliveryPolicy = { mode: 'repeatable', per: 'event', target: undefined };

/** The policy an action spec declares, defaults applied (`answer` for answering actions, else once per event). */
export function deliveryOf(spec: ActionSpec | undefined): DeliveryPolicy {
  const declared = spec?.delivery;
  if (declared === undefined) {
    return spec?.answers ? { mode: 'answer', per: 'event', target: undefined } : defaultPolicy;
  }
  if (typeof declared === 'string') return { mode: declared, per: 'event', target: undefined };
  return { mode: declared.mode, per: declared.per ?? 'event', target: declared.target };
}

const defaultPolicy: DeliveryPolicy = { mode: 'once', per: 'event', target: undefined };

/**
 * Each action's delivery policy by instance and action name, read from the manifests' and core's action
 * specs; the same lookup as the registry's (an instance's own action wins over core's).
 */
export class DeliveryPolicies {
  readonly #byInstance = new Map<string, ReadonlyMap<string, DeliveryPolicy>>();
  readonly #core = new Map<string, DeliveryPolicy>();

  addCore(specs: ActionSpecs): void {
    for (const [name, spec] of Object.entries(specs)) this.#core.set(name, deliveryOf(spec));
  }

  addInstance(instance: string, specs: ActionSpecs): void {
    this.#byInstance.set(
      instance,
      new Map(Object.entries(specs).map(([name, spec]) => [name, deliveryOf(spec)])),
    );
  }

  of(instance: string, action: string): DeliveryPolicy {
    return this.#byInstance.get(instance)?.get(action) ?? this.#core.get(action) ?? repeatable;
  }
}

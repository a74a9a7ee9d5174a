import { coreActionSpecs } from '../actions/builtin/coreActionSpecs.js';
import type { ActionSpec } from '../contract/ActionSpec.js';
import type { AdapterManifest } from '../contract/defineAdapter.js';
import { type NormalizedEventType, normalizedEventTypes } from '../events/NormalizedEvent.js';
import { didYouMean } from './suggest.js';

/** Types core itself raises for every instance (connection changes, failed actions). */
export const coreEmittedTypes: readonly NormalizedEventType[] = [
  'adapter.connected',
  'adapter.disconnected',
  'adapter.error',
  'action.failed',
];

export interface CatalogInstance {
  readonly name: string;
  readonly manifest: AdapterManifest;
}

export type EventNameResolution =
  | { readonly ok: true; readonly keys: readonly string[]; readonly warning?: string }
  | { readonly ok: false; readonly error: string };

/** What the configured adapters offer: the rule compiler checks rules against it. */
export class RuleCatalog {
  readonly instances: ReadonlyMap<string, AdapterManifest>;
  readonly #coreActions: Readonly<Record<string, ActionSpec>>;
  #known: ReadonlySet<string> | undefined;

  constructor(
    instances: readonly CatalogInstance[],
    coreActions: Readonly<Record<string, ActionSpec>> = coreActionSpecs,
  ) {
    this.instances = new Map(instances.map((i) => [i.name, i.manifest]));
    this.#coreActions = coreActions;
  }

  /** The spec of an action as carried out by an instance (its own, else core's). */
  actionSpec(action: string, instance?: string): ActionSpec | undefined {
    const own = instance === undefined ? undefined : this.instances.get(instance)?.actions[action];
    return own ?? this.#coreActions[action];
  }

  isCoreAction(action: string): boolean {
    return Object.hasOwn(this.#coreActions, action);
  }

  /** Every action name known to core or to any configured adapter (built once: the catalog never changes). */
  knownActions(): ReadonlySet<string> {
    if (!this.#known) {
      const names = new Set(Object.keys(this.#coreActions));
      for (const manifest of this.instances.values())
        for (const name of Object.keys(manifest.actions)) names.add(name);
      this.#known = names;
    }
    return this.#known;
  }

  /** `call.answered`, `call.*`, `acme.ring` → event keys; unknown names are errors. */
  resolveEventName(name: string): EventNameResolution {
    if ((normalizedEventTypes as readonly string[]).includes(name)) {
      const emitters = this.instancesEmitting([name]);
      return emitters.length > 0 || this.instances.size === 0
        ? { ok: true, keys: [name] }
        : { ok: true, keys: [name], warning: `no configured adapter emits \`${name}\`` };
    }
    const family = /^([a-z]+)\.\*$/.exec(name)?.[1];
    if (family !== undefined) {
      const keys = normalizedEventTypes.filter((t) => t.startsWith(`${family}.`));
      return keys.length > 0 ? { ok: true, keys } : { ok: false, error: `no event type matches \`${name}\`` };
    }
    const dot = name.indexOf('.');
    const adapterName = dot > 0 ? name.slice(0, dot) : '';
    const vendorName = name.slice(dot + 1);
    const manifests = [...this.instances.values()].filter((m) => m.name === adapterName);
    if (manifests.length === 0) {
      const candidates = [...normalizedEventTypes, ...this.#vendorEventKeys()];
      return { ok: false, error: `unknown event type \`${name}\`${didYouMean(name, candidates)}` };
    }
    const manifest = manifests[0] as AdapterManifest;
    const listed = Object.hasOwn(manifest.emits.vendorEvents ?? {}, vendorName);
    if (listed || manifest.emits.anyVendorEvent) return { ok: true, keys: [name] };
    const candidates = Object.keys(manifest.emits.vendorEvents ?? {}).map((v) => `${adapterName}.${v}`);
    return {
      ok: false,
      error: `adapter \`${adapterName}\` has no event \`${vendorName}\`${didYouMean(name, candidates)}`,
    };
  }

  /** Instances (optionally limited to `from`) that can emit any of the event keys. */
  instancesEmitting(keys: readonly string[], from?: ReadonlySet<string>): string[] {
    const out: string[] = [];
    for (const [instance, manifest] of this.instances) {
      if (from && !from.has(instance)) continue;
      const emits = keys.some(
        (key) =>
          (coreEmittedTypes as readonly string[]).includes(key) ||
          (manifest.emits.events as readonly string[]).includes(key) ||
          key.startsWith(`${manifest.name}.`) ||
          (key === 'vendor.event' &&
            (manifest.emits.anyVendorEvent || manifest.emits.vendorEvents !== undefined)),
      );
      if (emits) out.push(instance);
    }
    return out;
  }

  #vendorEventKeys(): string[] {
    const keys: string[] = [];
    for (const m of this.instances.values())
      for (const v of Object.keys(m.emits.vendorEvents ?? {})) keys.push(`${m.name}.${v}`);
    return keys;
  }
}

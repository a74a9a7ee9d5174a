import { coreActionSpecs } from '../actions/builtin/coreActionSpecs.js';
import type { ActionSpec } from '../contract/ActionSpec.js';
import type { AdapterManifest } from '../contract/defineAdapter.js';
import { type NormalizedEventType, normalizedEventTypes } from '../events/NormalizedEvent.js';
import { closestName, didYouMean, suggestEventName } from './suggest.js';

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
  /** `consequence`: the name may belong to an adapter that did not load (reported already): say nothing. */
  | { readonly ok: false; readonly error: string; readonly consequence?: boolean };

export interface CatalogOptions {
  /** Core's actions (default: `http`, `set`, `log`). */
  readonly coreActions?: Readonly<Record<string, ActionSpec>>;
  /**
   * Instances the config names whose adapter did not load (its error is reported on its own): rule
   * problems they may explain (an unknown action, `via`, or vendor event) are not reported again.
   */
  readonly unloaded?: readonly string[];
}

/** What the configured adapters offer: the rule compiler checks rules against it. */
export class RuleCatalog {
  readonly instances: ReadonlyMap<string, AdapterManifest>;
  readonly unloaded: ReadonlySet<string>;
  readonly #coreActions: Readonly<Record<string, ActionSpec>>;
  #known: ReadonlySet<string> | undefined;

  constructor(instances: readonly CatalogInstance[], options: CatalogOptions = {}) {
    this.instances = new Map(instances.map((i) => [i.name, i.manifest]));
    this.unloaded = new Set(options.unloaded ?? []);
    this.#coreActions = options.coreActions ?? coreActionSpecs;
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

  /**
   * `call.answered`, `call.*`, `acme.ring` → event keys; unknown names are errors with the likely
   * intended name. An adapter that lists its vendor events but may send others (`anyVendorEvent`)
   * accepts an unlisted name with a warning, unless the name looks like a slip (close to a listed event,
   * or a normalized event's name such as `acme.answered`).
   */
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
      if (keys.length > 0) return { ok: true, keys };
      const families = [...new Set(normalizedEventTypes.map((t) => `${t.split('.')[0]}.*`))];
      return { ok: false, error: `no event type matches \`${name}\`${didYouMean(name, families)}` };
    }
    const dot = name.indexOf('.');
    const adapterName = dot > 0 ? name.slice(0, dot) : '';
    const vendorName = name.slice(dot + 1);
    const manifest = [...this.instances.values()].find((m) => m.name === adapterName);
    if (!manifest) {
      if (dot > 0 && this.unloaded.size > 0) return { ok: false, error: '', consequence: true };
      return {
        ok: false,
        error: `unknown event type \`${name}\`${suggestEventName(name, this.#vendorEventKeys())}`,
      };
    }
    const listed = Object.keys(manifest.emits.vendorEvents ?? {});
    if (Object.hasOwn(manifest.emits.vendorEvents ?? {}, vendorName)) return { ok: true, keys: [name] };
    // An adapter that lists nothing and takes any name (names come from its own options, as with a
    // webhook) leaves nothing to check against.
    if (manifest.emits.anyVendorEvent && listed.length === 0) return { ok: true, keys: [name] };
    const near = closestName(vendorName, listed);
    const normalized = normalizedEventTypes.find((t) => t.slice(t.indexOf('.') + 1) === vendorName);
    const hint =
      near !== undefined
        ? `; did you mean \`${adapterName}.${near}\`?`
        : normalized !== undefined
          ? `; did you mean \`${normalized}\`?`
          : '';
    const known =
      listed.length > 0
        ? ` (its events: ${listed.join(', ')})`
        : ' (it has no vendor events: use the normalized types)';
    if (manifest.emits.anyVendorEvent && hint === '') {
      return {
        ok: true,
        keys: [name],
        warning: `\`${vendorName}\` is not among the events ${manifest.packageName} lists${known}: the rule fires only if the platform sends an event named \`${vendorName}\``,
      };
    }
    return { ok: false, error: `adapter \`${adapterName}\` has no event \`${vendorName}\`${hint}${known}` };
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

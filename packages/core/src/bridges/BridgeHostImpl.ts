import type { BridgeHost, BridgeIdentity, BridgeService, BridgeSpec } from '../contract/Bridge.js';
import { SwitchboardError } from '../errors/index.js';
import { OriginPolicy } from '../origins/OriginPolicy.js';
import type { HttpSurface } from '../server/HttpSurface.js';
import { type BridgeServiceDeps, BridgeServiceImpl } from './BridgeServiceImpl.js';

/** The `ctx.bridges` of one instance: opens its namespace once, closes it when the instance stops. */
export class BridgeHostImpl implements BridgeHost {
  readonly #surface: HttpSurface;
  readonly #deps: BridgeServiceDeps;
  readonly #used: () => void;
  #service: BridgeServiceImpl<BridgeIdentity> | undefined;

  constructor(surface: HttpSurface, deps: BridgeServiceDeps, used: () => void) {
    this.#surface = surface;
    this.#deps = deps;
    this.#used = used;
  }

  open<I extends BridgeIdentity>(spec: BridgeSpec<I>): BridgeService<I> {
    if (this.#service) {
      throw new SwitchboardError(
        'SWB_PLUGIN_LOAD',
        `instance \`${this.#deps.instance}\` opened its bridges twice`,
      );
    }
    this.#used();
    const policy = OriginPolicy.from(spec.origins, `origins of the bridges of \`${this.#deps.instance}\``);
    const namespace = this.#surface.namespaceFor(this.#deps.instance, policy);
    const service = new BridgeServiceImpl<I>(namespace, spec, policy, this.#deps);
    this.#service = service as unknown as BridgeServiceImpl<BridgeIdentity>;
    // Listening with no bridge yet is ready: agents' browsers connect whenever they open their desktop.
    this.#surface.onListening(() => service.report());
    return service;
  }

  /** Closes the bridges' transports, so their clients reconnect to the next daemon. */
  close(): void {
    this.#service?.close();
  }
}

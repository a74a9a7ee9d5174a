import {
  AdapterContext,
  type BridgeConnection,
  type BridgeHost,
  type BridgeService,
  inject,
  injectable,
} from '@switchboard/core';
import type { BsConnectsContext } from '../options.js';
import { BsConnectsInbound } from './BsConnectsInbound.js';
import { type BsBridgeIdentity, checkBridgeAuth } from './checkBridgeAuth.js';

/**
 * The bridges' side in the daemon, on core's bridge service (namespace `/adapters/<instance>`; core
 * checks each page's Origin against `origins`): a bridge is let in with the instance's key, and only a
 * primary tab is addressed, so requests for an agent go to exactly one tab. A second primary bridge of an
 * agent from another address or origin is logged: it may be someone using the key to pose as that agent.
 * A bridge that connects only to report a problem (an incompatible b+s library) is logged once and makes
 * the instance `failed` (not ready) while it is connected: its agent cannot work.
 */
@injectable()
export class BsConnectsBridge {
  // Taken while the instance is built, so the daemon binds its port before adapters start.
  readonly #host: BridgeHost;
  #service: BridgeService<BsBridgeIdentity> | undefined;
  /** Who waits for an agent's primary bridge to connect (`whenConnected`), by agent. */
  readonly #waiting = new Map<string, Set<() => void>>();

  constructor(
    @inject(AdapterContext) private readonly ctx: BsConnectsContext,
    @inject(BsConnectsInbound) private readonly inbound: BsConnectsInbound,
  ) {
    this.#host = ctx.bridges;
  }

  open(): void {
    const { key, origins } = this.ctx.options;
    this.#service = this.#host.open<BsBridgeIdentity>({
      origins,
      authenticate: ({ auth }) => {
        const check = checkBridgeAuth(auth, key);
        return check.ok ? check.identity : { refuse: check.reason };
      },
      // A secondary tab connects only to forward the beforeDial raised in it; a problem bridge, to report.
      addressOf: (identity) =>
        identity.primary && identity.problem === undefined ? identity.agentId : undefined,
      connected: (bridge) => this.#connected(bridge),
      failure: (identities) => {
        const problem = identities.find((identity) => identity.problem !== undefined)?.problem;
        return problem === undefined ? undefined : `a b+s bridge cannot work: ${problem}`;
      },
    });
  }

  /**
   * The bridges are open (the instance started). Events an earlier run left pending are run again before
   * adapters start, so their actions may come first.
   */
  get isOpen(): boolean {
    return this.#service !== undefined;
  }

  /** The open bridge service (asks go to an agent's newest primary tab). */
  get service(): BridgeService<BsBridgeIdentity> {
    if (!this.#service) throw new Error('the b+s bridges are not open');
    return this.#service;
  }

  /**
   * Resolves true once the agent has a connected primary bridge (at once when it has one), false when none
   * connected within `timeoutMs` or `signal` aborted first.
   */
  whenConnected(agentId: string, timeoutMs: number, signal?: AbortSignal): Promise<boolean> {
    return new Promise((resolve) => {
      let waiters = this.#waiting.get(agentId);
      if (!waiters) {
        waiters = new Set();
        this.#waiting.set(agentId, waiters);
      }
      const registered = waiters;
      let timer: NodeJS.Timeout | undefined;
      let settled = false;
      const settle = (connected: boolean): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        registered.delete(wake);
        if (registered.size === 0 && this.#waiting.get(agentId) === registered) this.#waiting.delete(agentId);
        signal?.removeEventListener('abort', aborted);
        resolve(connected);
      };
      const wake = (): void => settle(true);
      const aborted = (): void => settle(false);
      registered.add(wake);
      if (signal?.aborted) return settle(false);
      signal?.addEventListener('abort', aborted, { once: true });
      timer = setTimeout(() => settle(false), timeoutMs);
      // Asked after the waiter is in place, so a bridge connecting meanwhile is not missed.
      if (!this.#service) return;
      this.#service.newest(agentId).then(
        (ref) => {
          if (ref) settle(true);
        },
        () => undefined,
      );
    });
  }

  #connected(bridge: BridgeConnection<BsBridgeIdentity>): void {
    const { identity } = bridge;
    if (identity.problem !== undefined) {
      this.ctx.logger.error(
        {
          problem: identity.problem,
          bridgeVersion: identity.bridgeVersion,
          address: bridge.remoteAddress,
          origin: bridge.origin,
        },
        `a b+s bridge cannot work: ${identity.problem}`,
      );
      return;
    }
    this.inbound.attach(bridge);
    if (!identity.primary) return;
    for (const wake of [...(this.#waiting.get(identity.agentId) ?? [])]) wake();
    this.#checkOtherPrimaries(bridge).catch(() => undefined);
  }

  /** Warns when the agent already has a primary bridge connected from another address or origin. */
  async #checkOtherPrimaries(bridge: BridgeConnection<BsBridgeIdentity>): Promise<void> {
    const { agentId } = bridge.identity;
    const here = { address: bridge.remoteAddress, origin: bridge.origin };
    const others = (await this.service.bridgesOf(agentId))
      .filter((other) => other.id !== bridge.id)
      .map((other) => ({ address: other.remoteAddress, origin: other.origin }))
      .filter((other) => other.address !== here.address || other.origin !== here.origin);
    if (others.length === 0) return;
    const where = (o: { address: string; origin: string | undefined }) =>
      `${o.address} (origin ${o.origin ?? 'none'})`;
    this.ctx.logger.warn(
      { agentId, ...here, others },
      `a second primary bridge of agent ${agentId} connected from ${where(here)} while one is connected from ${others.map(where).join(', ')}: if the agent is not working in two places, someone may be using the bridge key to pose as them`,
    );
  }
}

import {
  AdapterContext,
  type BridgeHandshake,
  type BridgeHost,
  type BridgeRefusal,
  type BridgeService,
  type HttpHost,
  inject,
  injectable,
  SwitchboardError,
} from '@switchboard/core';
import { x8Errors } from '../../errors.js';
import type { EightByEightContext, MaestroOptions } from '../../options.js';
import { bridgeMessages, type DialAck, type DialCommand } from './bridgeProtocol.js';
import { bridgeScript, readBridgeBundle } from './bridgeScript.js';
import { verifyBridgeToken } from './bridgeToken.js';
import { type MaestroIdentity, MaestroInbound } from './MaestroInbound.js';

/** Longest agent id a bridge may present. */
const maxAgentIdChars = 200;

/**
 * The daemon side of the MaestroSDK bridge: serves the bridge script at `/adapters/<instance>/bridge.js`
 * and opens the instance's bridges (core's: page origin from `maestro.allowedOrigins`, then a signed
 * agent token here), hands what they forward to `MaestroInbound`, and sends `dial` to the agent's newest
 * bridge (its most recent tab, so an agent with several tabs open places one call).
 */
@injectable()
export class MaestroBridge {
  readonly #options: MaestroOptions | undefined;
  // Taken while the instance is built, so the daemon binds its port before adapters start.
  readonly #http: HttpHost | undefined;
  readonly #bridges: BridgeHost | undefined;
  #service: BridgeService<MaestroIdentity> | undefined;
  /** Resolves with the service once `start` opened it. */
  readonly #opened: Promise<BridgeService<MaestroIdentity>>;
  #open: (service: BridgeService<MaestroIdentity>) => void = () => undefined;

  constructor(
    @inject(AdapterContext) private readonly ctx: EightByEightContext,
    @inject(MaestroInbound) private readonly inbound: MaestroInbound,
  ) {
    this.#options = ctx.options.maestro;
    this.#opened = new Promise((resolve) => {
      this.#open = resolve;
    });
    if (this.#options) {
      this.#http = ctx.http;
      this.#bridges = ctx.bridges;
    }
  }

  get enabled(): boolean {
    return this.#options !== undefined;
  }

  /** Mounts the script route and opens the bridges (before the daemon's server listens). */
  async start(): Promise<void> {
    const options = this.#options;
    const http = this.#http;
    if (!options || !http || !this.#bridges) return;
    const bundle = await readBridgeBundle();
    if (!bundle)
      this.ctx.logger.error('the Maestro bridge bundle is missing: build @switchboard/adapter-8x8');
    const script = bundle
      ? bridgeScript(bundle, { namespace: http.prefix, maestroUrl: options.url })
      : undefined;
    http.register(async (app) => {
      app.get('/bridge.js', async (_request, reply) => {
        reply
          .header('content-type', 'application/javascript; charset=utf-8')
          .header('cache-control', 'no-cache')
          .header('x-content-type-options', 'nosniff');
        if (!script) return reply.code(503).send('console.error("Switchboard 8x8 bridge is not built");');
        return reply.send(script);
      });
    });
    this.#service = this.#bridges.open<MaestroIdentity>({
      origins: options.allowedOrigins,
      authenticate: (handshake) => this.#authenticate(handshake, options),
      connected: (bridge) => this.inbound.attach(bridge),
    });
    this.#open(this.#service);
    this.ctx.logger.info({ script: http.url('/bridge.js') }, 'Maestro bridge ready');
  }

  /**
   * Sends `dial` to the agent's newest bridge and waits for it to confirm. Resolves with the number of
   * bridges that dialled (1); throws `X8_DIAL_NO_BRIDGE` when the agent has none, or it did not confirm
   * in time or could not dial. `key` (the action's idempotency key) lets the bridge answer a dial it
   * placed before instead of placing it again. `bridgeWaitMs`: how long to wait for the agent's bridge to
   * connect when it has none yet (a dial run again right after a restart, before the bridges are back).
   */
  async dial(
    agentId: string,
    phoneNumber: string,
    options: {
      readonly timeoutMs: number;
      readonly key?: string | undefined;
      readonly bridgeWaitMs?: number;
      readonly signal?: AbortSignal;
    },
  ): Promise<number> {
    const { timeoutMs, key, bridgeWaitMs = 0, signal } = options;
    // A dial run again after a restart may come before the instance started: its bridges open then.
    const service =
      this.#service ??
      (this.enabled
        ? await settledWithin(this.#opened, Math.max(bridgeWaitMs, timeoutMs), signal)
        : undefined);
    if (!service) {
      throw x8Errors.error(
        'X8_DIAL_NOT_CONFIGURED',
        this.enabled ? 'the Maestro bridges did not open in time' : 'this instance has no maestro options',
      );
    }
    const command: DialCommand = { phoneNumber, ...(key ? { key } : {}) };
    if (bridgeWaitMs > 0) await waitForBridge(service, agentId, bridgeWaitMs, signal);
    let ack: DialAck | undefined;
    try {
      ack = await service.ask<DialAck>(agentId, bridgeMessages.dial, command, {
        timeoutMs,
        ...(signal ? { signal } : {}),
      });
    } catch (error) {
      throw x8Errors.error('X8_DIAL_NO_BRIDGE', noBridge(agentId, error, timeoutMs), { cause: error });
    }
    if (ack?.ok !== true) {
      const why = typeof ack?.error === 'string' ? ack.error : 'no reason given';
      throw x8Errors.error(
        'X8_DIAL_NO_BRIDGE',
        `the Maestro bridge of agent \`${agentId}\` could not dial: ${why.slice(0, 200)}`,
      );
    }
    return 1;
  }

  #authenticate(handshake: BridgeHandshake, options: MaestroOptions): MaestroIdentity | BridgeRefusal {
    const { agentId: id, token: given } = handshake.auth;
    const agentId = typeof id === 'string' && id.length <= maxAgentIdChars ? id : '';
    const token = typeof given === 'string' ? given : '';
    if (!agentId || !verifyBridgeToken(options.secret, agentId, token, this.ctx.clock.now())) {
      this.ctx.logger.warn(
        { origin: handshake.origin, agentId },
        'Maestro bridge refused: missing, wrong or expired agent token',
      );
      return { refuse: 'missing, wrong or expired agent token' };
    }
    return { agentId };
  }
}

/** Why an ask for a dial failed, as the action's message says it. */
function noBridge(agentId: string, error: unknown, timeoutMs: number): string {
  const code = SwitchboardError.is(error) ? error.code : undefined;
  if (code === 'SWB_BRIDGE_NONE') return `agent \`${agentId}\` has no connected Maestro bridge`;
  if (code === 'SWB_BRIDGE_GONE')
    return `the Maestro bridge of agent \`${agentId}\` disconnected before it confirmed the dial`;
  return `the Maestro bridge of agent \`${agentId}\` did not confirm the dial within ${timeoutMs} ms`;
}

/** Polling interval while waiting for an agent's bridge to come back. */
const bridgePollMs = 100;

/** Resolves once `agentId` has a bridge, `waitMs` passed, or `signal` aborted (whichever comes first). */
async function waitForBridge(
  service: BridgeService<MaestroIdentity>,
  agentId: string,
  waitMs: number,
  signal: AbortSignal | undefined,
): Promise<void> {
  const deadline = performance.now() + waitMs;
  while (!signal?.aborted && performance.now() < deadline) {
    if (await service.newest(agentId)) return;
    await new Promise((resolve) => setTimeout(resolve, bridgePollMs));
  }
}

/** `promise`'s value, or undefined once `ms` passed or `signal` aborted. */
async function settledWithin<T>(
  promise: Promise<T>,
  ms: number,
  signal: AbortSignal | undefined,
): Promise<T | undefined> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const gaveUp = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
    signal?.addEventListener('abort', () => resolve(undefined), { once: true });
  });
  try {
    return await Promise.race([promise, gaveUp]);
  } finally {
    clearTimeout(timer);
  }
}

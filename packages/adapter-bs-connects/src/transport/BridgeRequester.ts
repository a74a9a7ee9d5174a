import {
  AdapterContext,
  defaultMaxJsonDepth,
  inject,
  injectable,
  SwitchboardError,
  valueTooDeep,
} from '@switchboard/core';
import { bsConnectsErrors } from '../errors.js';
import type { BsConnectsContext } from '../options.js';
import { BsConnectsBridge } from './BsConnectsBridge.js';
import { BridgeMessages, type CilRequest, type CilRequestName } from './bridgeProtocol.js';
import { parseCilReply } from './parseBridgeMessage.js';

const describeValue = (value: unknown): string =>
  value instanceof Error
    ? value.message
    : typeof value === 'string'
      ? value
      : (JSON.stringify(value) ?? 'no reason given');

/** How one request is made. */
export interface BridgeRequestOptions {
  /**
   * The action's idempotency key (`once-keyed` actions): the bridge makes the request once per key and
   * answers a repeat (sent after a daemon restart) with the first answer.
   */
  readonly key?: string;
  /**
   * The action re-runs an event from before a daemon restart: the agent's bridge may not have reconnected
   * yet, so it is waited for, at most `reconnectWaitMs`.
   */
  readonly recovered?: boolean;
  /** The action's signal (timeout, shutdown). */
  readonly signal?: AbortSignal;
}

/**
 * Makes an Integration API request in one agent's browser: asked of the agent's newest primary bridge,
 * acknowledged with the library's `{success, response, error}`. Resolves to `response`; throws
 * `BS_NO_AGENT`, `BS_NO_BRIDGE`, `BS_BRIDGE_TIMEOUT`, `BS_BAD_REPLY` or, when the library says
 * `success: false`, `BS_REQUEST_REFUSED`.
 */
@injectable()
export class BridgeRequester {
  constructor(
    @inject(AdapterContext) private readonly ctx: BsConnectsContext,
    @inject(BsConnectsBridge) private readonly bridge: BsConnectsBridge,
  ) {}

  async request(
    agentId: string,
    request: CilRequestName,
    args: readonly unknown[],
    options: BridgeRequestOptions = {},
  ): Promise<unknown> {
    if (agentId === '')
      throw bsConnectsErrors.error(
        'BS_NO_AGENT',
        `\`${request}\` needs an agent: the event has none; set the action's \`agent\` parameter`,
      );
    const { requestTimeoutMs, reconnectWaitMs } = this.ctx.options;
    const { key, recovered, signal } = options;
    const message: CilRequest = { request, args, ...(key !== undefined ? { key } : {}) };
    const ask = async (): Promise<unknown> => {
      if (!this.bridge.isOpen) throw new SwitchboardError('SWB_BRIDGE_NONE', 'the bridges are not open yet');
      return this.bridge.service.ask(agentId, BridgeMessages.request, message, {
        timeoutMs: requestTimeoutMs,
        ...(signal ? { signal } : {}),
      });
    };
    let raw: unknown;
    try {
      try {
        raw = await ask();
      } catch (error) {
        const absent = SwitchboardError.is(error) && error.code === 'SWB_BRIDGE_NONE';
        if (!absent || !recovered || !(await this.bridge.whenConnected(agentId, reconnectWaitMs, signal)))
          throw error;
        this.ctx.logger.debug({ agentId, request }, 'the bridge reconnected after the restart');
        raw = await ask();
      }
    } catch (error) {
      if (SwitchboardError.is(error) && error.code === 'SWB_BRIDGE_NONE')
        throw bsConnectsErrors.error(
          'BS_NO_BRIDGE',
          recovered
            ? `agent ${agentId} has no connected b+s bridge, and none reconnected within ${reconnectWaitMs} ms after the daemon restarted (reconnectWaitMs)`
            : `agent ${agentId} has no connected b+s bridge (is the Switchboard web resource loaded in their b+s Connects?)`,
          { cause: error },
        );
      throw bsConnectsErrors.error(
        'BS_BRIDGE_TIMEOUT',
        `the bridge of agent ${agentId} did not answer \`${request}\` within ${requestTimeoutMs} ms (${describeValue(error)})`,
        { cause: error },
      );
    }
    const reply = valueTooDeep(raw, defaultMaxJsonDepth)
      ? ({ ok: false, error: `the reply is nested deeper than ${defaultMaxJsonDepth} levels` } as const)
      : parseCilReply(raw);
    if (!reply.ok) {
      this.ctx.events.reject('malformed-bridge-message', { agentId, request, error: reply.error });
      throw bsConnectsErrors.error(
        'BS_BAD_REPLY',
        `the bridge of agent ${agentId} answered \`${request}\` with ${reply.error}`,
      );
    }
    if (!reply.value.success)
      throw bsConnectsErrors.error(
        'BS_REQUEST_REFUSED',
        `b+s Connects refused \`${request}\` for agent ${agentId}: ${describeValue(reply.value.error)}`,
      );
    this.ctx.logger.debug({ agentId, request }, 'bridge request done');
    return reply.value.response;
  }
}

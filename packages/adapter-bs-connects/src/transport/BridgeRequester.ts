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

  async request(agentId: string, request: CilRequestName, args: readonly unknown[]): Promise<unknown> {
    if (agentId === '')
      throw bsConnectsErrors.error(
        'BS_NO_AGENT',
        `\`${request}\` needs an agent: the event has none; set the action's \`agent\` parameter`,
      );
    const { requestTimeoutMs } = this.ctx.options;
    const message: CilRequest = { request, args };
    let raw: unknown;
    try {
      raw = await this.bridge.service.ask(agentId, BridgeMessages.request, message, {
        timeoutMs: requestTimeoutMs,
      });
    } catch (error) {
      if (SwitchboardError.is(error) && error.code === 'SWB_BRIDGE_NONE')
        throw bsConnectsErrors.error(
          'BS_NO_BRIDGE',
          `agent ${agentId} has no connected b+s bridge (is the Switchboard web resource loaded in their b+s Connects?)`,
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

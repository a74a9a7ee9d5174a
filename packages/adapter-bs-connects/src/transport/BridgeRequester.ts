import {
  defaultMaxJsonDepth,
  type InstanceEvents,
  InstanceTokens,
  inject,
  injectable,
  type Logger,
  SwitchboardError,
  valueTooDeep,
} from '@switchboard/core';
import type { BsConnectsOptions } from '../BsConnectsOptions.js';
import { BsConnectsTokens } from '../BsConnectsTokens.js';
import { BridgeMessages, type CilRequest, type CilRequestName } from '../protocol/BridgeProtocol.js';
import type { BridgeHub } from './BridgeHub.js';
import { parseCilReply } from './parseBridgeMessage.js';

const describeValue = (value: unknown): string =>
  value instanceof Error
    ? value.message
    : typeof value === 'string'
      ? value
      : (JSON.stringify(value) ?? 'no reason given');

/**
 * Makes an Integration API request in one agent's browser: through the agent's bridge, acknowledged
 * with the library's `{success, response, error}`. Resolves to `response`; throws when there is no
 * bridge, the bridge does not answer in time, or the library says `success: false`.
 */
@injectable()
export class BridgeRequester {
  constructor(
    @inject(BsConnectsTokens.Hub) private readonly hub: BridgeHub,
    @inject(InstanceTokens.Options) private readonly options: BsConnectsOptions,
    @inject(InstanceTokens.Events) private readonly events: InstanceEvents,
    @inject(InstanceTokens.Logger) private readonly logger: Logger,
  ) {}

  async request(agentId: string, request: CilRequestName, args: readonly unknown[]): Promise<unknown> {
    if (agentId === '')
      throw new SwitchboardError(
        'SWB_ACTION_FAILED',
        `\`${request}\` needs an agent: the event has none; set the action's \`agent\` parameter`,
      );
    const bridge = await this.hub.bridgeOf(agentId);
    if (!bridge)
      throw new SwitchboardError(
        'SWB_ACTION_FAILED',
        `agent ${agentId} has no connected b+s bridge (is the Switchboard web resource loaded in their b+s Connects?)`,
      );
    const message: CilRequest = { request, args };
    let raw: unknown;
    try {
      raw = await this.hub.ask(bridge.id, BridgeMessages.request, message, this.options.requestTimeoutMs);
    } catch (error) {
      throw new SwitchboardError(
        'SWB_ACTION_TIMEOUT',
        `the bridge of agent ${agentId} did not answer \`${request}\` within ${this.options.requestTimeoutMs} ms (${describeValue(error)})`,
        { cause: error },
      );
    }
    if (valueTooDeep(raw, defaultMaxJsonDepth)) {
      const error = `the reply is nested deeper than ${defaultMaxJsonDepth} levels`;
      this.events.reject('malformed-bridge-message', { agentId, request, error });
      throw new SwitchboardError(
        'SWB_ACTION_FAILED',
        `the bridge of agent ${agentId} answered \`${request}\` with ${error}`,
      );
    }
    const reply = parseCilReply(raw);
    if (!reply.ok) {
      this.events.reject('malformed-bridge-message', { agentId, request, error: reply.error });
      throw new SwitchboardError(
        'SWB_ACTION_FAILED',
        `the bridge of agent ${agentId} answered \`${request}\` with ${reply.error}`,
      );
    }
    if (!reply.value.success)
      throw new SwitchboardError(
        'SWB_ACTION_FAILED',
        `b+s Connects refused \`${request}\` for agent ${agentId}: ${describeValue(reply.value.error)}`,
      );
    this.logger.debug({ agentId, request }, 'bridge request done');
    return reply.value.response;
  }
}

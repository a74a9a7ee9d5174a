import {
  type ActionContext,
  type ActionExecutor,
  type ActionRequest,
  AdapterContext,
  inject,
  injectable,
} from '@switchboard/core';
import type { EightByEightParams } from '../actionSpecs.js';
import { x8Errors } from '../errors.js';
import type { EightByEightContext } from '../options.js';
import { MaestroBridge } from '../transport/maestro/MaestroBridge.js';
import { normalizePhoneNumber } from './normalizePhoneNumber.js';

/** How long a dial run again after a restart waits for the agent's bridge to reconnect. */
const recoveredBridgeWaitMs = 15_000;

/**
 * `dial`: normalizes the number to E.164 (an invalid one fails the action, so `action.failed` is
 * raised and no directive is sent) and has the agent's Maestro bridge post the `startCall` directive.
 * The action's idempotency key goes with it: a dial sent again after a restart (its confirmation was
 * cut off) is answered by the bridge that placed it, not placed twice.
 */
@injectable()
export class DialExecutor implements ActionExecutor<EightByEightParams<'dial'>> {
  constructor(
    @inject(AdapterContext) private readonly ctx: EightByEightContext,
    @inject(MaestroBridge) private readonly bridge: MaestroBridge,
  ) {}

  async execute(
    request: ActionRequest<EightByEightParams<'dial'>>,
    context: ActionContext,
  ): Promise<{ phoneNumber: string; agent: string; bridges: number }> {
    const maestro = this.ctx.options.maestro;
    if (!maestro || !this.bridge.enabled) {
      throw x8Errors.error(
        'X8_DIAL_NOT_CONFIGURED',
        `instance \`${request.instance}\` has no maestro options`,
      );
    }
    const { params } = request;
    const phoneNumber = normalizePhoneNumber(params.phoneNumber, params.country ?? maestro.defaultCountry);
    const agent = typeof params.agent === 'string' ? params.agent.trim() : '';
    if (agent === '') {
      throw x8Errors.error(
        'X8_DIAL_NO_BRIDGE',
        'no agent to dial for: the event has no agent; give the action an `agent`',
      );
    }
    const bridges = await this.bridge.dial(agent, phoneNumber, {
      timeoutMs: maestro.dialTimeoutMs,
      key: request.idempotencyKey,
      // Run again after a restart: the agent's bridge reconnects within seconds; wait for it.
      bridgeWaitMs: request.recovered ? recoveredBridgeWaitMs : 0,
      signal: context.signal,
    });
    return { phoneNumber, agent, bridges };
  }
}

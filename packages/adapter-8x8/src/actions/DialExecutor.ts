import {
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

/**
 * `dial`: normalizes the number to E.164 (an invalid one fails the action, so `action.failed` is
 * raised and no directive is sent) and has the agent's Maestro bridge post the `startCall` directive.
 */
@injectable()
export class DialExecutor implements ActionExecutor<EightByEightParams<'dial'>> {
  constructor(
    @inject(AdapterContext) private readonly ctx: EightByEightContext,
    @inject(MaestroBridge) private readonly bridge: MaestroBridge,
  ) {}

  async execute(
    request: ActionRequest<EightByEightParams<'dial'>>,
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
    const bridges = await this.bridge.dial(agent, phoneNumber, maestro.dialTimeoutMs);
    return { phoneNumber, agent, bridges };
  }
}

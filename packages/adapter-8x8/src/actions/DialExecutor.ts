import {
  type ActionExecutor,
  type ActionRequest,
  InstanceTokens,
  inject,
  injectable,
} from '@switchboard/core';
import type { EightByEightOptions } from '../EightByEightOptions.js';
import { EightByEightTokens } from '../EightByEightTokens.js';
import { Adapter8x8Error } from '../errors/Adapter8x8Error.js';
import type { MaestroBridgeServer } from '../maestro/MaestroBridgeServer.js';
import { normalizePhoneNumber } from './normalizePhoneNumber.js';

interface DialParams {
  readonly phoneNumber: string | number;
  readonly agent?: string;
  readonly country?: string;
}

/**
 * `dial`: normalizes the number to E.164 (an invalid one fails the action, so `action.failed` is
 * raised and no directive is sent) and has the agent's Maestro bridge post the `startCall` directive.
 */
@injectable()
export class DialExecutor implements ActionExecutor {
  readonly action = 'dial';

  constructor(
    @inject(EightByEightTokens.MaestroBridge) private readonly bridge: MaestroBridgeServer,
    @inject(InstanceTokens.Options) private readonly options: EightByEightOptions,
  ) {}

  async execute(request: ActionRequest): Promise<unknown> {
    const maestro = this.options.maestro;
    if (!maestro || !this.bridge.enabled) {
      throw new Adapter8x8Error(
        'X8_DIAL_NOT_CONFIGURED',
        `instance \`${request.instance}\` has no maestro options`,
      );
    }
    const params = request.params as unknown as DialParams;
    const phoneNumber = normalizePhoneNumber(params.phoneNumber, params.country ?? maestro.defaultCountry);
    const agent = typeof params.agent === 'string' ? params.agent.trim() : '';
    if (agent === '') {
      throw new Adapter8x8Error(
        'X8_DIAL_NO_BRIDGE',
        'no agent to dial for: the event has no agent; give the action an `agent`',
      );
    }
    const bridges = await this.bridge.dial(agent, phoneNumber, maestro.dialTimeoutMs);
    return { phoneNumber, agent, bridges };
  }
}

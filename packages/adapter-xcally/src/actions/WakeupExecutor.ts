import {
  type ActionExecutor,
  type ActionRequest,
  AdapterContext,
  inject,
  injectable,
} from '@switchboard/core';
import type { XcallyParams } from '../actionSpecs.js';
import type { XcallyContext } from '../options.js';
import { XcallyConnection } from '../transport/XcallyConnection.js';
import { buildCommand, commandResult } from './buildCommand.js';

/** `wakeup`: builds its xCALLY command and sends it at once (fails with `XC_NOT_CONNECTED` while disconnected). */
@injectable()
export class WakeupExecutor implements ActionExecutor<XcallyParams<'wakeup'>> {
  constructor(
    @inject(AdapterContext) private readonly ctx: XcallyContext,
    @inject(XcallyConnection) private readonly connection: XcallyConnection,
  ) {}

  execute(request: ActionRequest<XcallyParams<'wakeup'>>): ReturnType<typeof commandResult> {
    const command = buildCommand('wakeup', request.params, request.event, new Date(this.ctx.clock.now()));
    this.connection.send(command);
    return commandResult(command);
  }
}

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

/** `pushevent`: builds its xCALLY command and sends it at once (fails with `XC_NOT_CONNECTED` while disconnected). */
@injectable()
export class PusheventExecutor implements ActionExecutor<XcallyParams<'pushevent'>> {
  constructor(
    @inject(AdapterContext) private readonly ctx: XcallyContext,
    @inject(XcallyConnection) private readonly connection: XcallyConnection,
  ) {}

  execute(request: ActionRequest<XcallyParams<'pushevent'>>): ReturnType<typeof commandResult> {
    const command = buildCommand('pushevent', request.params, request.event, new Date(this.ctx.clock.now()));
    this.connection.send(command);
    return commandResult(command);
  }
}

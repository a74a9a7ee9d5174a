import {
  type ActionExecutor,
  type ActionRequest,
  AdapterContext,
  type Clock,
  type ExecutorBinding,
} from '@switchboard/core';
import type { XcallyAction, XcallyParams } from '../actionSpecs.js';
import { XcallyConnection } from '../transport/XcallyConnection.js';
import { buildCommand, commandResult } from './buildCommand.js';

/**
 * Carries out one xCALLY action (`wakeup`, `notification`, `pushevent`) by emitting its command at once,
 * and is done when the transport confirmed the write (so an action reported ok is never still sitting in
 * a socket.io buffer when the daemon stops); fails with `XC_NOT_CONNECTED` while disconnected (a late
 * popup is worse than a failed action) and `XC_NOT_CONFIRMED` when the write is not confirmed in time.
 */
export class XcallyCommandExecutor<K extends XcallyAction> implements ActionExecutor<XcallyParams<K>> {
  readonly #command: K;
  readonly #connection: XcallyConnection;
  readonly #clock: Clock;

  constructor(command: K, connection: XcallyConnection, clock: Clock) {
    this.#command = command;
    this.#connection = connection;
    this.#clock = clock;
  }

  /** The manifest's executor of `command`, built from the instance's container. */
  static for<K extends XcallyAction>(command: K): ExecutorBinding<XcallyParams<K>> {
    return (resolve) =>
      new XcallyCommandExecutor(command, resolve(XcallyConnection), resolve(AdapterContext).clock);
  }

  async execute(request: ActionRequest<XcallyParams<K>>): Promise<ReturnType<typeof commandResult>> {
    const command = buildCommand(this.#command, request.params, request.event, new Date(this.#clock.now()));
    await this.#connection.send(command);
    return commandResult(command);
  }
}

import type { ActionExecutor, ActionRequest, Clock } from '@switchboard/core';
import type { XcallyAction } from '../manifestActions.js';
import { buildCommand, type XcallyCommand } from './buildCommand.js';

/** Where commands go: the live connection to xcally-realtime. */
export interface CommandChannel {
  /** Sends at once, or throws when not connected (a late popup is worse than a failed action). */
  send(command: XcallyCommand): void;
}

/** Carries out one xCALLY action (`wakeup`, `notification`, `pushevent`) by emitting its command. */
export class XcallyCommandExecutor implements ActionExecutor {
  readonly action: XcallyAction;
  readonly #channel: CommandChannel;
  readonly #clock: Clock;

  constructor(action: XcallyAction, channel: CommandChannel, clock: Clock) {
    this.action = action;
    this.#channel = channel;
    this.#clock = clock;
  }

  execute(request: ActionRequest): { sent: XcallyCommand['name']; peer?: unknown } {
    const command = buildCommand(this.action, request.params, request.event, new Date(this.#clock.now()));
    this.#channel.send(command);
    return {
      sent: command.name,
      ...(command.payload.peer !== undefined ? { peer: command.payload.peer } : {}),
    };
  }
}

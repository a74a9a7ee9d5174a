import { SwitchboardError } from '@switchboard/core';

/**
 * A body that the instance's mapping cannot turn into a valid event; the message says which part and
 * why. Its code, `WEBHOOK_INVALID_BODY`, is also the code of the 400 the sender gets.
 */
export class MappingError extends SwitchboardError {
  constructor(message: string) {
    super('WEBHOOK_INVALID_BODY', message);
    this.name = 'MappingError';
  }
}

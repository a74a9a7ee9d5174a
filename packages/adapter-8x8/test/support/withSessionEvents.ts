import type { AdapterEvents, InstanceContext } from '@switchboard/core';

/**
 * The test context's connections, whose sessions get `events` as their attempt's events port. The adapter
 * sends a session's events through `attempt.events` (what several nodes need); tests that record or
 * intercept them wrap the port they hand in here. On one node both ports lead to the same dispatcher.
 */
export function withSessionEvents(
  connections: InstanceContext<unknown>['connections'],
  events: AdapterEvents,
): InstanceContext<unknown>['connections'] {
  return Object.assign(Object.create(connections) as InstanceContext<unknown>['connections'], {
    run: ((spec) =>
      connections.run({
        ...spec,
        connect: (signal, attempt) => spec.connect(signal, { ...attempt, events }),
      })) as InstanceContext<unknown>['connections']['run'],
  });
}

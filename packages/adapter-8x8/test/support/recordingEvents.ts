import type { AdapterEvents, EventInput } from '@switchboard/core';

/**
 * Core's events port, recording every event the adapter publishes before core de-duplicates it: a
 * replay the adapter should have skipped shows here even when core's window would hide it.
 */
export function recordingEvents(inner: AdapterEvents, published: EventInput[]): AdapterEvents {
  return {
    accept: (event, options) => {
      published.push(...(Array.isArray(event) ? event : [event as EventInput]));
      return inner.accept(event, options);
    },
    publish: (event) => {
      published.push(...(Array.isArray(event) ? event : [event as EventInput]));
      inner.publish(event);
    },
    publishAndWait: (event) => {
      published.push(event);
      return inner.publishAndWait(event);
    },
    request: (event, options) => inner.request(event, options),
    reject: (reason, detail) => inner.reject(reason, detail),
    setState: (state, detail) => inner.setState(state, detail),
    get status() {
      return inner.status;
    },
  };
}

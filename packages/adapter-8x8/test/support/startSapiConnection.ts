import type { KeyValueStore } from '@switchboard/core';
import { MemoryKeyValueStoreFactory, systemClock, validateOptions } from '@switchboard/core';
import type { SapiOptions } from '../../src/EightByEightOptions.js';
import { eightByEightAdapter } from '../../src/manifest.js';
import { SapiSubscriber } from '../../src/sapi/SapiSubscriber.js';
import type { SapiSessionTiming } from '../../src/sapi/sessionOutcome.js';
import { type CapturedLog, captureLogger } from './captureLogger.js';
import { RecordingInstanceEvents } from './RecordingInstanceEvents.js';

export interface RunningSubscriber {
  readonly subscriber: SapiSubscriber;
  readonly events: RecordingInstanceEvents;
  readonly logs: CapturedLog[];
  readonly state: KeyValueStore;
  stop(): Promise<void>;
}

/** Where the subscriber connects: the SAPI emulator, or any server with its URL and credentials. */
export interface SapiTarget {
  readonly url: string;
  readonly options: { readonly tenant: string; readonly token: string };
}

/** A SAPI subscriber against the emulator, options validated (defaults applied) like the daemon does. */
export async function startSubscriber(
  emulator: SapiTarget,
  sapi: Partial<SapiOptions> = {},
  state: KeyValueStore = new MemoryKeyValueStoreFactory().open('cc'),
  timing: Partial<SapiSessionTiming> = {},
): Promise<RunningSubscriber> {
  const options = validateOptions(eightByEightAdapter, 'cc', {
    sapi: { tenant: emulator.options.tenant, token: emulator.options.token, baseUrl: emulator.url, ...sapi },
  }) as { sapi: SapiOptions };
  const events = new RecordingInstanceEvents();
  const { logger, lines } = captureLogger();
  const subscriber = new SapiSubscriber({
    instance: 'cc',
    options: options.sapi,
    events,
    logger,
    state,
    clock: systemClock,
    timing,
  });
  await subscriber.start();
  return { subscriber, events, logs: lines, state, stop: () => subscriber.stop() };
}

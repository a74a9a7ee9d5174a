import { defineAdapter } from '@switchboard/core';
import { eightByEightActions } from './actionSpecs.js';
import { DialExecutor } from './actions/DialExecutor.js';
import { EightByEightRuntime } from './EightByEightRuntime.js';
import { x8Errors } from './errors.js';
import { mapVendorEvent } from './mapping/mapVendorEvent.js';
import { adapterName } from './mapping/sapiEventMeta.js';
import { eightByEightOptionsSchema } from './options.js';
import { EventStreamConnection } from './transport/eventStream/EventStreamConnection.js';
import { MaestroBridge } from './transport/maestro/MaestroBridge.js';
import { MaestroInbound } from './transport/maestro/MaestroInbound.js';
import { SapiConnection } from './transport/sapi/SapiConnection.js';
import { vendorEvents } from './vendorEvents.js';

/** 8x8 Contact Center: SAPI events in; MaestroSDK events in and click-to-dial out. */
export const eightByEightAdapter = defineAdapter({
  name: adapterName,
  packageName: '@switchboard/adapter-8x8',
  version: '1.0.0',
  core: '^1.0.0',
  description:
    '8x8 Contact Center: the Streaming API (SAPI) over HTTP streaming, and a MaestroSDK browser bridge for click-to-dial.',
  optionsSchema: eightByEightOptionsSchema,
  emits: {
    events: [
      'call.offered',
      'call.answered',
      'call.held',
      'call.resumed',
      'call.wrapup',
      'call.ended',
      'call.outbound',
      'agent.state',
      'agent.provisioning',
      'adapter.error',
      'vendor.event',
    ],
    vendorEvents,
    anyVendorEvent: true,
  },
  actions: eightByEightActions,
  errors: x8Errors,
  runtime: EightByEightRuntime,
  services: [SapiConnection, EventStreamConnection, MaestroInbound, MaestroBridge],
  executors: { dial: DialExecutor },
  mapVendorEvent,
});

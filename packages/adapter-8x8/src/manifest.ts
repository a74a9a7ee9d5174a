import { defineAdapter } from '@switchboard/core';
import { eightByEightContainerModule } from './EightByEightContainerModule.js';
import { eightByEightOptionsSchema } from './EightByEightOptions.js';
import { eightByEightActions } from './manifestActions.js';
import { mapVendorEvent } from './mapping/mapVendorEvent.js';
import { adapterName } from './mapping/sapiEventMeta.js';
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
  module: eightByEightContainerModule,
  mapVendorEvent,
});

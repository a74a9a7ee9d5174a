import { defineAdapter } from '@switchboard/core';
import { xcallyActions } from './manifestActions.js';
import { mapVendorEvent } from './mapping/mapVendorEvent.js';
import { xcallyVendorEvents } from './mapping/xcallyEvents.js';
import { xcallyContainerModule } from './XcallyContainerModule.js';
import { xcallyOptionsSchema } from './XcallyOptions.js';

/** xCALLY Shuttle/Motion: xcally-realtime events in, AgentCTI / AgentCTINotification / RealtimeCTI out. */
export const xcallyAdapter = defineAdapter({
  name: 'xcally',
  packageName: '@switchboard/adapter-xcally',
  version: '1.0.0',
  core: '^1.0.0',
  description: 'xCALLY Shuttle/Motion through xcally-realtime (socket.io 1.x/2.x or 3.x/4.x).',
  optionsSchema: xcallyOptionsSchema,
  emits: {
    events: [
      'call.offered',
      'call.answered',
      'call.ended',
      'call.abandoned',
      'call.outbound',
      'vendor.event',
    ],
    vendorEvents: xcallyVendorEvents,
    anyVendorEvent: true,
  },
  actions: xcallyActions,
  module: xcallyContainerModule,
  mapVendorEvent,
});

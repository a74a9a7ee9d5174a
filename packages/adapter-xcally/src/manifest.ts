import { defineAdapter } from '@switchboard/core';
import { xcallyActions } from './actionSpecs.js';
import { XcallyCommandExecutor } from './actions/XcallyCommandExecutor.js';
import { xcallyErrors } from './errors.js';
import { mapVendorEvent } from './mapping/mapVendorEvent.js';
import { xcallyOptionsSchema } from './options.js';
import { XcallyConnection } from './transport/XcallyConnection.js';
import { XcallyInbound } from './transport/XcallyInbound.js';
import { xcallyVendorEvents } from './vendorEvents.js';
import { XcallyRuntime } from './XcallyRuntime.js';

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
  errors: xcallyErrors,
  runtime: XcallyRuntime,
  services: [XcallyConnection, XcallyInbound],
  executors: {
    wakeup: XcallyCommandExecutor.for('wakeup'),
    notification: XcallyCommandExecutor.for('notification'),
    pushevent: XcallyCommandExecutor.for('pushevent'),
  },
  mapVendorEvent,
});

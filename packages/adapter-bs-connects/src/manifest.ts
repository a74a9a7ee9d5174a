import { defineAdapter } from '@switchboard/core';
import { bsConnectsContainerModule } from './BsConnectsContainerModule.js';
import { bsConnectsOptionsSchema } from './BsConnectsOptions.js';
import { bsConnectsActions } from './manifestActions.js';
import { bsConnectsVendorEvents } from './manifestEvents.js';
import { mapVendorPayload } from './mapping/mapVendorPayload.js';
import { packageVersion } from './version.js';

/** b+s Connects for Microsoft Dynamics 365, through a Custom Integration bridge in each agent's browser. */
export const bsConnectsAdapter = defineAdapter({
  name: 'bs-connects',
  packageName: '@switchboard/adapter-bs-connects',
  version: packageVersion,
  core: '^1.0.0',
  description:
    "b+s Connects for Dynamics 365: a Custom Integration web resource in each agent's browser forwards Integration API events and makes its requests.",
  optionsSchema: bsConnectsOptionsSchema,
  emits: {
    events: [
      'call.offered',
      'call.outbound',
      'call.answered',
      'call.held',
      'call.resumed',
      'call.wrapup',
      'call.ended',
      'call.abandoned',
      'dial.requested',
      'agent.state',
      'adapter.error',
    ],
    vendorEvents: bsConnectsVendorEvents,
  },
  actions: bsConnectsActions,
  module: bsConnectsContainerModule,
  mapVendorEvent: mapVendorPayload,
});

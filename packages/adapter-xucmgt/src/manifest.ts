import { defineAdapter } from '@switchboard/core';
import { thirdPartyOpenSpec } from './actions/thirdPartyOpenSpec.js';
import { mapVendorEvent } from './mapping/mapVendorEvent.js';
import { deploymentWarnings } from './transport/deploymentWarnings.js';
import { xucmgtContainerModule } from './XucmgtContainerModule.js';
import { xucmgtOptionsSchema } from './XucmgtOptions.js';

/** The XucMgt adapter: the daemon is the agent app's THIRD_PARTY_URL web service. */
export const xucmgtAdapter = defineAdapter({
  name: 'xucmgt',
  packageName: '@switchboard/adapter-xucmgt',
  version: '1.0.0',
  core: '^1.0.0',
  description:
    "XiVO XucMgt agent app: its third-party web-service POST becomes call.offered; the rules' thirdPartyOpen answers which pane to open.",
  optionsSchema: xucmgtOptionsSchema,
  emits: {
    events: ['call.offered'],
    vendorEvents: {
      thirdPartyRequest: "the agent app's POST to THIRD_PARTY_URL when a call rings the agent",
    },
  },
  actions: { thirdPartyOpen: thirdPartyOpenSpec },
  module: xucmgtContainerModule,
  mapVendorEvent,
  deploymentWarnings,
});

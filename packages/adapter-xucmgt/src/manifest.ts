import { defineAdapter } from '@switchboard/core';
import { xucmgtActions } from './actionSpecs.js';
import { ThirdPartyOpenExecutor } from './actions/ThirdPartyOpenExecutor.js';
import { xucmgtErrors } from './errors.js';
import { mapVendorEvent } from './mapping/mapVendorEvent.js';
import { xucmgtOptionsSchema } from './options.js';
import { PanePages } from './pane/PanePages.js';
import { UserTokenVault } from './secrets/UserTokenVault.js';
import { deploymentWarnings } from './transport/deploymentWarnings.js';
import { XucmgtInbound } from './transport/XucmgtInbound.js';
import { XucmgtRoutes } from './transport/XucmgtRoutes.js';
import { xucmgtVendorEvents } from './vendorEvents.js';
import { XucmgtRuntime } from './XucmgtRuntime.js';

/** The XucMgt adapter: the daemon is the agent app's THIRD_PARTY_URL web service. */
export const xucmgtAdapter = defineAdapter({
  name: 'xucmgt',
  packageName: '@switchboard/adapter-xucmgt',
  version: '1.0.0',
  core: '^1.0.0',
  description:
    "XiVO XucMgt agent app: its third-party web-service POST becomes call.offered; the rules' thirdPartyOpen answers which pane to open.",
  optionsSchema: xucmgtOptionsSchema,
  emits: { events: ['call.offered'], vendorEvents: xucmgtVendorEvents },
  actions: xucmgtActions,
  errors: xucmgtErrors,
  runtime: XucmgtRuntime,
  services: [XucmgtRoutes, XucmgtInbound, PanePages, UserTokenVault],
  executors: { thirdPartyOpen: ThirdPartyOpenExecutor },
  mapVendorEvent,
  deploymentWarnings,
});

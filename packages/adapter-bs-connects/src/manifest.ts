import { defineAdapter } from '@switchboard/core';
import { bsConnectsActions } from './actionSpecs.js';
import { CreateSessionExecutor } from './actions/CreateSessionExecutor.js';
import { DialExecutor } from './actions/DialExecutor.js';
import { NotificationExecutor } from './actions/NotificationExecutor.js';
import { SetAgentStateExecutor } from './actions/SetAgentStateExecutor.js';
import { WriteLogExecutor } from './actions/WriteLogExecutor.js';
import { BsConnectsRuntime } from './BsConnectsRuntime.js';
import { bsConnectsErrors } from './errors.js';
import { mapVendorEvent } from './mapping/mapVendorEvent.js';
import { bsConnectsOptionsSchema } from './options.js';
import { BridgeRequester } from './transport/BridgeRequester.js';
import { BsConnectsBridge } from './transport/BsConnectsBridge.js';
import { BsConnectsInbound } from './transport/BsConnectsInbound.js';
import { DialDecisions } from './transport/DialDecisions.js';
import { bsConnectsEventTypes, bsConnectsVendorEvents } from './vendorEvents.js';
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
  emits: { events: bsConnectsEventTypes, vendorEvents: bsConnectsVendorEvents },
  actions: bsConnectsActions,
  errors: bsConnectsErrors,
  runtime: BsConnectsRuntime,
  services: [BsConnectsBridge, BsConnectsInbound, BridgeRequester, DialDecisions],
  executors: {
    createSession: CreateSessionExecutor,
    setAgentState: SetAgentStateExecutor,
    dial: DialExecutor,
    notification: NotificationExecutor,
    log: WriteLogExecutor,
  },
  mapVendorEvent,
});

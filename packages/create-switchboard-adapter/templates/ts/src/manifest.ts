import { defineAdapter } from '@switchboard/core';
import { __Vendor__Runtime } from './__Vendor__Runtime.js';
import { __vendorCamel__Actions } from './actionSpecs.js';
import { PopupExecutor } from './actions/PopupExecutor.js';
import { __vendorCamel__Errors } from './errors.js';
import { mapVendorEvent } from './mapping/mapVendorEvent.js';
import { __vendorCamel__OptionsSchema } from './options.js';
import { __Vendor__Connection } from './transport/__Vendor__Connection.js';
import { __Vendor__Inbound } from './transport/__Vendor__Inbound.js';
import { __vendorCamel__VendorEvents } from './vendorEvents.js';

/** __Vendor__: call events in over a WebSocket, `popup` commands out. */
export const __vendorCamel__Adapter = defineAdapter({
  name: '__vendor__',
  packageName: '__package__',
  version: '0.1.0',
  core: '__coreRange__',
  description: '__Vendor__ over WebSocket',
  optionsSchema: __vendorCamel__OptionsSchema,
  emits: {
    events: ['call.offered', 'call.answered', 'call.ended', 'vendor.event'],
    vendorEvents: __vendorCamel__VendorEvents,
    anyVendorEvent: true,
  },
  actions: __vendorCamel__Actions,
  errors: __vendorCamel__Errors,
  runtime: __Vendor__Runtime,
  services: [__Vendor__Connection, __Vendor__Inbound],
  executors: { popup: PopupExecutor },
  mapVendorEvent,
});
export default __vendorCamel__Adapter;

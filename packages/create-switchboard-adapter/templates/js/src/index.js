import { __vendorCamel__Adapter } from './manifest.js';

export { __vendorCamel__Actions } from './actionSpecs.js';
export { __vendorCamel__Errors } from './errors.js';
export { map__Vendor__Event } from './mapping/map__Vendor__Event.js';
export { mapVendorEvent } from './mapping/mapVendorEvent.js';
export { __vendorCamel__OptionsSchema } from './options.js';
export { __vendorCamel__EventTypes, __vendorCamel__VendorEvents } from './vendorEvents.js';
export { __vendorCamel__Adapter };
export default __vendorCamel__Adapter;

import { __vendorCamel__Adapter } from './manifest.js';

export { type __Vendor__Action, type __Vendor__Params, __vendorCamel__Actions } from './actionSpecs.js';
export { type __Vendor__ErrorCode, __vendorCamel__Errors } from './errors.js';
export { type MapResult, map__Vendor__Event } from './mapping/map__Vendor__Event.js';
export { mapVendorEvent } from './mapping/mapVendorEvent.js';
export { type __Vendor__Context, type __Vendor__Options, __vendorCamel__OptionsSchema } from './options.js';
export { __vendorCamel__EventTypes, __vendorCamel__VendorEvents } from './vendorEvents.js';
export { __vendorCamel__Adapter };
export default __vendorCamel__Adapter;

import { webhookAdapter } from './manifest.js';

export { type WebhookErrorCode, webhookErrors } from './errors.js';
export { bodyId } from './mapping/bodyId.js';
export { type CompiledMapping, compileMapping } from './mapping/compileMapping.js';
export { defaultMapping } from './mapping/defaultMapping.js';
export { adapterName, mappableEventTypes } from './mapping/eventFields.js';
export { type JsonPath, parseJsonPath, readJsonPath } from './mapping/jsonPath.js';
export { MappingError } from './mapping/MappingError.js';
export { type MapBodiesContext, mapBodies } from './mapping/mapBodies.js';
export { mapBody } from './mapping/mapBody.js';
export type { FieldSpec, MappingOptions, Scalar } from './mapping/mappingOptions.js';
export { mapVendorEvent } from './mapping/mapVendorEvent.js';
export {
  type HmacAuth,
  type WebhookAuth,
  type WebhookContext,
  type WebhookOptions,
  webhookOptionsSchema,
} from './options.js';
export { signBody, verifyBearer, verifyHmac } from './transport/authenticate.js';
export { webhookAdapter };
export default webhookAdapter;

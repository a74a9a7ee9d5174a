import { webhookAdapter } from './manifest.js';

export { signBody, verifyBearer, verifyHmac } from './http/authenticate.js';
export { type WebhookRefusal, webhookErrors } from './http/webhookErrors.js';
export { bodyId } from './mapping/bodyId.js';
export { type CompiledMapping, compileMapping } from './mapping/compileMapping.js';
export { adapterName, mappableEventTypes } from './mapping/eventFields.js';
export { type JsonPath, parseJsonPath, readJsonPath } from './mapping/jsonPath.js';
export { MappingError } from './mapping/MappingError.js';
export { type MapBodiesContext, mapBodies } from './mapping/mapBodies.js';
export { mapBody } from './mapping/mapBody.js';
export { mapVendorEvent } from './mapping/mapVendorEvent.js';
export { defaultMapping } from './options/defaultMapping.js';
export type {
  FieldSpec,
  MappingOptions,
  Scalar,
  WebhookAuth,
  WebhookOptions,
} from './options/WebhookOptions.js';
export { webhookOptionsSchema } from './options/webhookOptionsSchema.js';
export { webhookAdapter };
export default webhookAdapter;

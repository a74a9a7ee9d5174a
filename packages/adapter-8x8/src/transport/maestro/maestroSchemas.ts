/**
 * JSON Schemas of the messages the MaestroSDK iframe posts, per `schemaVersion` (from 8x8's
 * MaestroSDK event catalogue). The browser bridge validates with standalone code generated from these
 * at build time; the daemon validates again with ajv. Unknown extra fields are allowed: 8x8 adds fields.
 */

/** Versions the bridge understands; a message in another version is an `adapter.error`. */
export const supportedSchemaVersions = ['1.0.0'] as const;

/** 8x8's samples omit `schemaVersion` though its tables mark it required: such messages count as 1.0.0. */
export const defaultSchemaVersion = '1.0.0';

const shortText = { type: 'string', maxLength: 2000 } as const;

/** `mashell-<media>-<state>-<cc|uc>-event-v1` with `status: success`. */
export const successEnvelopeV1 = {
  $id: 'https://switchboard.dev/schemas/8x8/maestro-success-1.0.0.json',
  type: 'object',
  required: ['eventType', 'status', 'data'],
  properties: {
    eventType: { type: 'string', pattern: '^mashell-[a-z0-9-]+-event-v[0-9]+$', maxLength: 200 },
    status: { const: 'success' },
    data: {
      type: 'object',
      required: ['eventName', 'eventId', 'method', 'direction', 'media', 'searchContext'],
      properties: {
        eventName: { enum: ['offered', 'accepted', 'completed', 'terminated'] },
        eventId: { type: 'string', minLength: 1, maxLength: 200 },
        method: { const: 'mapEvent' },
        direction: { enum: ['inbound', 'outbound'] },
        media: { type: 'string', minLength: 1, maxLength: 50 },
        searchContext: shortText,
        schemaVersion: { const: '1.0.0' },
        startTime: shortText,
        endTime: shortText,
        callDuration: shortText,
        callRecording: shortText,
        hasRecording: { type: 'boolean' },
        mediaType: shortText,
        additionalData: { type: 'object' },
      },
      // A phone call that completed or terminated carries its times and duration.
      anyOf: [
        {
          not: {
            required: ['eventName', 'media'],
            properties: { eventName: { enum: ['completed', 'terminated'] }, media: { const: 'phone' } },
          },
        },
        { required: ['startTime', 'endTime', 'callDuration', 'hasRecording'] },
      ],
    },
  },
} as const;

/** Maestro's report that a message failed its validation (`INVALID_SCHEMA`, `UNSUPPORTED_SCHEMA_VERSION`). */
export const failedEnvelope = {
  $id: 'https://switchboard.dev/schemas/8x8/maestro-failed.json',
  type: 'object',
  required: ['eventType', 'status', 'data'],
  properties: {
    eventType: { type: 'string', maxLength: 200 },
    status: { const: 'failed' },
    data: {
      type: 'object',
      required: ['eventName', 'error', 'schemaVersion', 'allowedSchemaVersions'],
      properties: {
        eventName: shortText,
        error: { type: 'string', maxLength: 200 },
        schemaVersion: { type: 'string', maxLength: 50 },
        allowedSchemaVersions: { type: 'array', maxItems: 50, items: { type: 'string', maxLength: 50 } },
        validSchema: { type: 'boolean' },
        errorDescription: {
          type: 'array',
          maxItems: 100,
          items: {
            type: 'object',
            required: ['path', 'message'],
            properties: {
              path: { type: 'array', maxItems: 50, items: { type: ['string', 'number'] } },
              message: shortText,
              code: shortText,
            },
          },
        },
      },
    },
  },
} as const;

/** Schema per version, for success messages. */
export const successEnvelopeSchemas = { '1.0.0': successEnvelopeV1 } as const;

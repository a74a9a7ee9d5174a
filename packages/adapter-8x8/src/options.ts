import type { InstanceContext, OptionsOf } from '@switchboard/core';

/** 8x8's CTI URL for the MaestroSDK iframe. */
export const maestroCtiUrl = 'https://cloud8.8x8.com/mashell/public/index.html?env=embeddable&nextgen=true';

/** Backoff of the SAPI and Event Streaming readers: one schema, so both take the same settings. */
const retrySchema = {
  type: 'object',
  description: 'Backoff between failed attempts (jittered, doubling); reset once connected.',
  properties: {
    initialMs: { type: 'integer', minimum: 1, default: 2000 },
    maxMs: { type: 'integer', minimum: 1, default: 120000 },
  },
  additionalProperties: false,
  default: {},
} as const;

const sapiSchema = {
  type: 'object',
  description:
    'The Streaming API (SAPI) subscription: agent, provisioning and interaction events of a tenant.',
  required: ['tenant', 'token'],
  anyOf: [{ required: ['cluster'] }, { required: ['baseUrl'] }],
  properties: {
    tenant: {
      type: 'string',
      minLength: 1,
      description: 'Contact Center tenant name (the Basic-auth user).',
    },
    token: {
      type: 'string',
      minLength: 1,
      'x-secret': true,
      description: 'Data Request Token (CC Configuration Manager → Integration → API Token).',
    },
    cluster: {
      type: 'string',
      pattern: '^[a-z]{2}[a-z0-9]*$',
      description: 'Platform, e.g. `eu3`, `na12`: connects to `https://vcc-<cluster>.8x8.com`.',
    },
    baseUrl: {
      type: 'string',
      pattern: '^https?://[^/?#]+$',
      description: 'Overrides the cluster URL (scheme and host, no path): a proxy or the emulator.',
    },
    subscriptionId: {
      type: 'string',
      pattern: '^[A-Za-z0-9_.~-]{1,100}$',
      description:
        'Subscription id to use; default a generated one, kept in the instance state across restarts.',
    },
    outputType: {
      enum: ['NEWLINE_JSON', 'JSON', 'NEWLINE_XML', 'XML'],
      default: 'NEWLINE_JSON',
      description: '`desiredOutputType`: every one is parsed.',
    },
    atmosphere: {
      type: 'boolean',
      default: true,
      description:
        "Ask for Atmosphere's protocol (handshake, `length|` prefixes) like 8x8's Java client; off sends only `X-Atmosphere-Transport=streaming`.",
    },
    readTimeoutSeconds: {
      type: 'number',
      exclusiveMinimum: 0,
      default: 210,
      description:
        'A stream with no complete message or heartbeat this long is dead: reconnect (8x8 client: 210 s).',
    },
    connectTimeoutSeconds: {
      type: 'number',
      exclusiveMinimum: 0,
      default: 30,
      description: 'Time to wait for the response headers.',
    },
    maxMessageChars: {
      type: 'integer',
      minimum: 1024,
      default: 262144,
      description:
        'Longest single SAPI message accepted, in characters; a longer one is dropped and counted.',
    },
    retry: retrySchema,
  },
  additionalProperties: false,
} as const;

/** 8x8's Event Streaming regions: `pulsar-ws-<region>.8x8.com`. */
export const eventStreamRegions = ['euw2', 'use1', 'usw2'] as const;

const eventStreamSchema = {
  type: 'object',
  description:
    "8x8's Event Streaming API (SAPI's successor): the tenant's events from a Pulsar reader over WebSocket.",
  required: ['tenant', 'apiKey'],
  oneOf: [{ required: ['region'] }, { required: ['url'] }],
  properties: {
    region: {
      enum: eventStreamRegions,
      description:
        'Region of the tenant: `euw2` (UK3), `use1` (US1), `usw2` (US2); connects to `wss://pulsar-ws-<region>.8x8.com`.',
    },
    url: {
      type: 'string',
      pattern: '^(wss?|https?)://[^/?#@]+$',
      description:
        'Instead of `region` (scheme and host, no path; `http(s)` means `ws(s)`): a proxy, or the emulator.',
    },
    tenant: {
      type: 'string',
      pattern: '^[A-Za-z0-9_.-]{1,100}$',
      description: 'Contact Center tenant name (the Pulsar tenant of the topic).',
    },
    topic: {
      type: 'string',
      pattern: '^(event-v1/(all|[A-Za-z0-9_]{1,100})|agent-v1/[A-Za-z0-9_-]{1,100})$',
      default: 'event-v1/all',
      description: 'Topic: `event-v1/all`, `event-v1/<EventType>` or `agent-v1/<agentId>`.',
    },
    apiKey: {
      type: 'string',
      minLength: 1,
      'x-secret': true,
      description:
        'API key (product "Pulsar Event Stream", or a CC token), sent as the `X-API-Key` header only.',
    },
    startAt: {
      enum: ['latest', 'earliest'],
      default: 'latest',
      description:
        'Where the very first start reads from; afterwards the stored message id is the resume point.',
    },
    receiverQueueSize: {
      type: 'integer',
      minimum: 1,
      maximum: 10000,
      default: 1000,
      description: "The reader's `receiverQueueSize`: messages Pulsar sends ahead of their acknowledgements.",
    },
    connectTimeoutSeconds: {
      type: 'number',
      exclusiveMinimum: 0,
      default: 45,
      description: 'Time for the WebSocket handshake (8x8 recommends 45 s).',
    },
    pingIntervalSeconds: {
      type: 'number',
      exclusiveMinimum: 0,
      default: 30,
      description: 'The adapter pings the server this often.',
    },
    idleTimeoutSeconds: {
      type: 'number',
      exclusiveMinimum: 0,
      default: 90,
      description:
        'No frame and no pong this long: the connection is dead and is replaced (`X8_STREAM_IDLE`).',
    },
    quietWarningSeconds: {
      type: 'number',
      exclusiveMinimum: 0,
      default: 300,
      description:
        'Connected but no message this long: `/readyz` says so (check region and topic); the instance stays connected.',
    },
    maxMessageBytes: {
      type: 'integer',
      minimum: 1024,
      default: 1048576,
      description:
        'Largest WebSocket message accepted; a larger one breaks the connection (and is read again).',
    },
    retry: retrySchema,
  },
  additionalProperties: false,
} as const;

const maestroSchema = {
  type: 'object',
  description: 'The MaestroSDK browser bridge: Maestro call events in, click-to-dial out.',
  required: ['allowedOrigins', 'secret'],
  properties: {
    url: {
      type: 'string',
      pattern: '^https?://',
      default: maestroCtiUrl,
      description: 'URL of the Maestro iframe; only messages from its origin are accepted.',
    },
    allowedOrigins: {
      type: 'array',
      minItems: 1,
      items: { type: 'string', pattern: '^https?://[^/?#]+$' },
      description: 'Origins of the pages that embed the bridge (e.g. `https://crm.example.com`).',
    },
    secret: {
      type: 'string',
      minLength: 16,
      'x-secret': true,
      description: 'Key that signs agent tokens (`createBridgeToken`); the bridge must present one.',
    },
    defaultCountry: {
      type: 'string',
      pattern: '^[A-Z]{2}$',
      description: 'Country (ISO 3166 alpha-2) for numbers dialled without `+`, e.g. `US`.',
    },
    dialTimeoutMs: {
      type: 'integer',
      minimum: 100,
      default: 5000,
      description: "Time for the agent's bridge to confirm a `dial`.",
    },
  },
  additionalProperties: false,
} as const;

/** JSON Schema of the options: the single source for validation, defaults, types and the README's table. */
export const eightByEightOptionsSchema = {
  type: 'object',
  anyOf: [{ required: ['sapi'] }, { required: ['eventStream'] }, { required: ['maestro'] }],
  // One event source per instance: SAPI or Event Streaming (migrating replaces one block by the other).
  not: { required: ['sapi', 'eventStream'] },
  properties: { sapi: sapiSchema, eventStream: eventStreamSchema, maestro: maestroSchema },
  additionalProperties: false,
} as const;

/** An instance's options, validated against `eightByEightOptionsSchema` with its defaults applied. */
export type EightByEightOptions = OptionsOf<typeof eightByEightOptionsSchema>;

/** What core gives an 8x8 instance, with its options typed. */
export type EightByEightContext = InstanceContext<EightByEightOptions>;

/** The SAPI subscription's options (`sapi`). */
export type SapiOptions = NonNullable<EightByEightOptions['sapi']>;

/** The Event Streaming reader's options (`eventStream`). */
export type EventStreamOptions = NonNullable<EightByEightOptions['eventStream']>;

/** The Maestro bridge's options (`maestro`). */
export type MaestroOptions = NonNullable<EightByEightOptions['maestro']>;

/** SAPI's `desiredOutputType`. */
export type SapiOutputType = SapiOptions['outputType'];

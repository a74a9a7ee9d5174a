import type { InstanceContext, OptionsOf } from '@switchboard/core';

/** JSON Schema of the options: the single source for validation, defaults and the README's table. */
export const xcallyOptionsSchema = {
  type: 'object',
  required: ['url'],
  properties: {
    url: {
      type: 'string',
      pattern: '^https?://',
      description:
        'xcally-realtime address, e.g. `https://localhost:8888` (secure connection) or `http://localhost:<port>`.',
    },
    protocol: {
      enum: ['auto', 'v2', 'v4'],
      default: 'auto',
      description:
        'socket.io protocol generation: `v2` for socket.io 1.x/2.x servers (Engine.IO 3), `v4` for 3.x/4.x, `auto` probes the server.',
    },
    path: { type: 'string', pattern: '^/', default: '/socket.io', description: 'socket.io HTTP path.' },
    namespace: { type: 'string', pattern: '^/', default: '/', description: 'socket.io namespace.' },
    transports: {
      type: 'array',
      items: { enum: ['polling', 'websocket'] },
      minItems: 1,
      uniqueItems: true,
      default: ['polling', 'websocket'],
      description: 'Transports in the order tried (`polling` upgrades to `websocket`).',
    },
    token: {
      type: 'string',
      'x-secret': true,
      description: 'Sent as the `token` query parameter (both protocols) and in the v4 `auth` payload.',
    },
    query: {
      type: 'object',
      'x-secret': true,
      additionalProperties: { type: 'string' },
      description: 'Extra handshake query parameters (the only credentials a socket.io 2.x server reads).',
    },
    auth: {
      type: 'object',
      'x-secret': true,
      description: 'socket.io v4 `auth` payload of the CONNECT packet (ignored by 2.x servers).',
    },
    extraHeaders: {
      type: 'object',
      'x-secret': true,
      additionalProperties: { type: 'string' },
      description: 'HTTP headers sent with the handshake.',
    },
    tls: {
      type: 'object',
      properties: {
        ca: {
          type: 'string',
          description:
            "PEM file of the CA or of xcally-realtime's self-signed certificate, relative to the daemon config.",
        },
        rejectUnauthorized: {
          type: 'boolean',
          default: true,
          description: '`false` accepts any certificate, on this connection only (say so explicitly).',
        },
      },
      additionalProperties: false,
      default: {},
    },
    connectTimeoutMs: {
      type: 'integer',
      minimum: 100,
      default: 10_000,
      description: 'Give up one connection attempt after this many ms.',
    },
    confirmTimeoutMs: {
      type: 'integer',
      minimum: 100,
      default: 5000,
      description:
        'A command counts as sent once the transport confirms it was written (polling: the POST carrying it answered); not confirmed within this many ms → the action fails with `XC_NOT_CONFIRMED`.',
    },
    reconnect: {
      type: 'object',
      properties: {
        initialMs: { type: 'integer', minimum: 1, default: 500, description: 'First delay.' },
        maxMs: { type: 'integer', minimum: 1, default: 30_000, description: 'Largest delay.' },
        factor: { type: 'number', minimum: 1, default: 2, description: 'Growth per failed attempt.' },
        jitter: { type: 'number', minimum: 0, maximum: 1, default: 0.5, description: '0 none, 1 full.' },
      },
      additionalProperties: false,
      default: {},
      description:
        'Reconnect backoff with jitter; it starts again from `initialMs` once a connection has stayed up for 30 s.',
    },
    limits: {
      type: 'object',
      properties: {
        maxPayloadBytes: { type: 'integer', minimum: 256, default: 65_536 },
        maxStringLength: { type: 'integer', minimum: 16, default: 4096 },
      },
      additionalProperties: false,
      default: {},
      description: 'Payloads beyond these limits are rejected (counted and logged).',
    },
  },
  additionalProperties: false,
} as const;

/** An instance's options, validated against `xcallyOptionsSchema` with its defaults applied. */
export type XcallyOptions = OptionsOf<typeof xcallyOptionsSchema>;

/** What core gives an xCALLY instance, with its options typed. */
export type XcallyContext = InstanceContext<XcallyOptions>;

/** Which socket.io protocol generation the client speaks; `auto` asks the server first. */
export type ProtocolChoice = XcallyOptions['protocol'];

/** The payload limits (`limits`). */
export type XcallyLimits = XcallyOptions['limits'];

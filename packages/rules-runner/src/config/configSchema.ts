/** JSON Schema of `switchboard.yaml`; published as `schemas/switchboard.schema.json`. */
export const configSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://switchboard.dev/schemas/switchboard.schema.json',
  title: 'Switchboard daemon config',
  type: 'object',
  properties: {
    $schema: { type: 'string' },
    adapters: {
      type: 'object',
      description: 'Adapter instances by name: rules say `via: <name>`, events carry `source: <name>`.',
      propertyNames: { pattern: '^[A-Za-z][A-Za-z0-9_-]*$' },
      additionalProperties: {
        type: 'object',
        required: ['use'],
        properties: {
          use: { type: 'string', minLength: 1, description: 'An installed package name, or a path.' },
          options: { type: 'object', description: "Checked against the adapter's options schema." },
          enabled: { type: 'boolean', default: true },
        },
        additionalProperties: false,
      },
      default: {},
    },
    rules: {
      description: 'Rule files or globs, relative to this file.',
      anyOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }],
      default: [],
    },
    allowNoRules: {
      type: 'boolean',
      default: false,
      description:
        'Run even when `rules` lists no rule (e.g. to watch events in the console first); otherwise a config without rules is refused.',
    },
    tests: {
      description: 'Rule test files or globs, relative to this file (for `rules-runner test`).',
      anyOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }],
      default: [],
    },
    server: {
      type: 'object',
      description: 'The HTTP server adapters mount routes on (web services, browser bridges).',
      properties: {
        host: { type: 'string', default: '0.0.0.0' },
        port: { type: 'integer', minimum: 0, maximum: 65535, default: 8787 },
        publicUrl: { type: 'string', format: 'uri' },
        bodyLimit: { type: 'integer', minimum: 1024, default: 65536 },
      },
      additionalProperties: false,
      default: {},
    },
    admin: {
      type: 'object',
      description: 'The admin surface: console, /metrics, /healthz, /readyz.',
      properties: {
        enabled: { type: 'boolean', default: true },
        host: { type: 'string', default: '127.0.0.1', description: 'Other than loopback requires `token`.' },
        port: { type: 'integer', minimum: 0, maximum: 65535, default: 8788 },
        token: { type: 'string', minLength: 16, description: 'Bearer token; use ${ADMIN_TOKEN}.' },
        journal: {
          type: 'integer',
          minimum: 10,
          maximum: 100000,
          default: 2000,
          description: 'recent events kept',
        },
        stream: {
          type: 'object',
          description: "The console's live stream (server-sent events).",
          properties: {
            max: {
              type: 'integer',
              minimum: 1,
              default: 50,
              description: 'most clients at once; more get 503',
            },
            bufferLimit: {
              type: 'integer',
              minimum: 16384,
              default: 262144,
              description: 'bytes a client may fall behind before it is disconnected',
            },
          },
          additionalProperties: false,
          default: {},
        },
      },
      additionalProperties: false,
      default: {},
    },
    watch: {
      type: 'boolean',
      default: true,
      description: 'Reload rule files (and the rules list of this file) when they change.',
    },
    calls: {
      type: 'object',
      properties: {
        ttlAfterEnd: {
          type: 'number',
          minimum: 0,
          default: 300,
          description: 'seconds vars are kept after a call ends',
        },
        idleTtl: {
          type: 'number',
          minimum: 1,
          default: 14400,
          description: 'seconds without events before a call is dropped',
        },
        max: { type: 'integer', minimum: 1, default: 100000, description: 'most calls kept at once' },
      },
      additionalProperties: false,
      default: {},
    },
    dedupe: {
      type: 'object',
      properties: {
        window: {
          type: 'number',
          minimum: 1,
          default: 10800,
          description: 'seconds an event id is remembered',
        },
        max: { type: 'integer', minimum: 1, default: 500000 },
      },
      additionalProperties: false,
      default: {},
    },
    actions: {
      type: 'object',
      properties: {
        timeout: { type: 'integer', minimum: 1, default: 10000, description: 'default ms per action' },
      },
      additionalProperties: false,
      default: {},
    },
    state: {
      type: 'object',
      description:
        'Where the daemon keeps its state: an embedded store in `dir` (one daemon), or `redis` (several daemons share it; set one of the two).',
      properties: {
        dir: { type: 'string', default: '.switchboard-state', description: 'relative to this file' },
        redis: {
          type: 'object',
          description:
            'Several daemons (nodes) on one Redis: shared state, and leases that decide which node holds each vendor connection. Needs `@switchboard/state-redis` installed.',
          required: ['url'],
          properties: {
            url: {
              type: 'string',
              pattern: '^rediss?://',
              description:
                'redis://host:port/db, or rediss:// for TLS; a password as ${REDIS_PASSWORD} (never written in the file)',
            },
            ca: {
              type: 'string',
              minLength: 1,
              description: 'CA certificate (PEM) for rediss://, relative to this file',
            },
            prefix: {
              type: 'string',
              pattern: '^[A-Za-z0-9_.-]+$',
              default: 'swb',
              description: 'key prefix: several deployments on one Redis',
            },
            sentinels: {
              type: 'array',
              minItems: 1,
              description:
                'Redis Sentinel: the sentinels to ask for the primary named `name` (then `url` gives only the password, db and TLS)',
              items: {
                type: 'object',
                required: ['host', 'port'],
                properties: {
                  host: { type: 'string', minLength: 1 },
                  port: { type: 'integer', minimum: 1, maximum: 65535 },
                },
                additionalProperties: false,
              },
            },
            name: {
              type: 'string',
              minLength: 1,
              description: "Sentinel: the primary's name, e.g. mymaster",
            },
            lease: {
              type: 'object',
              description: 'Leases of vendor connections: a node that dies is replaced after about ttlMs.',
              properties: {
                ttlMs: { type: 'integer', minimum: 1000, maximum: 60000, default: 3000 },
                renewEveryMs: { type: 'integer', minimum: 100, maximum: 30000, default: 1000 },
              },
              additionalProperties: false,
              default: {},
            },
            warmWindowMs: {
              type: 'integer',
              minimum: 0,
              maximum: 600000,
              default: 10000,
              description: 'ms a warm standby holds the events it hears (connections without vendor replay)',
            },
          },
          additionalProperties: false,
        },
      },
      additionalProperties: false,
      default: {},
    },
    node: {
      type: 'object',
      description: 'This daemon among several (state.redis): in logs, /readyz, the console and events.',
      properties: {
        id: {
          type: 'string',
          pattern: '^[A-Za-z0-9][A-Za-z0-9_.:-]*$',
          maxLength: 100,
          description: 'default <hostname>-<pid>; use ${HOSTNAME} for a stable id',
        },
      },
      additionalProperties: false,
      default: {},
    },
    log: {
      type: 'object',
      properties: {
        level: { enum: ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'], default: 'info' },
        format: { enum: ['auto', 'json', 'pretty'], default: 'auto', description: 'auto: pretty on a TTY' },
      },
      additionalProperties: false,
      default: {},
    },
    startup: {
      type: 'object',
      properties: {
        adapterTimeout: {
          type: 'integer',
          minimum: 1,
          default: 30000,
          description: 'ms each adapter instance gets to start; then the daemon stops, naming it',
        },
      },
      additionalProperties: false,
      default: {},
    },
    shutdown: {
      type: 'object',
      properties: {
        drainTimeout: {
          type: 'integer',
          minimum: 0,
          default: 5000,
          description: 'ms to finish in-flight actions',
        },
        adapterTimeout: {
          type: 'integer',
          minimum: 1,
          default: 10000,
          description: 'ms each adapter instance gets to stop; then it is left behind',
        },
      },
      additionalProperties: false,
      default: {},
    },
  },
  additionalProperties: false,
} as const;

import type { FastifyPluginAsync } from 'fastify';
import type { OriginPolicy } from '../origins/OriginPolicy.js';

/** HTTP routes of one instance, under `/adapters/<instance>` on the daemon's server. */
export interface HttpHost {
  /** `/adapters/<instance>`. */
  readonly prefix: string;
  /** Absolute URL of a path under the prefix: the configured public URL, else the bound address. */
  url(path?: string): string;
  /** A raw fastify plugin, for pages and scripts (`GET /bridge.js`); during `start()`. */
  register(plugin: FastifyPluginAsync): void;
  /** A JSON endpoint with core's body handling, refusals and counts; during `start()`. */
  jsonRoute(spec: JsonRouteSpec): void;
}

/** Why a request was refused: the label of `switchboard_input_rejected_total` and the reply's `error`. */
export type RefusalReason =
  | 'unsupported-media-type'
  | 'body-too-large'
  | 'invalid-json'
  | 'too-deep'
  | 'bad-request'
  | 'unauthorized'
  | 'origin-not-allowed'
  | 'stopping'
  | (string & {});

export interface Refusal {
  readonly reason: RefusalReason;
  readonly status: number;
  readonly message: string;
  readonly headers?: Readonly<Record<string, string>>;
  /** Logged with the rejection (which check failed, say), never sent; no secrets. */
  readonly detail?: Readonly<Record<string, unknown>>;
}

export interface JsonRequest {
  readonly id: string;
  readonly ip: string;
  readonly method: string;
  /** The path without its query (the query may hold a key). */
  readonly path: string;
  readonly origin?: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly query: Readonly<Record<string, unknown>>;
}

export interface JsonReply {
  readonly status: number;
  readonly body: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

export interface JsonRouteSpec {
  readonly method: 'POST' | 'PUT' | 'PATCH';
  /** Under the prefix: `/` or `/events`. */
  readonly path: string;
  /** Larger bodies get 413 `body-too-large`. */
  readonly bodyLimit: number;
  /** `json`: `application/json` only; `json-and-vendor`: also `application/<x>+json`. Anything else: 415. */
  readonly mediaTypes?: 'json' | 'json-and-vendor';
  /** Deeper bodies get 400 `too-deep`, checked before parsing (default `defaultMaxJsonDepth`). */
  readonly maxDepth?: number;
  /** Browser callers: CORS and the Origin check (a disallowed origin gets 403, preflight included). */
  readonly cors?: {
    readonly origins: OriginPolicy;
    readonly allowedHeaders?: readonly string[];
    readonly credentials?: boolean;
  };
  /** Before the body is read (a key, a bearer token): a refusal is sent as is. */
  authorize?(request: JsonRequest): Refusal | undefined | Promise<Refusal | undefined>;
  /** After the body is read, before it is parsed, over its exact bytes (an HMAC). */
  verify?(request: JsonRequest, raw: Buffer): Refusal | undefined;
  handle(body: unknown, request: JsonRequest): Promise<JsonReply>;
  /**
   * JSON Schema of the body of a 200 reply: it is written by a serializer compiled from it
   * (fast-json-stringify) instead of `JSON.stringify`. Only properties the schema names are sent.
   */
  readonly answerSchema?: Readonly<Record<string, unknown>>;
  /** The body of a refusal; default `{ error: reason, message }`. */
  refusalBody?(refusal: Refusal): unknown;
  /** The state detail once listening, from the route's URL (default the URL). */
  describe?(url: string): string;
}

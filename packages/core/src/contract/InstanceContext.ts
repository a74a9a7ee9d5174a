import type { ServiceIdentifier } from 'inversify';
import type { Logger } from 'pino';
import type { HttpClient } from '../net/HttpClient.js';
import type { Clock } from '../runtime/Clock.js';
import type { AdapterEvents } from './AdapterEvents.js';
import type { BridgeHost } from './Bridge.js';
import type { ConnectionHost } from './ClientConnection.js';
import type { HttpHost } from './HttpHost.js';
import type { StateStore } from './StateStore.js';
import { serviceId } from './serviceId.js';

/**
 * Everything one adapter instance gets from core, typed with its options:
 * `constructor(@inject(AdapterContext) private readonly ctx: AcmeContext) {}`.
 */
export interface InstanceContext<O = Readonly<Record<string, unknown>>> {
  /** The instance name from the config: the `source` of its events, the target of `via`. */
  readonly instance: string;
  /** Validated against the options schema, defaults applied. */
  readonly options: O;
  /** `instance` on every line. */
  readonly logger: Logger;
  readonly clock: Clock;
  /** Folder of the daemon config: relative paths in options resolve from it. */
  readonly configDir: string;
  readonly events: AdapterEvents;
  /** This instance's durable state. */
  readonly state: StateStore;
  /** Routes under `/adapters/<instance>`. */
  readonly http: HttpHost;
  /** Browser bridges on the namespace `/adapters/<instance>`. */
  readonly bridges: BridgeHost;
  /** Client connections to the vendor, run by core. */
  readonly connections: ConnectionHost;
  /** undici with timeouts and retries. */
  readonly httpClient: HttpClient;
}

/** The one service identifier core binds per instance. */
export const AdapterContext: ServiceIdentifier<InstanceContext> = serviceId(
  '@switchboard/core/AdapterContext',
);

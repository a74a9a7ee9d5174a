import type {
  BridgeRole,
  BridgeSettings,
  BridgeState,
  BridgeStatus,
  CilLibrary,
  CilLoader,
  CilResult,
  SocketLike,
} from './browserTypes.js';
import type { CilRequestRunner } from './CilRequestRunner.js';
import type { EventForwarder } from './EventForwarder.js';

export interface BridgeControllerDeps {
  /** The `ConnectsIntegrationLibrary` global. */
  readonly cil: CilLoader;
  /** Creates the socket.io client socket (not connected yet) with these handshake credentials. */
  readonly createSocket: (auth: Record<string, unknown>) => SocketLike;
  readonly forwarder: EventForwarder;
  readonly runner: CilRequestRunner;
  readonly eventNames: readonly string[];
  readonly onStatus: (status: BridgeStatus) => void;
}

/**
 * The bridge's lifecycle in the agent's browser: initialise the Integration API, subscribe to every
 * event, learn the agent (`getChannel`) and whether this is the primary tab (`isPrimaryTab`), then keep
 * an authenticated socket.io connection to the daemon (socket.io reconnects after daemon restarts).
 * The API is the object the library hands to the `initIntegration` callback when it is one, else the
 * `ConnectsIntegrationLibrary` global itself (b+s's examples use both); a library that offers neither is
 * reported once: in the b+s log, in the page's status, and to the daemon (its log and readiness).
 * Runs in the browser (self-contained).
 */
export class BridgeController {
  readonly #settings: BridgeSettings;
  readonly #deps: BridgeControllerDeps;
  #api: CilLibrary;
  #initialised = false;
  #socket: SocketLike | undefined;
  #state: BridgeState = 'starting';
  #agent: Record<string, unknown> | undefined;
  #requests = 0;
  #lastError: string | undefined;

  constructor(settings: BridgeSettings, deps: BridgeControllerDeps) {
    this.#settings = settings;
    this.#deps = deps;
    this.#api = deps.cil;
  }

  #handlerName(event: string): string {
    return `on${event.charAt(0).toUpperCase()}${event.slice(1)}`;
  }

  /** A request's result; some library versions resolve to the bare value. */
  #resultOf(value: unknown): CilResult {
    return typeof value === 'object' && value !== null && 'success' in value
      ? (value as CilResult)
      : { success: true, response: value };
  }

  start(): void {
    const loader = this.#deps.cil;
    if (typeof loader.initIntegration !== 'function') {
      this.#incompatible(undefined, 'ConnectsIntegrationLibrary has no initIntegration');
      return;
    }
    loader.initIntegration((given?: unknown, error?: unknown) => {
      if (this.#initialised) return;
      this.#initialised = true;
      const api = this.#apiOf(given, error);
      if (typeof api === 'string') {
        this.#incompatible(given, api);
        return;
      }
      this.#api = api;
      this.#deps.runner.use(api);
      this.#subscribe();
      void this.#identify();
    });
    this.#publish();
  }

  /** The Integration API: the callback's argument when it is one, else the global; else what is wrong. */
  #apiOf(given: unknown, error: unknown): CilLibrary | string {
    const needed = ['getChannel', 'isPrimaryTab', 'onWorkitemCreate'];
    const lacks = (candidate: unknown): string[] =>
      (typeof candidate === 'object' && candidate !== null) || typeof candidate === 'function'
        ? needed.filter((name) => typeof (candidate as CilLibrary)[name] !== 'function')
        : needed;
    if (lacks(given).length === 0) return given as CilLibrary;
    if (lacks(this.#deps.cil).length === 0) return this.#deps.cil;
    const reason = error === undefined || error === null ? '' : `, error: ${this.#text(error)}`;
    const handed =
      given === undefined || given === null
        ? `the initIntegration callback got no API object${reason}`
        : `the API object the initIntegration callback got lacks ${lacks(given).join(', ')}${reason}`;
    return `incompatible b+s integration library: ${handed}, and ConnectsIntegrationLibrary lacks ${lacks(this.#deps.cil).join(', ')}`;
  }

  #text(value: unknown): string {
    try {
      return (value instanceof Error ? value.message : String(value)).slice(0, 200);
    } catch {
      return typeof value;
    }
  }

  /**
   * The library offers no Integration API the bridge can use: said once in the b+s log (when any
   * `writeLog` is there), in the page's status, and to the daemon, which logs it and reports the
   * instance as failed while such a bridge is connected.
   */
  #incompatible(given: unknown, problem: string): void {
    this.#lastError = problem;
    this.#setState('failed');
    for (const candidate of [given, this.#deps.cil]) {
      const log = (candidate as CilLibrary | null | undefined)?.writeLog;
      if (typeof log !== 'function') continue;
      try {
        void Promise.resolve(
          log.call(
            candidate,
            `Switchboard bridge: ${problem}; this bridge cannot work with this b+s Connects version`,
            'Error',
          ),
        ).catch(() => undefined);
      } catch {
        // the b+s log is out of reach; the status and the daemon still say it
      }
      break;
    }
    const socket = this.#deps.createSocket({
      key: this.#settings.key,
      problem,
      bridgeVersion: this.#settings.bridgeVersion,
    });
    this.#socket = socket;
    socket.on('disconnect', (reason: string) => {
      if (reason === 'io server disconnect') setTimeout(() => socket.connect(), this.#settings.retryMs);
    });
    socket.on('connect_error', () => {
      if (!socket.active) setTimeout(() => socket.connect(), this.#settings.refusedRetryMs);
    });
    socket.connect();
  }

  #subscribe(): void {
    const { forwarder, eventNames } = this.#deps;
    const cil = this.#api;
    for (const name of eventNames) {
      const register = cil[this.#handlerName(name)];
      if (typeof register !== 'function') continue;
      register.call(cil, (data: unknown) => {
        if (name === 'beforeDial') void forwarder.beforeDial(data);
        else forwarder.raise(name, data);
      });
    }
  }

  async #identify(): Promise<void> {
    this.#setState('identifying');
    const cil = this.#api;
    try {
      const channel = this.#resultOf(
        await (cil.getChannel as (id: string) => Promise<unknown>)(this.#settings.channelId),
      );
      const info = channel.response as Record<string, unknown> | undefined;
      if (!channel.success || typeof info?.agentId !== 'string' || info.agentId === '')
        throw new Error(`getChannel gave no agent id (${String(channel.error ?? 'not logged in?')})`);
      this.#agent = info;
    } catch (error) {
      this.#lastError = error instanceof Error ? error.message : String(error);
      setTimeout(() => void this.#identify(), this.#settings.retryMs);
      this.#publish();
      return;
    }
    await this.#checkRole();
    setInterval(() => void this.#checkRole(), this.#settings.primaryCheckMs);
  }

  async #checkRole(): Promise<void> {
    let role: BridgeRole;
    try {
      const result = await (this.#api.isPrimaryTab as () => Promise<unknown>)();
      role = (typeof result === 'boolean' ? result : this.#resultOf(result).response === true)
        ? 'primary'
        : 'secondary';
    } catch {
      return;
    }
    const { forwarder } = this.#deps;
    if (role === forwarder.role && this.#socket) return;
    forwarder.setRole(role);
    this.#connect(role);
  }

  #connect(role: BridgeRole): void {
    const agent = this.#agent ?? {};
    const auth = {
      key: this.#settings.key,
      agentId: agent.agentId,
      primary: role === 'primary',
      bridgeVersion: this.#settings.bridgeVersion,
      agent: {
        firstName: agent.firstName,
        lastName: agent.lastName,
        loginName: agent.loginName,
        extension: agent.extension,
        teamId: agent.teamId,
      },
    };
    if (this.#socket) {
      this.#socket.auth = auth;
      this.#socket.disconnect();
      this.#socket.connect();
      return;
    }
    const socket = this.#deps.createSocket(auth);
    this.#socket = socket;
    this.#listen(socket);
    this.#deps.forwarder.attach(socket);
    this.#setState('connecting');
    socket.connect();
  }

  #listen(socket: SocketLike): void {
    const { forwarder, runner } = this.#deps;
    socket.on('connect', () => {
      this.#lastError = undefined;
      this.#setState('connected');
      void forwarder.pump();
    });
    socket.on('disconnect', (reason: string) => {
      this.#setState('disconnected');
      // A daemon shutting down closes its sockets; socket.io only retries by itself after a lost link.
      if (reason === 'io server disconnect') setTimeout(() => socket.connect(), this.#settings.retryMs);
    });
    socket.on('connect_error', (error: Error) => {
      this.#lastError = error.message;
      if (socket.active) return this.#setState('disconnected');
      // Refused by the daemon (wrong key): socket.io does not retry that by itself.
      this.#setState('refused');
      const log = this.#api.writeLog as (message: string, level: string) => Promise<unknown>;
      void log?.call(
        this.#api,
        `Switchboard bridge: the daemon refused this bridge (${error.message}); regenerate the web resource with the current key`,
        'Error',
      );
      setTimeout(() => socket.connect(), this.#settings.refusedRetryMs);
    });
    socket.on('bridge:welcome', (welcome: { beforeDialTimeoutMs?: unknown; requestTimeoutMs?: unknown }) => {
      if (typeof welcome?.beforeDialTimeoutMs === 'number')
        forwarder.beforeDialTimeoutMs = welcome.beforeDialTimeoutMs;
      if (typeof welcome?.requestTimeoutMs === 'number') forwarder.dialTimeoutMs = welcome.requestTimeoutMs;
    });
    socket.on('cil:request', (message: unknown, ack: (reply: CilResult) => void) => {
      this.#requests += 1;
      const answered = runner.run(message); // counts a repeated key at once
      this.#publish();
      void answered.then((reply) => {
        if (typeof ack === 'function') ack(reply);
        this.#publish();
      });
    });
  }

  #setState(state: BridgeState): void {
    this.#state = state;
    this.#publish();
  }

  #publish(): void {
    const f = this.#deps.forwarder;
    this.#deps.onStatus({
      state: this.#state,
      role: f.role,
      ...(typeof this.#agent?.agentId === 'string' ? { agentId: this.#agent.agentId } : {}),
      queued: f.queued,
      delivered: f.delivered,
      dialing: f.dialing,
      requests: this.#requests,
      repeated: this.#deps.runner.repeated,
      ...(this.#lastError !== undefined ? { lastError: this.#lastError } : {}),
    });
  }

  /** Re-publishes the status (the forwarder's counters changed). */
  refresh(): void {
    this.#publish();
  }
}

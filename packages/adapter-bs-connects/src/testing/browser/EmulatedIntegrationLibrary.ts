import type { CilReplyLike, LibraryHost, LibraryShape } from './emulatorTypes.js';

type Handler = (data: unknown) => void;

/**
 * A stand-in for `window.ConnectsIntegrationLibrary` (cnx_connectsIntegrationLibrary.min.js): the same
 * `initIntegration(cb)`, `on<Event>(handler)` registrations (several handlers per event) and requests
 * returning promises of `{success, response, error}`. Requests go to the emulated tab that hosts it.
 * `global()` is what the page's global is, in the library shape the tab emulates. Runs in the browser
 * (self-contained).
 */
export class EmulatedIntegrationLibrary {
  readonly #host: LibraryHost;
  readonly #shape: LibraryShape;
  readonly #handlers = new Map<string, Handler[]>();

  constructor(host: LibraryHost, shape: LibraryShape = 'global') {
    this.#host = host;
    this.#shape = shape;
  }

  /** `window.ConnectsIntegrationLibrary`: this object itself, or a loader whose callback gets the API. */
  global(): unknown {
    if (this.#shape === 'global') return this;
    return { initIntegration: (callback: (api?: unknown) => void) => this.initIntegration(callback) };
  }

  /** Calls back once the tab is ready, with the API object (shapes `callback`, `other-product`). */
  initIntegration(callback: (api?: unknown) => void): void {
    void this.#host.ready.then(() => {
      if (this.#shape === 'global') callback();
      else if (this.#shape === 'callback') callback(this);
      else callback(this.#otherProduct());
      this.#host.initialized();
    });
  }

  /** The API of another b+s product (Salesforce-style names, properties instead of registrations). */
  #otherProduct(): Record<string, unknown> {
    return {
      onWorkItemCreate: undefined,
      onWorkItemConnect: undefined,
      getCtiData: () => ({}),
      writeLog: (message: unknown, level: unknown) => this.writeLog(message, level),
    };
  }

  /** Events the integration subscribed to (a `beforeDial` subscription blocks the agent's own dials). */
  subscribed(event: string): boolean {
    return (this.#handlers.get(event)?.length ?? 0) > 0;
  }

  /** Raises an event to every handler registered for it. */
  dispatch(event: string, data: unknown): void {
    for (const handler of this.#handlers.get(event) ?? []) {
      try {
        handler(data);
      } catch (error) {
        console.error(`emulated b+s Connects: a ${event} handler threw`, error);
      }
    }
  }

  #on(event: string, handler: Handler): void {
    if (typeof handler !== 'function') throw new TypeError(`on${event}: the handler must be a function`);
    this.#handlers.set(event, [...(this.#handlers.get(event) ?? []), handler]);
  }

  #request(name: string, args: unknown[]): Promise<CilReplyLike> {
    return this.#host.request(name, args);
  }

  onAgentStateChange(handler: Handler): void {
    this.#on('agentStateChange', handler);
  }
  onBeforeDial(handler: Handler): void {
    this.#on('beforeDial', handler);
  }
  onError(handler: Handler): void {
    this.#on('error', handler);
  }
  onWorkitemCreate(handler: Handler): void {
    this.#on('workitemCreate', handler);
  }
  onWorkitemConnect(handler: Handler): void {
    this.#on('workitemConnect', handler);
  }
  onWorkitemPause(handler: Handler): void {
    this.#on('workitemPause', handler);
  }
  onWorkitemResume(handler: Handler): void {
    this.#on('workitemResume', handler);
  }
  onWorkitemWrapup(handler: Handler): void {
    this.#on('workitemWrapup', handler);
  }
  onWorkitemEnd(handler: Handler): void {
    this.#on('workitemEnd', handler);
  }

  createSession(templateName: unknown, templateParameters?: unknown): Promise<CilReplyLike> {
    return this.#request('createSession', [templateName, templateParameters]);
  }
  dialOrConsult(channelId: unknown, address: unknown, requestId?: unknown): Promise<CilReplyLike> {
    return this.#request('dialOrConsult', [channelId, address, requestId]);
  }
  getChannel(channelId: unknown): Promise<CilReplyLike> {
    return this.#request('getChannel', [channelId]);
  }
  getCustomSettings(): Promise<CilReplyLike> {
    return this.#request('getCustomSettings', []);
  }
  getReasonCodeList(channelId: unknown, reasonType: unknown): Promise<CilReplyLike> {
    return this.#request('getReasonCodeList', [channelId, reasonType]);
  }
  isPrimaryTab(): Promise<CilReplyLike> {
    return this.#request('isPrimaryTab', []);
  }
  setAgentState(
    channelId: unknown,
    state: unknown,
    reasonCode?: unknown,
    requestId?: unknown,
  ): Promise<CilReplyLike> {
    return this.#request('setAgentState', [channelId, state, reasonCode, requestId]);
  }
  showError(
    description: unknown,
    title?: unknown,
    confirmAction?: unknown,
    dismissAction?: unknown,
  ): Promise<CilReplyLike> {
    return this.#request('showError', [description, title, confirmAction, dismissAction]);
  }
  showInfo(description: unknown): Promise<CilReplyLike> {
    return this.#request('showInfo', [description]);
  }
  writeLog(logMessage: unknown, logLevel: unknown): Promise<CilReplyLike> {
    return this.#request('writeLog', [logMessage, logLevel]);
  }
}

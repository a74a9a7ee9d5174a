import type { BridgeController, BridgeControllerDeps } from './BridgeController.js';
import type {
  BridgeSettings,
  BridgeStatus,
  CilLibrary,
  CilLoader,
  SocketLike,
  StorageLike,
} from './browserTypes.js';
import type { CilRequestRunner } from './CilRequestRunner.js';
import type { DialClaims, LockRequester } from './DialClaims.js';
import type { DoneRequests } from './DoneRequests.js';
import type { EventForwarder, EventForwarderDeps } from './EventForwarder.js';
import type { EventOutbox } from './EventOutbox.js';

/** The browser classes, handed in because the inlined sources cannot import each other. */
export interface BridgeClasses {
  readonly EventOutbox: new (maxEvents: number, maxAgeMs: number) => EventOutbox;
  readonly EventForwarder: new (deps: EventForwarderDeps) => EventForwarder;
  readonly CilRequestRunner: new (
    cil: CilLibrary,
    allowed: readonly string[],
    done?: DoneRequests,
  ) => CilRequestRunner;
  readonly DoneRequests: new (
    storage: StorageLike | undefined,
    storageKey: string,
    max: number,
  ) => DoneRequests;
  readonly BridgeController: new (settings: BridgeSettings, deps: BridgeControllerDeps) => BridgeController;
  readonly DialClaims: new (
    locks: LockRequester | undefined,
    prefix: string,
    holdMs: number,
    changed: () => void,
  ) => DialClaims;
}

export interface BridgeLists {
  readonly eventNames: readonly string[];
  readonly requestNames: readonly string[];
  /** socket.io path on the daemon (`/socket.io`, or `<prefix>/socket.io` behind a proxy). */
  readonly socketPath: string;
}

type IoFactory = (url: string, options: Record<string, unknown>) => SocketLike;

/**
 * The bridge's entry point in the web resource: wires the classes to the page's globals (the b+s
 * library, the socket.io client) and shows the status. Runs in the browser (self-contained).
 */
export function startBridge(settings: BridgeSettings, classes: BridgeClasses, lists: BridgeLists): void {
  const page = window as unknown as {
    ConnectsIntegrationLibrary?: CilLoader;
    io?: IoFactory;
    switchboardBridge?: BridgeStatus;
  };
  const line = document.getElementById('switchboard-status');
  const show = (status: BridgeStatus): void => {
    page.switchboardBridge = status;
    if (line) {
      const error = status.lastError ? ` (${status.lastError})` : '';
      line.textContent = `Switchboard bridge: ${status.state}, ${status.role} tab, ${status.queued} waiting${error}`;
    }
  };
  const cil = page.ConnectsIntegrationLibrary;
  const io = page.io;
  if (!cil || !io) {
    const missing = !cil ? 'cnx_connectsIntegrationLibrary.min.js' : 'the socket.io client';
    show({
      state: 'refused',
      role: 'unknown',
      queued: 0,
      delivered: 0,
      requests: 0,
      repeated: 0,
      dialing: 0,
      lastError: `${missing} did not load`,
    });
    return;
  }
  let counter = 0;
  const newId = (): string =>
    typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function'
      ? crypto.randomUUID()
      : `${Date.now().toString(36)}-${(counter++).toString(36)}-${Math.random().toString(36).slice(2)}`;
  let controller: BridgeController | undefined;
  // Copies of one dial that b+s raised in several tabs reach them within moments: a claim holds 2 s.
  const locks = typeof navigator !== 'undefined' ? (navigator.locks as unknown as LockRequester) : undefined;
  const claims = new classes.DialClaims(locks, `switchboard-beforeDial:${settings.namespaceUrl}:`, 2000, () =>
    controller?.refresh(),
  );
  // The keys of requests done in this tab outlive a reload of the integration (login recovery).
  let storage: StorageLike | undefined;
  try {
    storage = window.sessionStorage;
  } catch {
    storage = undefined; // storage blocked for the frame: the keys live in memory
  }
  const done = new classes.DoneRequests(storage, `switchboard-done:${settings.namespaceUrl}`, 500);
  const runner = new classes.CilRequestRunner(cil, lists.requestNames, done);
  const forwarder = new classes.EventForwarder({
    outbox: new classes.EventOutbox(settings.maxQueuedEvents, settings.maxEventAgeMs),
    ackTimeoutMs: settings.ackTimeoutMs,
    retryMs: settings.retryMs,
    now: () => Date.now(),
    newId,
    dial: (channelId, phoneNumber) =>
      runner.run({ request: 'dialOrConsult', args: [channelId ?? settings.channelId, phoneNumber] }),
    claims,
    changed: () => controller?.refresh(),
  });
  controller = new classes.BridgeController(settings, {
    cil,
    createSocket: (auth) =>
      io(settings.namespaceUrl, {
        auth,
        path: lists.socketPath,
        autoConnect: false,
        reconnectionDelay: Math.min(1000, settings.reconnectDelayMaxMs),
        reconnectionDelayMax: settings.reconnectDelayMaxMs,
      }),
    forwarder,
    runner,
    eventNames: lists.eventNames,
    onStatus: show,
  });
  controller.start();
}

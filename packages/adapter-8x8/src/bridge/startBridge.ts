import { validators } from 'virtual:maestro-validators';
import { io } from 'socket.io-client';
import {
  type BridgeServerConfig,
  bridgeLimits,
  bridgeMessages,
  type DialAck,
  type DialCommand,
  type EnvelopeMessage,
  type InvalidEnvelopeMessage,
} from '../transport/maestro/bridgeProtocol.js';
import { checkEnvelope } from '../transport/maestro/checkEnvelope.js';
import { e164, startCallDirective } from '../transport/maestro/startCallDirective.js';
import { boundJson } from './boundJson.js';
import { type BridgeStatus, DaemonLink } from './DaemonLink.js';
import { DialKeys, type KeyStorage } from './DialKeys.js';
import { maestroFrame } from './MaestroFrame.js';
import { MessageOutbox } from './MessageOutbox.js';
import { messageId } from './messageId.js';

export interface StartOptions {
  /** The 8x8 agent id of the person using this page. */
  readonly agentId: string;
  /** The agent token the page's backend made with `createBridgeToken`. */
  readonly token: string;
  /** Element (or selector) to create the Maestro iframe in; default `document.body`. */
  readonly container?: HTMLElement | string;
  /** An existing Maestro iframe to attach to instead. */
  readonly frame?: HTMLIFrameElement;
  /**
   * Called with a short text when something goes wrong: refused, disconnected (once per outage, with
   * the number of messages waiting), messages dropped while Switchboard was away.
   */
  readonly onError?: (message: string) => void;
  /** Called whenever the connection state or the number of waiting messages changes. */
  readonly onStatus?: (status: BridgeStatus) => void;
  /** Longest wait between two attempts to reach a daemon that is away; default 5000 ms. */
  readonly reconnectDelayMaxMs?: number;
  /** Messages kept while Switchboard is away; the oldest are dropped (and reported) beyond it. Default 200. */
  readonly maxQueued?: number;
  /** Messages older than this when Switchboard is back are dropped (and reported). Default 120000 ms. */
  readonly maxQueuedAgeMs?: number;
}

export interface BridgeStats {
  forwarded: number;
  invalid: number;
  ignored: number;
  directives: number;
  /** Messages forwarded with fields cut to stay within the size limits. */
  truncated: number;
}

export interface BridgeHandle {
  /** Resolves once connected to the daemon and the Maestro iframe has loaded. */
  readonly ready: Promise<void>;
  readonly stats: BridgeStats;
  /** The connection to Switchboard: state, messages waiting, delivered and dropped. */
  readonly status: BridgeStatus;
  readonly frame: HTMLIFrameElement;
  close(): void;
}

const directiveWaitMs = 5000;
const ackTimeoutMs = 10_000;
/** Longest dial key taken (the daemon's are UUIDs). */
const maxDialKeyChars = 100;

/** The page origin's `localStorage`, when the page may use it (a sandboxed frame may not). */
function pageStorage(): KeyStorage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}

/**
 * Connects one agent's page to the daemon: messages from the Maestro iframe (its origin only, its
 * window only) are checked against the Maestro schemas, bounded in size and forwarded in order, each
 * acknowledged: while the daemon is away (a restart) they wait, and go out once it is back. `dial`
 * commands from the daemon are posted to the iframe as `startCall` directives, to the Maestro origin only,
 * once per key (`DialKeys`).
 */
export function startBridge(
  config: BridgeServerConfig,
  daemonUrl: string,
  options: StartOptions,
): BridgeHandle {
  const frame = maestroFrame(config.maestroUrl, options);
  const stats: BridgeStats = { forwarded: 0, invalid: 0, ignored: 0, directives: 0, truncated: 0 };
  const reconnectDelayMaxMs = options.reconnectDelayMaxMs ?? 5000;
  const reconnectDelayMs = Math.min(1000, reconnectDelayMaxMs);
  const socket = io(`${daemonUrl}${config.namespace}`, {
    path: '/socket.io',
    auth: { agentId: options.agentId, token: options.token },
    withCredentials: false,
    autoConnect: false,
    reconnectionDelay: reconnectDelayMs,
    reconnectionDelayMax: reconnectDelayMaxMs,
  });
  const link = new DaemonLink({
    socket,
    outbox: new MessageOutbox(options.maxQueued ?? 200, options.maxQueuedAgeMs ?? 120_000),
    ackTimeoutMs,
    reconnectDelayMs,
    reconnectDelayMaxMs,
    refusedRetryMs: 60_000,
    now: () => Date.now(),
    onStatus: (status) => options.onStatus?.(status),
    onError: (message) => options.onError?.(message),
  });
  const connected = new Promise<void>((resolve) => socket.once('connect', () => resolve()));

  const onMessage = (event: MessageEvent): void => {
    if (event.origin !== frame.origin || event.source !== frame.element.contentWindow) {
      stats.ignored += 1;
      return;
    }
    const at = Date.now();
    const check = checkEnvelope(event.data, validators);
    if (check.ok) {
      const bounded = boundJson(check.envelope, {
        maxChars: bridgeLimits.maxEnvelopeChars,
        maxStringChars: bridgeLimits.maxStringChars,
        maxDepth: bridgeLimits.maxDepth,
      });
      stats.forwarded += 1;
      if (bounded.cuts > 0) stats.truncated += 1;
      const payload: EnvelopeMessage = {
        messageId: messageId(),
        envelope: bounded.value,
        ...(bounded.cuts > 0 ? { truncated: bounded.cuts } : {}),
      };
      link.send({ event: bridgeMessages.envelope, payload, at });
    } else {
      // Forwarded as a summary: whatever was posted, its size is bounded.
      const summary = boundJson(event.data, {
        maxChars: bridgeLimits.maxInvalidChars,
        maxStringChars: bridgeLimits.maxInvalidStringChars,
        maxDepth: 8,
      });
      stats.invalid += 1;
      const payload: InvalidEnvelopeMessage = {
        messageId: messageId(),
        envelope: summary.value,
        ...(summary.cuts > 0 ? { truncated: summary.cuts } : {}),
        reason: check.reason,
        errors: check.errors.map((e) => ({ path: e.path.slice(0, 200), message: e.message.slice(0, 500) })),
      };
      link.send({ event: bridgeMessages.invalid, payload, at });
    }
  };
  window.addEventListener('message', onMessage);

  const placeCall = async (phoneNumber: string): Promise<DialAck> => {
    const timeout = new Promise<'timeout'>((resolve) =>
      setTimeout(() => resolve('timeout'), directiveWaitMs),
    );
    const result = await Promise.race([frame.loaded, timeout]);
    const target = frame.element.contentWindow;
    if (result === 'timeout' || !target) return { ok: false, error: 'the Maestro iframe is not loaded' };
    target.postMessage(startCallDirective(phoneNumber), frame.origin);
    stats.directives += 1;
    return { ok: true };
  };
  const dials = new DialKeys({ storage: pageStorage(), now: () => Date.now() });
  socket.on(bridgeMessages.dial, (command: DialCommand, ack?: (reply: DialAck) => void) => {
    const reply = (value: DialAck): void => (typeof ack === 'function' ? ack(value) : undefined);
    const phoneNumber = command?.phoneNumber;
    if (typeof phoneNumber !== 'string' || !e164.test(phoneNumber)) {
      reply({ ok: false, error: 'not an E.164 number' });
      return;
    }
    const key =
      typeof command.key === 'string' && command.key.length <= maxDialKeyChars ? command.key : undefined;
    void dials.run(key, () => placeCall(phoneNumber)).then(reply);
  });
  link.start();

  return {
    ready: Promise.all([connected, frame.loaded]).then(() => undefined),
    stats,
    get status() {
      return link.status;
    },
    frame: frame.element,
    close: () => {
      window.removeEventListener('message', onMessage);
      link.close();
    },
  };
}

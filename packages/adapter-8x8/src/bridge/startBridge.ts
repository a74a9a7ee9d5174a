import { validators } from 'virtual:maestro-validators';
import { io } from 'socket.io-client';
import {
  type BridgeServerConfig,
  bridgeMessages,
  type DialAck,
  type DialCommand,
  type EnvelopeMessage,
  type InvalidEnvelopeMessage,
} from '../maestro/bridgeProtocol.js';
import { checkEnvelope } from '../maestro/checkEnvelope.js';
import { e164, startCallDirective } from '../maestro/startCallDirective.js';
import { maestroFrame } from './MaestroFrame.js';
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
  /** Called with a short text when something goes wrong (not connected, refused, …). */
  readonly onError?: (message: string) => void;
}

export interface BridgeStats {
  forwarded: number;
  invalid: number;
  ignored: number;
  directives: number;
}

export interface BridgeHandle {
  /** Resolves once connected to the daemon and the Maestro iframe has loaded. */
  readonly ready: Promise<void>;
  readonly stats: BridgeStats;
  readonly frame: HTMLIFrameElement;
  close(): void;
}

const directiveWaitMs = 5000;

/**
 * Connects one agent's page to the daemon: messages from the Maestro iframe (its origin only, its
 * window only) are checked against the Maestro schemas and forwarded; `dial` commands from the daemon
 * are posted to the iframe as `startCall` directives, to the Maestro origin only.
 */
export function startBridge(
  config: BridgeServerConfig,
  daemonUrl: string,
  options: StartOptions,
): BridgeHandle {
  const frame = maestroFrame(config.maestroUrl, options);
  const stats: BridgeStats = { forwarded: 0, invalid: 0, ignored: 0, directives: 0 };
  const report = (message: string): void => options.onError?.(message);
  const socket = io(`${daemonUrl}${config.namespace}`, {
    path: '/socket.io',
    auth: { agentId: options.agentId, token: options.token },
    withCredentials: false,
  });
  const connected = new Promise<void>((resolve) => socket.once('connect', () => resolve()));
  socket.on('connect_error', (error) => report(`cannot connect to Switchboard: ${error.message}`));

  const onMessage = (event: MessageEvent): void => {
    if (event.origin !== frame.origin || event.source !== frame.element.contentWindow) {
      stats.ignored += 1;
      return;
    }
    const check = checkEnvelope(event.data, validators);
    if (check.ok) {
      stats.forwarded += 1;
      const message: EnvelopeMessage = { messageId: messageId(), envelope: check.envelope };
      socket.emit(bridgeMessages.envelope, message);
    } else {
      stats.invalid += 1;
      const message: InvalidEnvelopeMessage = {
        messageId: messageId(),
        envelope: event.data,
        reason: check.reason,
        errors: check.errors,
      };
      socket.emit(bridgeMessages.invalid, message);
    }
  };
  window.addEventListener('message', onMessage);

  socket.on(bridgeMessages.dial, (command: DialCommand, ack?: (reply: DialAck) => void) => {
    const reply = (value: DialAck): void => (typeof ack === 'function' ? ack(value) : undefined);
    const phoneNumber = command?.phoneNumber;
    if (typeof phoneNumber !== 'string' || !e164.test(phoneNumber)) {
      reply({ ok: false, error: 'not an E.164 number' });
      return;
    }
    const timeout = new Promise<'timeout'>((resolve) =>
      setTimeout(() => resolve('timeout'), directiveWaitMs),
    );
    void Promise.race([frame.loaded, timeout]).then((result) => {
      const target = frame.element.contentWindow;
      if (result === 'timeout' || !target) {
        reply({ ok: false, error: 'the Maestro iframe is not loaded' });
        return;
      }
      target.postMessage(startCallDirective(phoneNumber), frame.origin);
      stats.directives += 1;
      reply({ ok: true });
    });
  });

  return {
    ready: Promise.all([connected, frame.loaded]).then(() => undefined),
    stats,
    frame: frame.element,
    close: () => {
      window.removeEventListener('message', onMessage);
      socket.close();
    },
  };
}

import { ConnectionError } from '@switchboard/core';
import WebSocket from 'ws';

/** One connected WebSocket: sends commands, ends when the socket closes. */
export class __Vendor__Session {
  detail = 'WebSocket';
  #socket;

  /** @param {WebSocket} socket */
  constructor(socket) {
    this.#socket = socket;
    /** @type {Promise<import('@switchboard/core').SessionEnd>} */
    this.ended = new Promise((resolve) => {
      socket.once('close', (code, reason) =>
        resolve({ kind: 'ended', reason: `closed (${code} ${reason.toString()})`.trim(), next: 'backoff' }),
      );
    });
  }

  /**
   * Connects; resolves once the socket is open, rejects with a `ConnectionError` saying why not.
   * @param {{ url: string, token?: string, timeoutMs: number }} target
   * @param {AbortSignal} signal
   * @param {(frame: string) => void} onFrame
   * @returns {Promise<__Vendor__Session>}
   */
  static open(target, signal, onFrame) {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(target.url, {
        headers: target.token ? { authorization: `Bearer ${target.token}` } : {},
        handshakeTimeout: target.timeoutMs,
        maxPayload: 65_536,
      });
      const abort = () => {
        socket.terminate();
        reject(signal.reason);
      };
      signal.addEventListener('abort', abort, { once: true });
      socket.on('message', (data, isBinary) => {
        if (!isBinary) onFrame(data.toString());
      });
      socket.on('unexpected-response', (_request, response) => {
        const status = response.statusCode ?? 0;
        response.resume();
        socket.terminate();
        reject(
          status === 401 || status === 403
            ? ConnectionError.notConnected(`the server refused the token (HTTP ${status})`, {
                code: '__PREFIX___REFUSED',
                report: 'failed',
              })
            : ConnectionError.notConnected(`the server answered HTTP ${status} instead of a WebSocket`),
        );
      });
      // Every error, also after the socket opened (then `close` follows and ends the session).
      socket.on('error', (error) => {
        signal.removeEventListener('abort', abort);
        reject(ConnectionError.notConnected(error.message));
      });
      socket.once('open', () => {
        signal.removeEventListener('abort', abort);
        resolve(new __Vendor__Session(socket));
      });
    });
  }

  get open() {
    return this.#socket.readyState === WebSocket.OPEN;
  }

  /** @param {Record<string, unknown>} command */
  send(command) {
    this.#socket.send(JSON.stringify(command));
  }

  async close() {
    if (this.#socket.readyState === WebSocket.CLOSED) return;
    this.#socket.close(1000, 'stopping');
    // A server that never answers the closing handshake does not hold the daemon's stop.
    const timer = setTimeout(() => this.#socket.terminate(), 2000);
    await this.ended;
    clearTimeout(timer);
  }
}

import type { ClientSession, SessionEnd } from '@switchboard/core';
import type { XcallyCommand } from '../actions/buildCommand.js';
import type { SocketClient } from './SocketClient.js';

/** One connected session of the client: sends commands, ends when the socket disconnects. */
export class XcallySession implements ClientSession {
  readonly ended: Promise<SessionEnd>;
  readonly detail: string;
  readonly #client: SocketClient;
  readonly #onEnd: () => void;
  #end!: (end: SessionEnd) => void;
  #over = false;

  constructor(client: SocketClient, onEnd: () => void) {
    this.#client = client;
    this.#onEnd = onEnd;
    this.detail = `socket.io ${client.generation}`;
    this.ended = new Promise((resolve) => {
      this.#end = resolve;
    });
  }

  /** Up: not ended, and the socket still connected. */
  get open(): boolean {
    return !this.#over && this.#client.connected;
  }

  /** Resolves once the transport wrote the command (see `SocketClient.emit`). */
  send(command: XcallyCommand): Promise<void> {
    return this.#client.emit(command.name, command.payload);
  }

  /** The socket disconnected (`transport close`, `io server disconnect`, …). */
  end(reason: string): void {
    if (this.#over) return;
    this.#over = true;
    this.#onEnd();
    this.#end({ kind: 'ended', reason, next: 'backoff' });
  }

  /** Graceful: commands still being written get their chance (bounded), then the socket closes. */
  async close(): Promise<void> {
    await this.#client.closeGracefully();
    this.end('closed');
  }
}

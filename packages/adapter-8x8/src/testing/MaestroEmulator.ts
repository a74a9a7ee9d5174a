import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { maestroEmulatorPage } from './maestroEmulatorPage.js';

/** A message the emulator page received from its parent page. */
export interface ReceivedMessage {
  readonly origin: string;
  readonly data: unknown;
  /** The page's query string (tells apart several embedded emulators). */
  readonly page: string;
}

const pagePath = '/mashell/public/index.html';

export interface MaestroEmulatorOptions {
  /** The whitelisted embedding origins; empty (default) allows any. */
  readonly allowedParentOrigins?: readonly string[];
  /** 0 (default) picks a free port. */
  readonly port?: number;
}

/**
 * A stand-in for the MaestroSDK iframe, served from its own origin (its own port on 127.0.0.1, so a
 * different origin than the host page): the page posts success and failed messages to its parent when
 * told to (`window.maestroEmulator.emit`, e.g. from a Playwright frame), and records what it receives
 * (the `startCall` directives), here in `received`. `await MaestroEmulator.start(options)` listens;
 * `close()` stops.
 */
export class MaestroEmulator {
  readonly received: ReceivedMessage[] = [];
  readonly #server: Server;
  readonly #allowed: readonly string[];
  #origin = '';
  #closed: Promise<void> | undefined;

  static async start(options: MaestroEmulatorOptions = {}): Promise<MaestroEmulator> {
    const emulator = new MaestroEmulator(options);
    await new Promise<void>((resolve, reject) => {
      emulator.#server.once('error', reject);
      emulator.#server.listen(options.port ?? 0, '127.0.0.1', () => {
        emulator.#server.off('error', reject);
        resolve();
      });
    });
    emulator.#origin = `http://127.0.0.1:${(emulator.#server.address() as AddressInfo).port}`;
    return emulator;
  }

  private constructor(options: MaestroEmulatorOptions) {
    this.#allowed = options.allowedParentOrigins ?? [];
    this.#server = createServer((req, res) => this.#handle(req, res));
  }

  get origin(): string {
    return this.#origin;
  }

  /** The iframe URL, like 8x8's CTI URL. */
  get url(): string {
    return `${this.#origin}${pagePath}?env=embeddable&nextgen=true`;
  }

  /** Received `maEvent` directives (click-to-dial). */
  directives(): ReceivedMessage[] {
    return this.received.filter((m) => (m.data as { eventName?: unknown } | null)?.eventName === 'maEvent');
  }

  /** Stops listening; a second call waits for the first. */
  close(): Promise<void> {
    this.#closed ??= new Promise<void>((resolve) => {
      this.#server.close(() => resolve());
      this.#server.closeAllConnections();
    });
    return this.#closed;
  }

  #handle(req: IncomingMessage, res: ServerResponse): void {
    const path = new URL(req.url ?? '/', 'http://emulator').pathname;
    if (req.method === 'GET' && path === pagePath) {
      res
        .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
        .end(maestroEmulatorPage(this.#allowed));
      return;
    }
    if (req.method === 'POST' && path === '/__emulator/messages') {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (chunk: string) => {
        body += chunk;
      });
      req.on('end', () => {
        try {
          this.received.push(JSON.parse(body) as ReceivedMessage);
          res.writeHead(204).end();
        } catch {
          res.writeHead(400).end();
        }
      });
      return;
    }
    res.writeHead(404).end();
  }
}

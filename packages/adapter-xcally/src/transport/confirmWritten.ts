/**
 * The parts of an Engine.IO client socket that tell when a packet left: engine.io-client 3.x (under
 * socket.io-client 2.x) and 6.x (under 4.x) keep every packet in `writeBuffer` until the transport says
 * `drain` (polling: the POST that carried it was answered; websocket: handed to the socket), then take
 * it out and emit `drain` (buffer empty) or `flush` (the next packets went out).
 */
export interface EngineSocket {
  readonly readyState: string;
  readonly writeBuffer: readonly unknown[];
  on(event: string, listener: (...args: never[]) => void): unknown;
  off?(event: string, listener: (...args: never[]) => void): unknown;
  removeListener?(event: string, listener: (...args: never[]) => void): unknown;
}

/** Why a packet was not confirmed. */
export type NotWritten =
  | { readonly kind: 'buffered' }
  | { readonly kind: 'closed'; readonly reason: string }
  | { readonly kind: 'timeout'; readonly ms: number };

export class PacketNotWritten extends Error {
  readonly why: NotWritten;

  constructor(why: NotWritten) {
    super(describe(why));
    this.name = 'PacketNotWritten';
    this.why = why;
  }
}

function describe(why: NotWritten): string {
  switch (why.kind) {
    case 'buffered':
      return 'the socket.io client kept it in its buffer (not connected)';
    case 'closed':
      return `the connection closed before it was written (${why.reason})`;
    case 'timeout':
      return `not written within ${why.ms} ms`;
  }
}

const detach = (engine: EngineSocket, event: string, listener: (...args: never[]) => void): void => {
  if (engine.off) engine.off(event, listener);
  else engine.removeListener?.(event, listener);
};

/**
 * Runs `send` (one socket.io emit), catches the Engine.IO packet it creates, and resolves once that
 * packet has left the write buffer through a transport `drain`; rejects with `PacketNotWritten` when the
 * emit created no packet, the connection closed first, or `timeoutMs` passed.
 */
export function confirmWritten(engine: EngineSocket, send: () => void, timeoutMs: number): Promise<void> {
  let packet: unknown;
  const created = (created: never): void => {
    packet = created;
  };
  engine.on('packetCreate', created);
  try {
    send();
  } finally {
    detach(engine, 'packetCreate', created);
  }
  if (packet === undefined) return Promise.reject(new PacketNotWritten({ kind: 'buffered' }));
  return new Promise<void>((resolve, reject) => {
    const settle = (error?: PacketNotWritten): void => {
      clearTimeout(timer);
      for (const event of progress) detach(engine, event, check);
      detach(engine, 'close', closed);
      if (error) reject(error);
      else resolve();
    };
    // Every place where engine.io-client takes packets out of its buffer is followed by one of these.
    const progress = ['drain', 'flush', 'upgrade', 'upgradeError'] as const;
    const check = (): void => {
      if (!engine.writeBuffer.includes(packet)) settle();
    };
    const closed = (reason: never): void =>
      settle(new PacketNotWritten({ kind: 'closed', reason: String(reason) }));
    const timer = setTimeout(
      () => settle(new PacketNotWritten({ kind: 'timeout', ms: timeoutMs })),
      timeoutMs,
    );
    for (const event of progress) engine.on(event, check);
    engine.on('close', closed);
  });
}

/**
 * Resolves once the write buffer is empty (everything sent was written), the connection closed, or
 * `timeoutMs` passed: what a graceful close waits for before it closes.
 */
export function writesSettled(engine: EngineSocket, timeoutMs: number): Promise<void> {
  if (engine.writeBuffer.length === 0 || engine.readyState !== 'open') return Promise.resolve();
  return new Promise<void>((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      detach(engine, 'drain', done);
      detach(engine, 'close', done);
      resolve();
    };
    const timer = setTimeout(done, timeoutMs);
    engine.on('drain', done);
    engine.on('close', done);
  });
}

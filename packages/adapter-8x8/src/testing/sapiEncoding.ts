import { randomUUID } from 'node:crypto';
import { XMLBuilder } from 'fast-xml-parser';

/** One event as the emulator sends it: its class and body (with `msgInfo`). */
export interface SapiWireEvent {
  readonly type: string;
  readonly body: Readonly<Record<string, unknown>>;
}

/** How the emulator frames a stream; every switch is independent. */
export interface SapiFraming {
  /** Spaces (then `\n`) written before anything else, as Atmosphere's padding interceptor does; 0: none. */
  readonly padding: number;
  /** Atmosphere's `uuid|timestamp` handshake as the first message. */
  readonly handshake: boolean;
  /** Atmosphere's `length|message` (length in UTF-16 code units, like Java's `String.length()`). */
  readonly lengthPrefix: boolean;
  /** A newline after each event; default from the output type (`NEWLINE_JSON`, `NEWLINE_XML`). */
  readonly newline?: boolean;
  /** XML only: the `<?xml …?>` declaration before the first event, before each, or never. */
  readonly xmlDeclaration: 'once' | 'each' | 'none';
}

export const plainFraming: SapiFraming = {
  padding: 0,
  handshake: false,
  lengthPrefix: false,
  xmlDeclaration: 'once',
};

/** What Atmosphere with the Java client's settings would send. */
export const atmosphereFraming: SapiFraming = {
  padding: 2048,
  handshake: true,
  lengthPrefix: true,
  xmlDeclaration: 'once',
};

const xmlDeclaration = "<?xml version='1.0' encoding='UTF-8' ?>";
const builder = new XMLBuilder({ format: false, suppressEmptyNode: false, suppressBooleanAttributes: false });

/** The text of one event: `{"<Class>":{…}}` or `<Class>…</Class>`. */
export function serializeSapiEvent(event: SapiWireEvent, format: 'json' | 'xml'): string {
  const document = { [event.type]: event.body };
  return format === 'json' ? JSON.stringify(document) : String(builder.build(document));
}

/** What comes before the first event: padding and the handshake. */
export function streamOpening(framing: SapiFraming, uuid: string = randomUUID(), now = Date.now()): string {
  let text = framing.padding > 0 ? `${' '.repeat(framing.padding)}\n` : '';
  if (framing.handshake) text += frameText(`${uuid}|${now}`, framing);
  return text;
}

/** A message with its framing: the `length|` prefix when switched on. */
export function frameText(message: string, framing: Pick<SapiFraming, 'lengthPrefix'>): string {
  return framing.lengthPrefix ? `${message.length}|${message}` : message;
}

/** One event as written on the stream, `first` telling whether it is the stream's first event. */
export function encodeSapiEvent(
  event: SapiWireEvent,
  format: 'json' | 'xml',
  framing: SapiFraming,
  newline: boolean,
  first: boolean,
): string {
  let text = serializeSapiEvent(event, format);
  if (
    format === 'xml' &&
    (framing.xmlDeclaration === 'each' || (framing.xmlDeclaration === 'once' && first))
  ) {
    text = `${xmlDeclaration}\n${text}`;
  }
  if (newline) text += '\n';
  return frameText(text, framing);
}

export interface RecordedStreamOptions {
  readonly newline?: boolean;
  /** An `X` heartbeat after every this many events. */
  readonly heartbeatEvery?: number;
  /** `X` alone, or `1|X` when length prefixes are on. */
  readonly heartbeat?: 'bare' | 'framed';
  readonly uuid?: string;
  readonly now?: number;
}

/** A whole recorded stream: opening, events, heartbeats. */
export function encodeSapiStream(
  events: readonly SapiWireEvent[],
  format: 'json' | 'xml',
  framing: SapiFraming,
  options: RecordedStreamOptions = {},
): string {
  const newline = options.newline ?? framing.newline ?? true;
  let text = streamOpening(
    framing,
    options.uuid ?? '0f8fad5b-d9cb-469f-a165-70867728950e',
    options.now ?? 1669230226093,
  );
  events.forEach((event, i) => {
    text += encodeSapiEvent(event, format, framing, newline, i === 0);
    if (options.heartbeatEvery && (i + 1) % options.heartbeatEvery === 0)
      text += options.heartbeat === 'framed' ? frameText('X', framing) : 'X';
  });
  return text;
}

import type { SapiWireEvent } from './sapiEncoding.js';

/** One message as Pulsar's WebSocket reader sends it. */
export interface PulsarEnvelope {
  readonly messageId: string;
  /** base64 of the event JSON: the same document SAPI streams (`{"Interaction": {…}}`). */
  readonly payload: string;
  readonly properties: Readonly<Record<string, string>>;
  /** ISO 8601 with offset, as Java's `ISO_OFFSET_DATE_TIME` writes it. */
  readonly publishTime: string;
  readonly redeliveryCount: number;
}

/** An event wrapped as the reader sends it. */
export function pulsarEnvelope(messageId: string, event: SapiWireEvent, publishedAt: number): PulsarEnvelope {
  return {
    messageId,
    payload: Buffer.from(JSON.stringify({ [event.type]: event.body }), 'utf8').toString('base64'),
    properties: {},
    publishTime: new Date(publishedAt).toISOString().replace('Z', '+00:00'),
    redeliveryCount: 0,
  };
}

/**
 * The topics an event goes to: `event-v1/all`, `event-v1/<EventType>` (an interaction's sub-type, such
 * as `InteractionCreated`, else its class) and, when it names an agent, `agent-v1/<agentId>`.
 */
export function pulsarTopicsOf(event: SapiWireEvent): string[] {
  const name = typeof event.body.event === 'string' ? event.body.event : event.type;
  const topics = ['event-v1/all', `event-v1/${name}`];
  if (typeof event.body.agentId === 'string') topics.push(`agent-v1/${event.body.agentId}`);
  return topics;
}

/** Where a reader starts: a stored message id (exclusive: the reader starts after it), or an end of the topic. */
export type ReaderStart =
  | { readonly kind: 'after'; readonly messageId: string }
  | { readonly kind: 'earliest' | 'latest' };

export interface ReaderUrlParts {
  /** Scheme and host, e.g. `wss://pulsar-ws-euw2.8x8.com`. */
  readonly origin: string;
  readonly tenant: string;
  /** `event-v1/all`, `event-v1/<EventType>`, `agent-v1/<agentId>`: namespace and topic. */
  readonly topic: string;
  readonly start: ReaderStart;
  readonly receiverQueueSize: number;
  readonly readerName: string;
}

/**
 * The Pulsar reader URL: `<origin>/ws/v2/reader/persistent/<tenant>/<namespace>/<topic>?messageId=…`.
 * Every value is encoded: a message id is base64 with `+`, `/` and `=`, and a `+` left as it is arrives
 * as a space (the broker then fails with "Illegal base64 character 20"). Pure.
 */
export function readerUrl(parts: ReaderUrlParts): string {
  const path = ['ws', 'v2', 'reader', 'persistent', parts.tenant, ...parts.topic.split('/')]
    .map(encodeURIComponent)
    .join('/');
  const messageId = parts.start.kind === 'after' ? parts.start.messageId : parts.start.kind;
  const query = [
    `messageId=${encodeURIComponent(messageId)}`,
    `receiverQueueSize=${encodeURIComponent(String(parts.receiverQueueSize))}`,
    `readerName=${encodeURIComponent(parts.readerName)}`,
  ].join('&');
  return `${parts.origin}/${path}?${query}`;
}

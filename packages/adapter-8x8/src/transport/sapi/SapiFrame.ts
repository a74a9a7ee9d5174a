/** Why a piece of the stream that looked like a message was dropped. */
export type SapiInvalidReason =
  /** Cut short: by a line break (NEWLINE_* output types), its length prefix, or the end of the stream. */
  | 'partial'
  /** Structurally wrong, e.g. an XML end tag that does not match its start tag. */
  | 'malformed'
  /** Longer than the message size limit. */
  | 'oversized';

/**
 * One unit the SAPI byte stream carries, once the transport framing (Atmosphere padding, `length|`
 * prefixes) is taken off. Text the adapter drops is only previewed (`text`, a bounded excerpt) and
 * measured (`chars`), never kept whole.
 */
export type SapiFrame =
  /** Atmosphere's first message: `uuid|timestamp` (optionally `|heartbeatChar`). */
  | { readonly kind: 'handshake'; readonly uuid: string; readonly timestamp: number }
  /** Atmosphere's bare heartbeat character `X`. */
  | { readonly kind: 'heartbeat' }
  /** One event document, still text: a JSON object or an XML element. */
  | {
      readonly kind: 'message';
      readonly format: 'json' | 'xml';
      readonly text: string;
      /** JSON: how deep the message nests, measured while framing it (so the decoder need not scan it again). */
      readonly depth?: number;
    }
  /** A message that cannot be used; the stream goes on after it. */
  | {
      readonly kind: 'invalid';
      readonly reason: SapiInvalidReason;
      readonly error: string;
      readonly text: string;
      readonly chars: number;
    }
  /** Text that is no frame at all; reported and skipped. */
  | { readonly kind: 'unknown'; readonly text: string; readonly chars: number };

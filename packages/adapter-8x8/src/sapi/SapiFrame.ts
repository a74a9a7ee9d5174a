/**
 * One unit the SAPI byte stream carries, once the transport framing (Atmosphere padding, `length|`
 * prefixes) is taken off.
 */
export type SapiFrame =
  /** Atmosphere's first message: `uuid|timestamp` (optionally `|heartbeatChar`). */
  | { readonly kind: 'handshake'; readonly uuid: string; readonly timestamp: number }
  /** Atmosphere's bare heartbeat character `X`. */
  | { readonly kind: 'heartbeat' }
  /** One event document, still text: a JSON object or an XML element. */
  | { readonly kind: 'message'; readonly format: 'json' | 'xml'; readonly text: string }
  /** Text that is none of the above; reported and skipped. */
  | { readonly kind: 'unknown'; readonly text: string };

/** MaestroSDK messages shaped like 8x8's event catalogue, for tests. */

export interface MaestroEventSample {
  readonly eventName: 'offered' | 'accepted' | 'completed' | 'terminated';
  readonly eventId: string;
  readonly searchContext: string;
  readonly direction?: 'inbound' | 'outbound';
  readonly media?: string;
  readonly product?: 'cc' | 'uc';
  readonly extra?: Readonly<Record<string, unknown>>;
}

/** A `status: success` message, e.g. `mashell-voice-phone-offered-cc-event-v1`. */
export function maestroEvent(sample: MaestroEventSample): Record<string, unknown> {
  const media = sample.media ?? 'phone';
  const family = media === 'phone' ? 'voice-phone' : media;
  const ended = sample.eventName === 'completed' || sample.eventName === 'terminated';
  return {
    eventType: `mashell-${family}-${sample.eventName}-${sample.product ?? 'cc'}-event-v1`,
    status: 'success',
    data: {
      eventName: sample.eventName,
      eventId: sample.eventId,
      method: 'mapEvent',
      direction: sample.direction ?? 'inbound',
      media,
      searchContext: sample.searchContext,
      schemaVersion: '1.0.0',
      ...(ended && media === 'phone'
        ? {
            startTime: '1751445666638',
            endTime: '1751445695892',
            callDuration: '00:00:22',
            hasRecording: false,
          }
        : {}),
      ...sample.extra,
    },
  };
}

/** Maestro's `INVALID_SCHEMA` report, as in 8x8's sample. */
export function maestroInvalidSchema(): Record<string, unknown> {
  return {
    eventType: 'mashell-chat-nextgen-terminated-cc-event-v1',
    status: 'failed',
    data: {
      eventName: 'dummyEventName',
      error: 'INVALID_SCHEMA',
      schemaVersion: '1.0.0',
      allowedSchemaVersions: ['1.0.0'],
      validSchema: false,
      errorDescription: [
        {
          received: 'dummyEventName',
          code: 'invalid_literal',
          expected: 'terminated',
          path: ['eventName'],
          message: "Invalid literal value, expected 'terminated'",
        },
      ],
    },
  };
}

/** Maestro's `UNSUPPORTED_SCHEMA_VERSION` report. */
export function maestroUnsupportedVersion(): Record<string, unknown> {
  return {
    eventType: 'mashell-chat-nextgen-terminated-cc-event-v1',
    status: 'failed',
    data: {
      eventName: 'terminated',
      error: 'UNSUPPORTED_SCHEMA_VERSION',
      schemaVersion: '2.0.0',
      allowedSchemaVersions: ['1.0.0'],
    },
  };
}

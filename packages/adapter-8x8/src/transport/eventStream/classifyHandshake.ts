import { ConnectionError } from '@switchboard/core';

/**
 * A clear error for a WebSocket handshake answered with an HTTP status instead of `101`. 401 and 403 are
 * for a person to fix (the key, the key's rights): the reader stops (state `failed`) until the daemon
 * restarts with a new config, instead of knocking at 8x8's door with a key that cannot work. `said` is a
 * redacted, bounded excerpt of the body, never the body.
 */
export function classifyHandshake(status: number, said: string, topic: string): ConnectionError {
  const detail = said ? `HTTP ${status}: ${said}` : `HTTP ${status}`;
  if (status === 401) {
    return ConnectionError.refused(
      `8x8 Event Streaming refused the API key (${detail}): the key is wrong, revoked or missing; check eventStream.apiKey (an Admin Console key for "Pulsar Event Stream", or a CC token), then restart`,
      { code: 'X8_STREAM_AUTH' },
    );
  }
  if (status === 403) {
    return ConnectionError.refused(
      `8x8 Event Streaming refused topic \`${topic}\` (${detail}): the API key has no permission on it; check eventStream.tenant and eventStream.topic, or the key's rights, then restart`,
      { code: 'X8_STREAM_FORBIDDEN' },
    );
  }
  if (status === 429) {
    return ConnectionError.notConnected(`8x8 Event Streaming asks to slow down (${detail})`, {
      code: 'X8_STREAM_HTTP',
    });
  }
  return ConnectionError.notConnected(`8x8 Event Streaming answered the handshake with ${detail}`, {
    code: 'X8_STREAM_HTTP',
    report: status >= 500 ? 'disconnected' : 'failed',
  });
}

import type { XcallyErrorCode } from '../errors.js';
import type { ProbeResult } from './probeServer.js';
import type { SocketGeneration } from './SocketClient.js';

export interface Diagnosis {
  readonly message: string;
  /** `failed`: configuration to fix (certificate, protocol, path); `disconnected`: the server is away. */
  readonly state: 'failed' | 'disconnected';
  readonly code: XcallyErrorCode;
}

const serverKind = (generation: SocketGeneration): string =>
  generation === 'v2' ? 'socket.io 1.x/2.x (Engine.IO 3)' : 'socket.io 3.x/4.x (Engine.IO 4)';

/**
 * Turns a failed connection attempt into a message a person can act on. socket.io clients only say
 * `xhr poll error`, so the reason comes from a handshake probe with the same TLS settings.
 */
export function diagnoseConnectError(
  probe: ProbeResult,
  client: SocketGeneration | undefined,
  clientError: string,
  where: string,
): Diagnosis {
  if (!probe.ok) {
    const code = probe.code ? `${probe.code}: ` : '';
    if (probe.kind === 'tls') {
      const hint =
        probe.code === 'EPROTO' || probe.code?.startsWith('ERR_SSL_')
          ? 'Does the server speak TLS? Use http:// for a plain connection.'
          : 'Give the CA or the self-signed certificate of xcally-realtime as `tls.ca` (a PEM file, relative to the config), or set `tls.rejectUnauthorized: false` for this connection.';
      return {
        state: 'failed',
        code: 'XC_TLS_UNTRUSTED',
        message: `TLS: cannot trust xcally-realtime at ${where} (${code}${probe.message}). ${hint}`,
      };
    }
    if (probe.kind === 'http') {
      return {
        state: 'failed',
        code: 'XC_NOT_SOCKET_IO',
        message: `${where} is not a socket.io server (${code}${probe.message}); check \`url\` and \`path\``,
      };
    }
    return {
      state: 'disconnected',
      code: 'XC_UNREACHABLE',
      message: `cannot reach xcally-realtime at ${where} (${code}${probe.message})`,
    };
  }
  if (client !== undefined && probe.generation !== client) {
    return {
      state: 'failed',
      code: 'XC_PROTOCOL_MISMATCH',
      message: `xcally-realtime at ${where} speaks ${serverKind(probe.generation)}, but \`protocol: ${client}\` is set; set \`protocol: ${probe.generation}\` or \`auto\``,
    };
  }
  return {
    state: 'disconnected',
    code: 'XC_REFUSED',
    message: `xcally-realtime at ${where} refused the connection: ${clientError}`,
  };
}

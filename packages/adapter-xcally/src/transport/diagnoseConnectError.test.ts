import { describe, expect, it } from 'vitest';
import { diagnoseConnectError } from './diagnoseConnectError.js';
import { generationOf } from './probeServer.js';

const where = 'https://localhost:8888';

describe('generationOf (the probe answer)', () => {
  it('reads Engine.IO 4 and Engine.IO 3 handshakes', () => {
    expect(generationOf({ status: 200, body: '0{"sid":"a","upgrades":["websocket"]}' })).toBe('v4');
    expect(generationOf({ status: 200, body: '97:0{"sid":"a","upgrades":["websocket"]}2:40' })).toBe('v2');
    expect(generationOf({ status: 400, body: '{"code":5,"message":"Unsupported protocol version"}' })).toBe(
      undefined,
    );
    expect(generationOf({ status: 200, body: '<html>' })).toBe(undefined);
  });
});

describe('diagnoseConnectError', () => {
  it('explains an untrusted certificate and both ways out', () => {
    const d = diagnoseConnectError(
      { ok: false, kind: 'tls', code: 'DEPTH_ZERO_SELF_SIGNED_CERT', message: 'self-signed certificate' },
      undefined,
      'xhr poll error',
      where,
    );
    expect(d.state).toBe('failed');
    expect(d.message).toBe(
      'TLS: cannot trust xcally-realtime at https://localhost:8888 (DEPTH_ZERO_SELF_SIGNED_CERT: self-signed certificate). Give the CA or the self-signed certificate of xcally-realtime as `tls.ca` (a PEM file, relative to the config), or set `tls.rejectUnauthorized: false` for this connection.',
    );
  });

  it('says when https meets a plain server', () => {
    const d = diagnoseConnectError(
      { ok: false, kind: 'tls', code: 'EPROTO', message: 'wrong version' },
      'v2',
      '',
      where,
    );
    expect(d.message).toContain('Use http:// for a plain connection');
  });

  it('names the protocol mismatch and the option to set', () => {
    const d = diagnoseConnectError({ ok: true, generation: 'v2' }, 'v4', 'server error', where);
    expect(d).toEqual({
      state: 'failed',
      code: 'XC_PROTOCOL_MISMATCH',
      message:
        'xcally-realtime at https://localhost:8888 speaks socket.io 1.x/2.x (Engine.IO 3), but `protocol: v4` is set; set `protocol: v2` or `auto`',
    });
  });

  it('reports an unreachable server as disconnected, and a non-socket.io answer as a config problem', () => {
    expect(
      diagnoseConnectError(
        { ok: false, kind: 'network', code: 'ECONNREFUSED', message: 'connect ECONNREFUSED' },
        'v2',
        '',
        where,
      ),
    ).toEqual({
      state: 'disconnected',
      code: 'XC_UNREACHABLE',
      message: 'cannot reach xcally-realtime at https://localhost:8888 (ECONNREFUSED: connect ECONNREFUSED)',
    });
    expect(
      diagnoseConnectError(
        { ok: false, kind: 'http', code: 'HTTP 404', message: 'not a socket.io handshake: Not Found' },
        'v2',
        '',
        where,
      ).state,
    ).toBe('failed');
  });

  it('passes the client error on when the server is fine (e.g. a refused token)', () => {
    expect(diagnoseConnectError({ ok: true, generation: 'v4' }, 'v4', 'unauthorized', where).message).toBe(
      'xcally-realtime at https://localhost:8888 refused the connection: unauthorized',
    );
  });
});

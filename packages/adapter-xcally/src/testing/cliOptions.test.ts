import { describe, expect, it } from 'vitest';
import { parseCliOptions } from './cliOptions.js';

describe('xcally-emulator command line', () => {
  it('defaults to a socket.io 2.x server on 127.0.0.1:8888', () => {
    expect(parseCliOptions([])).toMatchObject({
      profile: 'v2',
      host: '127.0.0.1',
      port: 8888,
      tls: false,
      waitClients: 1,
    });
  });

  it('reads every option', () => {
    const options = parseCliOptions(
      [
        '--profile',
        'v4',
        '--port',
        '0',
        '--allow-eio3',
        '--tls',
        '--ca-out',
        'ca.pem',
        '--token',
        't',
      ].concat(['--scenario', 's.yaml', '--loop', '--speed', '2.5', '--wait-clients', '0', '--json']),
    );
    expect(options).toMatchObject({
      profile: 'v4',
      port: 0,
      allowEIO3: true,
      tls: true,
      caOut: 'ca.pem',
      token: 't',
      scenario: 's.yaml',
      loop: true,
      speed: 2.5,
      waitClients: 0,
      json: true,
    });
  });

  it('refuses bad values with a message', () => {
    expect(() => parseCliOptions(['--profile', 'v3'])).toThrow('--profile must be v2 or v4');
    expect(() => parseCliOptions(['--port', '70000'])).toThrow('--port must be an integer from 0 to 65535');
    expect(() => parseCliOptions(['--speed', '0'])).toThrow('--speed must be a number above 0');
    expect(() => parseCliOptions(['--nope'])).toThrow();
  });
});

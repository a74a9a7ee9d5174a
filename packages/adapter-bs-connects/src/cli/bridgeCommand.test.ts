import { readFile } from 'node:fs/promises';
import { tempDir } from '@switchboard/test-support';
import { describe, expect, it } from 'vitest';
import { bridgeCommand } from './bridgeCommand.js';

const key = 'k3y-0123456789abcdef';
const run = async (argv: string[], env: NodeJS.ProcessEnv = { BS_BRIDGE_KEY: key }) => {
  const out: string[] = [];
  const err: string[] = [];
  const code = await bridgeCommand(argv, { env, out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
};

describe('switchboard-bs-bridge', () => {
  it('writes the web resource for the daemon URL, with the key from the environment', async () => {
    const dir = await tempDir();
    try {
      const file = `${dir.path}/bridge.html`;
      const result = await run([
        '--daemon-url',
        'https://sb.contoso.com',
        '--instance',
        'bs',
        '--out',
        file,
        '--max-queued',
        '50',
        '--reconnect-max-seconds',
        '2',
      ]);
      expect(result).toMatchObject({ code: 0, err: '' });
      expect(result.out).toContain(`wrote ${file}`);
      expect(result.out).not.toContain(key);
      const html = await readFile(file, 'utf8');
      expect(html).toContain('"namespaceUrl":"https://sb.contoso.com/adapters/bs"');
      expect(html).toContain(`"key":"${key}"`);
      expect(html).toContain('"maxQueuedEvents":50');
      expect(html).toContain('"reconnectDelayMaxMs":2000');
    } finally {
      await dir.remove();
    }
  });

  it('reads the key from the variable named by --key-env', async () => {
    const result = await run(['--daemon-url', 'https://sb', '--key-env', 'MY_KEY', '--out', '/dev/null'], {
      MY_KEY: key,
    });
    expect(result.code).toBe(0);
  });

  it.each([
    [[], {}, '--daemon-url is required'],
    [['--daemon-url', 'https://sb'], {}, 'environment variable BS_BRIDGE_KEY is not set'],
    [['--daemon-url', 'ftp://sb'], undefined, 'must be http(s)'],
    [
      ['--daemon-url', 'https://sb', '--max-queued', 'lots'],
      undefined,
      '--max-queued must be a positive integer',
    ],
    [['--daemon-url', 'https://sb', '--key', key], undefined, "Unknown option '--key'"],
  ])('fails with a clear message: %j', async (argv, env, message) => {
    const result = await run(argv, env);
    expect(result.code).toBe(2);
    expect(result.err).toContain(message);
  });

  it('prints its usage', async () => {
    const result = await run(['--help']);
    expect(result.code).toBe(0);
    expect(result.out).toContain('Usage: switchboard-bs-bridge --daemon-url <url>');
  });
});

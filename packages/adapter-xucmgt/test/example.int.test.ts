import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { rulesRunnerBin } from '@switchboard/test-support';
import { describe, expect, test } from 'vitest';
import { packageDir } from './support/startXucmgtDaemon.js';

const run = promisify(execFile);
const config = join(packageDir, 'example', 'switchboard.yaml');

async function cli(...args: string[]): Promise<{ code: number; out: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [rulesRunnerBin(), ...args, '--config', config], {
      env: { ...process.env, NO_COLOR: '1', XUCMGT_SECRET: 'example-secret-0123456789' },
    });
    return { code: 0, out: stdout + stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, out: e.stdout + e.stderr };
  }
}

describe('the README example (example/)', () => {
  test('validates and its rule tests, fed with XucMgt request bodies, pass', async () => {
    const [validate, tests] = await Promise.all([cli('validate'), cli('test')]);
    expect(validate).toEqual({
      code: 0,
      out: expect.stringContaining('ok: 1 adapter instance(s), 2 rule(s)'),
    });
    expect(tests.out).toContain('3 passed, 0 failed');
    expect(tests.code).toBe(0);
  });

  test('recorded requests replay through mapVendorEvent, without the JWT', async () => {
    const { code, out } = await cli(
      'replay',
      join(packageDir, 'example', 'recorded-requests.ndjson'),
      '--dry-run',
    );
    expect(code).toBe(0);
    expect(out).toContain('4 event(s) replayed, 0 bad line(s)');
    expect(out).toContain('"url":"https://crm.example/contacts?phone=1001&call=1717000123.45"');
    expect(out).toContain(
      'line 4: call.offered (xucmgt.thirdPartyRequest) from xucmgt call a1b2c3@10.0.0.1 → no rule matched',
    );
    expect(out).not.toContain('Zml4dHVyZS1zaWduYXR1cmUtMjAyNA');
  });
});

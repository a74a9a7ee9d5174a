import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { fixtures, runCli } from './runCli.js';

const recorded = join(fixtures, 'actions.ndjson');
afterEach(() => rm(recorded, { force: true }));

describe('rules-runner replay', () => {
  test('--dry-run prints what each event fires and carries nothing out; bad lines are reported', async () => {
    const result = await runCli(['replay', 'calls.ndjson', '--dry-run']);
    expect(result.stdout).toContain('line 1: call.answered (recorder.up) from rec call 1.1 → sales-popup');
    expect(result.stdout).toContain(
      '    sales-popup: wakeup via rec {"url":"http://webservice1/sales?ordernumber=A%2F1","mode":"new_frame","peer":"SIP/1001"} would run',
    );
    expect(result.stdout).toContain('line 2: call.answered from rec call 2.2 → no rule matched');
    expect(result.stdout).toContain('line 5: call.answered (recorder.up) from rec call 1.1 → duplicate');
    expect(result.stderr).toContain('calls.ndjson:3:1 invalid JSON:');
    expect(result.stderr).toContain(
      'calls.ndjson:4:1 an event needs `type` (a normalized event) or `vendor` (a vendor payload) [SWB_EVENT_INVALID]',
    );
    expect(result.stdout).toContain(
      '3 event(s) replayed, 2 bad line(s), 0 failed action(s) (dry run: nothing was carried out)',
    );
    expect(result.code).toBe(1);
    await expect(readFile(recorded, 'utf8')).rejects.toThrow(/ENOENT/);
  });

  test('an event that is not a valid event is a bad line with the reason: exit 1, diagnostics on stderr', async () => {
    const { tempDir } = await import('@switchboard/test-support');
    const dir = await tempDir();
    try {
      await dir.write(
        'calls.ndjson',
        [
          '{"type":"call.answerd","call":{"id":"1.1","queue":"Sales"}}',
          '{"type":"call.answered","call":{"id":"1.2","queu":"Sales"}}',
          '{"type":"call.answered","call":{"id":"1.3","queue":"Sales"}}',
        ].join('\n'),
      );
      const result = await runCli(['replay', join(dir.path, 'calls.ndjson'), '--dry-run']);
      expect(result.code).toBe(1);
      expect(result.stderr.trim().split('\n')).toEqual([
        `${join(dir.path, 'calls.ndjson')}:1:1 invalid event: unknown event type \`call.answerd\`; did you mean \`call.answered\`? [SWB_EVENT_INVALID]`,
        `${join(dir.path, 'calls.ndjson')}:2:1 invalid event: \`call\` has an unknown property \`queu\`; did you mean \`queue\`? [SWB_EVENT_INVALID]`,
      ]);
      expect(result.stdout).toContain('line 3: call.answered from rec call 1.3 → sales-popup');
      expect(result.stdout).toContain('1 event(s) replayed, 2 bad line(s), 0 failed action(s)');
    } finally {
      await dir.remove();
    }
  });

  test('without --dry-run the actions are carried out by the adapters', async () => {
    const result = await runCli(['replay', 'good-calls.ndjson']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('sales-popup: wakeup via rec');
    const lines = (await readFile(recorded, 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toEqual([
      {
        action: 'wakeup',
        params: { url: 'http://webservice1/sales?ordernumber=A%2F1', mode: 'new_frame', peer: 'SIP/1001' },
      },
    ]);
  });
});

describe('replay never prints secrets', () => {
  test('${VAR} values and sensitive keys are redacted in what replay prints', async () => {
    const { tempDir } = await import('@switchboard/test-support');
    const dir = await tempDir();
    try {
      await dir.write(
        'rules.yaml',
        `rules:
  - name: crm
    on: call.answered
    do:
      - http:
          url: "https://crm.example/api?caller={{ call.caller }}"
          headers: { authorization: "Bearer \${REPLAY_SECRET}", x-trace: "t-\${REPLAY_SECRET}" }
`,
      );
      await dir.write(
        'switchboard.yaml',
        `adapters:\n  rec:\n    use: ${join(fixtures, 'recorder-adapter')}\n    options: { out: actions.ndjson }\nrules: [ rules.yaml ]\n`,
      );
      await dir.write('calls.ndjson', '{"type":"call.answered","call":{"id":"c1","caller":"+3222"}}\n');
      const result = await runCli(
        ['replay', '-c', join(dir.path, 'switchboard.yaml'), join(dir.path, 'calls.ndjson'), '--dry-run'],
        {
          REPLAY_SECRET: 'sekret-value-123456',
        },
      );
      expect(result.code).toBe(0);
      expect(result.stdout).toContain('"authorization":"[REDACTED]"');
      expect(result.stdout).toContain('"x-trace":"t-[REDACTED]"');
      expect(`${result.stdout}${result.stderr}`).not.toContain('sekret-value-123456');
    } finally {
      await dir.remove();
    }
  });
});

import { readFile, rm } from 'node:fs/promises';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { spawnDaemon, tempDir, waitFor } from '@switchboard/test-support';
import { describe, expect, test } from 'vitest';
import { fixtures } from './runCli.js';

describe('rules-runner start', () => {
  test('events, matched rules and actions are logged; SIGTERM stops adapters and exits 0', async () => {
    const dir = await tempDir();
    const config = await dir.write(
      'switchboard.yaml',
      `adapters:
  rec:
    use: ${join(fixtures, 'recorder-adapter')}
    options:
      out: actions.ndjson
      events:
        - { id: e1, type: call.answered, call: { id: c1, queue: Sales, peer: SIP/1 }, vars: { ordernumber: "7" } }
rules: [ ${join(fixtures, 'rules/sales.yaml')} ]
log: { format: json }
`,
    );
    const daemon = await spawnDaemon(config, { cwd: dir.path });
    try {
      await daemon.waitForLog((l) => l.msg === 'event call.answered from rec', 'the event');
      await daemon.waitForLog((l) => l.msg === 'matched sales-popup', 'the match');
      await daemon.waitForLog(
        (l) => typeof l.msg === 'string' && l.msg.startsWith('action wakeup via rec ok'),
        'the action',
      );
      expect(await readFile(join(dir.path, 'actions.ndjson'), 'utf8')).toContain('ordernumber=7');
      expect(await daemon.stop('SIGTERM')).toBe(0);
      expect(daemon.logs.some((l) => l.msg === 'stopped cleanly')).toBe(true);
      expect(daemon.logs.some((l) => l.msg === 'adapter rec stopped')).toBe(true);
    } finally {
      await daemon.stop('SIGKILL');
      await dir.remove();
    }
  });

  test('secrets from ${VAR} never appear in a log line, yet reach the CRM', async () => {
    const seen: IncomingHttpHeaders[] = [];
    const crm = createServer((req, res) => {
      seen.push(req.headers);
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"id":"r1"}');
    });
    await new Promise<void>((r) => crm.listen(0, '127.0.0.1', r));
    const port = (crm.address() as AddressInfo).port;
    const dir = await tempDir();
    await dir.write(
      'rules.yaml',
      `rules:
  - name: lookup
    on: call.answered
    do:
      - http:
          url: "http://127.0.0.1:${port}/lookup?caller={{ call.caller }}"
          headers: { authorization: "Bearer \${CRM_TOKEN}" }
        save: crm
      - log: { message: "looked up with \${CRM_TOKEN} and got {{ vars.crm.id }}" }
`,
    );
    const config = await dir.write(
      'switchboard.yaml',
      `adapters:
  rec:
    use: ${join(fixtures, 'recorder-adapter')}
    options:
      out: actions.ndjson
      token: inline-option-secret
      events: [ { id: e1, type: call.answered, call: { id: c1, caller: "+32 2 555" } } ]
rules: [ rules.yaml ]
log: { format: json, level: debug }
`,
    );
    const daemon = await spawnDaemon(config, { cwd: dir.path, env: { CRM_TOKEN: 'tok-9f8e7d6c5b' } });
    try {
      await daemon.waitForLog((l) => typeof l.msg === 'string' && l.msg.includes('got r1'), 'the log action');
      await waitFor(() => seen.length > 0, 'the CRM call');
      expect(seen[0]?.authorization).toBe('Bearer tok-9f8e7d6c5b');
      const everything = `${JSON.stringify(daemon.logs)}${daemon.stderr()}`;
      expect(everything).not.toContain('tok-9f8e7d6c5b');
      expect(everything).not.toContain('inline-option-secret');
      expect(everything).toContain('looked up with [REDACTED] and got r1');
    } finally {
      await daemon.stop();
      crm.close();
      await dir.remove();
      await rm(join(fixtures, 'actions.ndjson'), { force: true });
    }
  });

  test('an invalid config is refused before anything starts: exit 1, file:line:col', async () => {
    const dir = await tempDir();
    const config = await dir.write('switchboard.yaml', 'adapters:\n  x:\n    use: 42\nrulez: []\n');
    const started = spawnDaemon(config, { cwd: dir.path, readyTimeoutMs: 10_000 });
    await expect(started).rejects.toThrow(
      /switchboard\.yaml:3:10 `adapters\.x\.use` must be text, found 42 \[SWB_SCHEMA\]/,
    );
    await expect(started).rejects.toThrow(
      /switchboard\.yaml:4:1 the config has an unknown property `rulez`; did you mean `rules`\? \[SWB_SCHEMA\]/,
    );
    await dir.remove();
  });
});

import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { compileTemplate, HttpClient, SwitchboardError } from '../src/index.js';
import { problemsOf } from './fixtures/compile.js';
import { echoLog } from './fixtures/echoAdapter.js';
import { startEcho } from './fixtures/echoRuntime.js';

let server: Server | undefined;
let stop: (() => Promise<unknown>) | undefined;
const received: IncomingHttpHeaders[] = [];
beforeEach(() => {
  echoLog.length = 0;
  received.length = 0;
});
afterEach(async () => {
  await stop?.();
  stop = undefined;
  await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
  server = undefined;
});

async function serve(): Promise<string> {
  server = createServer((req, res) => {
    received.push(req.headers);
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
  });
  await new Promise<void>((r) => server?.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const headerRule = (url: string, value: string) => `rules:
  - name: lookup
    on: call.answered
    do:
      - http:
          url: "${url}/contacts"
          headers:
            x-caller-name: "${value}"
`;

describe('header values HTTP cannot carry', () => {
  test('written in a rule: a load-time error at the value, naming the kind of character and its offset', () => {
    expect(problemsOf(headerRule('https://crm.example', 'Zoë 北京'))).toEqual([
      'rules.yaml:8:33 The header value holds a character above U+00FF at offset 4, which HTTP headers ' +
        'cannot carry (Latin-1 text without line breaks or control characters); send it in the body or the ' +
        'query [SWB_HTTP_HEADER_VALUE]',
    ]);
    expect(problemsOf(headerRule('https://crm.example', 'Bearer {{ vars.token }} ✓'))).toEqual([
      expect.stringMatching(
        /^rules\.yaml:8:53 The header value holds a character above U\+00FF at offset 24,/,
      ),
    ]);
    expect(problemsOf(headerRule('https://crm.example', 'a\\r\\nX-Evil: 1'))).toEqual([
      expect.stringMatching(/holds a line break at offset 1,/),
    ]);
    expect(problemsOf(headerRule('https://crm.example', 'Zoë café'))).toEqual([]);
  });

  test('from the environment: the error never shows the secret', () => {
    const rules = headerRule('https://crm.example', 'Bearer ${CRM_TOKEN}');
    const problems = problemsOf(rules, { CRM_TOKEN: 'tök€n-s3cr3t' });
    expect(problems).toEqual([expect.stringMatching(/^rules\.yaml:8:28 .*above U\+00FF at offset 10,/)]);
    expect(problems.join('\n')).not.toMatch(/s3cr3t|€/);
  });

  test('a header name that is no HTTP token is a load-time error', () => {
    expect(
      problemsOf(`rules:
  - name: lookup
    on: call.answered
    do:
      - http: { url: "https://crm.example/", headers: { "x caller": "a" } }
`),
    ).toEqual([
      expect.stringMatching(/^rules\.yaml:5:55 `headers` must match pattern .*\[SWB_SCHEMA\]$/),
      'rules.yaml:5:55 `headers` property name must be valid [SWB_SCHEMA]',
    ]);
  });

  test('from call data: the action fails with a clear error, nothing is sent, Latin-1 goes through', async () => {
    const url = await serve();
    const { runtime, events } = await startEcho(headerRule(url, '{{ call.callerName }}'));
    stop = () => runtime.stop();
    const publish = (id: string, callerName: string) =>
      events('a').publish({ id, type: 'call.answered', call: { id, callerName } });

    const chinese = await publish('e1', '王小明');
    const injected = await publish('e2', 'x\r\nX-Evil: 1');
    const latin = await publish('e3', 'Zoë Ångström');
    expect(chinese.outcomes[0]).toMatchObject({ status: 'failed', errorCode: 'SWB_HTTP_HEADER_VALUE' });
    expect(chinese.outcomes[0]?.error).toMatch(
      /The value of \{\{ call\.callerName \}\} cannot go into an HTTP header: it holds a character above U\+00FF/,
    );
    expect(chinese.outcomes[0]?.error).not.toContain('王');
    expect(injected.outcomes[0]).toMatchObject({ status: 'failed', errorCode: 'SWB_HTTP_HEADER_VALUE' });
    expect(injected.outcomes[0]?.error).toMatch(/holds a line break/);
    expect(latin.outcomes[0]?.status).toBe('ok');
    expect(
      received.map((h) => Buffer.from(h['x-caller-name'] as string, 'latin1').toString('latin1')),
    ).toEqual(['Zoë Ångström']);
    expect(received.some((h) => 'x-evil' in h)).toBe(false);
  });

  test('HttpClient, as adapters use it: our error, not undici’s', async () => {
    const url = await serve();
    const error = await new HttpClient().request({ url, headers: { 'x-name': '北京' } }).catch((e) => e);
    expect(SwitchboardError.is(error) && error.code).toBe('SWB_HTTP_HEADER_VALUE');
    expect(error.message).toBe(
      'the value of header `x-name` holds a character above U+00FF at position 0, which HTTP headers cannot carry',
    );
    expect(received).toEqual([]);
  });

  test('the header encoding keeps values as they are', () => {
    const t = compileTemplate('Bearer {{ t }}', 'header');
    expect(t.render({ t: 'abc.DEF-123_~+/=' })).toBe('Bearer abc.DEF-123_~+/=');
    expect(t.render({ t: 'tab\there' })).toBe('Bearer tab\there');
    expect(() => t.render({ t: 'a\u007fb' })).toThrow(/holds a control character/);
  });
});

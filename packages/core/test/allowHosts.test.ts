import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { Diagnostic } from '../src/index.js';
import { problemsOf, warningsOf } from './fixtures/compile.js';
import { echoLog } from './fixtures/echoAdapter.js';
import { startEcho } from './fixtures/echoRuntime.js';

let stop: (() => Promise<unknown>) | undefined;
let server: Server | undefined;
beforeEach(() => {
  echoLog.length = 0;
});
afterEach(async () => {
  await stop?.();
  stop = undefined;
  await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
  server = undefined;
});

describe('a value in a URL host is refused unless the rule names the hosts (allowHosts)', () => {
  test('without allowHosts: a load error at the value in the URL, saying what to do', () => {
    const problems = problemsOf(`rules:
  - name: per-region
    on: call.answered
    do:
      - wakeup: { url: "https://crm.example{{ vars.region }}/contacts?phone={{ call.caller }}" }
      - http: { url: "https://{{ vars.crmHost }}/api/contacts", headers: { authorization: "Bearer x" } }
      - http: { url: "https://crm.example:{{ vars.port }}/api" }
      - http: { url: "https://{{ vars.user }}@crm.example/api" }
`);
    expect(problems).toEqual([
      'rules.yaml:5:44 The value {{ vars.region }} at offset 19 of the URL template would be part of the ' +
        "URL's host, so call data could send the request (and its credentials) elsewhere. Write the host in " +
        'the template, or name the hosts it may go to with `allowHosts` on the rule or the action (e.g. ' +
        '`allowHosts: [".crm.example.com"]`). [SWB_TEMPLATE_PLACEMENT]',
      expect.stringMatching(
        /^rules\.yaml:6:31 The value \{\{ vars\.crmHost \}\} .*URL's host.*\[SWB_TEMPLATE_PLACEMENT\]$/,
      ),
      expect.stringMatching(
        /^rules\.yaml:7:43 The value \{\{ vars\.port \}\} .*URL's port.*\[SWB_TEMPLATE_PLACEMENT\]$/,
      ),
      expect.stringMatching(
        /^rules\.yaml:8:31 The value \{\{ vars\.user \}\} .*user info.*\[SWB_TEMPLATE_PLACEMENT\]$/,
      ),
    ]);
  });

  test('on the rule for every action, on an action for that one (it replaces the rule’s)', () => {
    const rules = `rules:
  - name: per-region
    on: call.answered
    allowHosts: [".crm.example.com"]
    do:
      - wakeup: { url: "https://{{ vars.region }}.crm.example.com/contacts" }
      - http: { url: "https://{{ vars.lookup }}/find" }
        allowHosts: [lookup.example.org, "10.0.0.5"]
`;
    expect(problemsOf(rules)).toEqual([]);
    expect(warningsOf(rules)).toEqual([]);
    // A port or user info from a value stays refused, with or without the list.
    expect(
      problemsOf(`rules:
  - name: r
    on: call.answered
    allowHosts: [crm.example.com]
    do:
      - http: { url: "https://crm.example.com:{{ vars.port }}/" }
`),
    ).toEqual([expect.stringMatching(/URL's port.*\[SWB_TEMPLATE_PLACEMENT\]$/)]);
  });

  test('entries that are no host are load errors at the entry', () => {
    const problems = problemsOf(`rules:
  - name: r
    on: call.answered
    allowHosts:
      - "*.crm.example.com"
      - https://crm.example.com
      - crm.example.com:8443
      - .com
      - "crm example"
      - ".10.0.0.5"
    do:
      - wakeup: { url: "https://{{ vars.h }}/" }
`);
    expect(problems).toEqual([
      'rules.yaml:5:9 "*.crm.example.com" is not a host: write a suffix with a leading dot (`.crm.example.com` allows every name under crm.example.com) [SWB_RULE_BAD_ALLOW_HOSTS]',
      'rules.yaml:6:9 "https://crm.example.com" is not a host: write the host name alone, without scheme, user or path [SWB_RULE_BAD_ALLOW_HOSTS]',
      'rules.yaml:7:9 "crm.example.com:8443" has a port: list host names only (the URL template writes the port) [SWB_RULE_BAD_ALLOW_HOSTS]',
      'rules.yaml:8:9 ".com" is too broad: a suffix names a domain with at least two labels [SWB_RULE_BAD_ALLOW_HOSTS]',
      'rules.yaml:9:9 "crm example" is not a host name or IP address [SWB_RULE_BAD_ALLOW_HOSTS]',
      'rules.yaml:10:9 ".10.0.0.5" is not a domain suffix: write a leading dot and a domain name, e.g. `.crm.example.com` [SWB_RULE_BAD_ALLOW_HOSTS]',
    ]);
    expect(
      problemsOf(`rules:
  - { name: r, on: call.answered, allowHosts: [], do: [ { wakeup: { url: "https://x/" } } ] }
`),
    ).toEqual([expect.stringMatching(/allowHosts` needs at least 1 item \[SWB_SCHEMA\]$/)]);
  });

  test('a list no URL needs is a warning', () => {
    expect(
      warningsOf(`rules:
  - name: r
    on: call.answered
    allowHosts: [crm.example.com]
    do:
      - wakeup: { url: "https://crm.example.com/{{ vars.id }}" }
        allowHosts: [crm.example.com]
`),
    ).toEqual([
      'rules.yaml:7:9 `allowHosts` has no effect: no URL of this action takes its host from a `{{ }}` value [SWB_RULE_BAD_ALLOW_HOSTS]',
      'rules.yaml:4:5 `allowHosts` has no effect: no URL of the actions of this rule takes its host from a `{{ }}` value [SWB_RULE_BAD_ALLOW_HOSTS]',
    ]);
  });

  test('at run time: a host off the list fails the action (action.failed, counted), nothing is sent', async () => {
    let requests = 0;
    server = createServer((_req, res) => {
      requests += 1;
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"id":1}');
    });
    await new Promise<void>((r) => server?.listen(0, '127.0.0.1', r));
    const port = (server.address() as AddressInfo).port;
    const { runtime, events } = await startEcho(`rules:
  - name: per-region
    on: call.answered
    allowHosts: ["127.0.0.1", ".crm.example.com"]
    do:
      - http: { url: "http://{{ vars.crmHost }}:${port}/api/contacts", headers: { authorization: "Bearer t" } }
        save: contact
      - wakeup: { url: "https://{{ vars.region }}.crm.example.com/contacts/{{ vars.contact.id }}" }
`);
    stop = () => runtime.stop();
    const failures: Diagnostic[] = [];
    runtime.diagnostics.subscribe(
      (d) => d.kind === 'event' && d.event.type === 'action.failed' && failures.push(d),
    );
    const publish = (id: string, vars: Record<string, string>) =>
      events('a').publish({ id, type: 'call.answered', call: { id }, vars });

    const good = await publish('e1', { crmHost: '127.0.0.1', region: 'eu' });
    const metadata = await publish('e2', { crmHost: '169.254.169.254', region: 'eu' });
    const empty = await publish('e3', { crmHost: '', region: 'eu' });
    const suffix = await publish('e4', { crmHost: '127.0.0.1', region: 'x.evil.com#' });
    await runtime.dispatcher.drain(5000);

    expect(good.outcomes.map((o) => o.status)).toEqual(['ok', 'ok']);
    expect(echoLog.map((l) => l.params.url)).toEqual(['https://eu.crm.example.com/contacts/1']);
    expect(metadata.outcomes.map((o) => [o.status, o.errorCode])).toEqual([
      ['failed', 'SWB_URL_HOST_NOT_ALLOWED'],
    ]);
    expect(metadata.outcomes[0]?.error).toMatch(
      /host "169\.254\.169\.254" \(from \{\{ vars\.crmHost \}\}\) is not in allowHosts/,
    );
    expect(empty.outcomes.map((o) => o.errorCode)).toEqual(['SWB_URL_HOST_NOT_ALLOWED']);
    expect(suffix.outcomes.map((o) => o.status)).toEqual(['ok', 'failed']);
    expect(requests).toBe(2);
    expect(failures).toHaveLength(3);
    const text = await runtime.metrics.registry.getSingleMetricAsString('switchboard_actions_total');
    expect(text).toMatch(/action="http",instance="a",outcome="failed"\} 2/);
    expect(text).toMatch(/action="wakeup",instance="a",outcome="failed"\} 1/);
  });
});

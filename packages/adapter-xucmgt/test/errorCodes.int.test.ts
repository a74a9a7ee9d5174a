import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { sampleRequest } from '../src/testing/index.js';
import { postJson } from './support/postJson.js';
import { startXucmgtDaemon, type XucmgtDaemon } from './support/startXucmgtDaemon.js';

const agentOrigin = 'http://agent.example:8080';

/** A rule that gives `thirdPartyOpen` both a URL and the built-in pane; a second rule reports failures. */
const rules = `
rules:
  - name: url-and-pane
    on: call.offered
    do:
      - thirdPartyOpen: { url: "https://crm.example/c?phone={{ call.caller }}", pane: { record: "{{ call.caller }}" } }
  - name: report-failure
    on: action.failed
    do:
      - log: { message: "failed with {{ vars.failure.code }}", level: warn }
`;

let xuc: XucmgtDaemon;

beforeAll(async () => {
  xuc = await startXucmgtDaemon({ allowedOrigins: [agentOrigin], answerTimeout: 5000 }, rules);
});

afterAll(async () => {
  await xuc?.stop();
});

describe('an adapter error code through the real daemon', () => {
  test('XU_URL_AND_PANE is in action.failed, on the log line and in /metrics; the POST gets none', async () => {
    const { status, json } = await postJson(xuc.thirdPartyUrl, sampleRequest('2017', { callId: 'both-1' }), {
      origin: agentOrigin,
    });
    expect({ status, json }).toEqual({ status: 200, json: { action: 'none' } });
    const failed = await xuc.daemon.waitForLog(
      (l) => /^action thirdPartyOpen via xucmgt FAILED/.test(String(l.msg)),
      'the failure',
    );
    expect(failed.code).toBe('XU_URL_AND_PANE');
    expect(failed.msg).toContain('not both');
    // `action.failed` carries the code to rules: the second rule logs `vars.failure.code`.
    await xuc.daemon.waitForLog((l) => l.msg === 'failed with XU_URL_AND_PANE', 'the action.failed rule');
    const metrics = await (await fetch(`${xuc.daemon.admin}/metrics`)).text();
    expect(metrics).toMatch(
      /^switchboard_action_errors_total\{action="thirdPartyOpen",instance="xucmgt",code="XU_URL_AND_PANE"\} 1$/m,
    );
    expect(metrics).not.toMatch(/switchboard_action_errors_total\{[^}]*code="SWB_ACTION_FAILED"/);
  });
});

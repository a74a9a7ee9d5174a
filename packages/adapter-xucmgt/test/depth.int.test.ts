import { defaultMaxJsonDepth } from '@switchboard/core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { sampleRequest } from '../src/testing/index.js';
import { postJson } from './support/postJson.js';
import { startXucmgtDaemon, type XucmgtDaemon } from './support/startXucmgtDaemon.js';

const agentOrigin = 'http://agent.example:8080';

let xuc: XucmgtDaemon;

const post = (body: string | object, contentType?: string) =>
  postJson(xuc.thirdPartyUrl, body, { origin: agentOrigin, ...(contentType ? { contentType } : {}) });

/** A 2017 request whose `userData.deep` is `levels` arrays deep: the body nests `levels + 2` deep. */
function deepRequest(callId: string, levels: number): string {
  const body = JSON.stringify(sampleRequest('2017', { callId }));
  return body.replace('"userData":{', `"userData":{"deep":${'['.repeat(levels)}${']'.repeat(levels)},`);
}

async function rejectedTooDeep(): Promise<number> {
  const text = await (await fetch(`${xuc.daemon.admin}/metrics`)).text();
  const line = /^switchboard_input_rejected_total\{[^}]*reason="too-deep"[^}]*\} (\d+)$/m.exec(text);
  return Number(line?.[1] ?? 0);
}

beforeAll(async () => {
  // the default bodyLimit (32 KB): deep bodies well under it must still be refused
  xuc = await startXucmgtDaemon(
    { allowedOrigins: [agentOrigin] },
    `
rules:
  - name: trucks-pane
    on: call.offered
    do:
      - thirdPartyOpen: { url: "https://crm.example/contact?phone={{ call.caller }}", title: "{{ call.caller }}" }
`,
  );
});

afterAll(async () => {
  await xuc?.stop();
});

describe('JSON nesting: refused at the door, counted, nothing stored that the console cannot show', () => {
  test('a body nested 10,000 deep (20 kB) and userData nested 4,200 deep get 400 too-deep', async () => {
    for (const body of [deepRequest('deep-10000', 10_000), deepRequest('deep-4200', 4200)]) {
      const { status, json, headers } = await post(body);
      expect({ status, json }).toEqual({
        status: 400,
        json: {
          error: 'too-deep',
          message: `The request body nests deeper than ${defaultMaxJsonDepth} levels`,
        },
      });
      expect(headers.get('access-control-allow-origin')).toBe(agentOrigin);
    }
    await xuc.daemon.waitForLog(
      () => xuc.daemon.logs.filter((l) => l.reason === 'too-deep').length === 2,
      'both rejections logged',
    );
    expect(await rejectedTooDeep()).toBe(2);
  });

  test('the limit is core default: 64 levels pass, 65 do not', async () => {
    const atLimit = await post(deepRequest('deep-64', defaultMaxJsonDepth - 2));
    expect(atLimit.status).toBe(200);
    expect(atLimit.json.action).toBe('open');
    const over = await post(deepRequest('deep-65', defaultMaxJsonDepth - 1));
    expect(over.status).toBe(400);
    expect(over.json.error).toBe('too-deep');
  });

  test("after deep bodies the console's events and call views still answer", async () => {
    const events = await fetch(`${xuc.daemon.admin}/api/events`);
    expect(events.status).toBe(200);
    const listed = JSON.stringify(await events.json());
    expect(listed).toContain('deep-64');
    expect(listed).not.toContain('deep-65');
    expect(listed).not.toContain('deep-4200');
    expect(listed).not.toContain('deep-10000');
    const call = await fetch(`${xuc.daemon.admin}/api/calls/deep-64`);
    expect(call.status).toBe(200);
    const after = await post(sampleRequest('2024', { callId: 'after-deep' }));
    expect(after.json.action).toBe('open');
  });
});

describe('media types: the agent app sends application/json (XucMgt docs), nothing else is parsed', () => {
  test.each(['text/plain', 'text/plain; charset=utf-8', 'application/x-www-form-urlencoded'])(
    'a JSON body sent as %s gets 415 unsupported-media-type, as the README says',
    async (contentType) => {
      const { status, json } = await post(sampleRequest('2017', { callId: 'plain-1' }), contentType);
      expect({ status, error: json.error }).toEqual({ status: 415, error: 'unsupported-media-type' });
    },
  );

  test('application/json with a charset is accepted', async () => {
    const { status } = await post(
      sampleRequest('2017', { callId: 'charset-1' }),
      'application/json; charset=utf-8',
    );
    expect(status).toBe(200);
  });
});

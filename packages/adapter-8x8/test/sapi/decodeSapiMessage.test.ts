import { describe, expect, test } from 'vitest';
import { decodeSapiMessage, toSapiEvent } from '../../src/sapi/decodeSapiMessage.js';
import { jsonScalar } from '../../src/sapi/jsonScalar.js';

describe('decodeSapiMessage', () => {
  test('XML is decoded into the shape and types of the JSON output', () => {
    const xml = `<?xml version='1.0' encoding='UTF-8' ?>
<Interaction>
<direction>in</direction>
<eventTS>1381573170</eventTS>
<inboundChannelid>4070001</inboundChannelid>
<interactionGUID>int-dev6ctl-09c05006-phone-00iQ1DcskDJEumYROhxeq3gvYeY
</interactionGUID>
<isDirectAccess>false</isDirectAccess>
<attachedData>
<attachedDatum>
<attachedDataKey>tenantSkillName</attachedDataKey>
<attachedDataValue>Sales &amp; Support</attachedDataValue>
</attachedDatum>
</attachedData>
</Interaction>`;
    const json = JSON.stringify({
      Interaction: {
        direction: 'in',
        eventTS: 1381573170,
        inboundChannelid: '4070001',
        interactionGUID: 'int-dev6ctl-09c05006-phone-00iQ1DcskDJEumYROhxeq3gvYeY',
        isDirectAccess: 'false',
        attachedData: {
          attachedDatum: { attachedDataKey: 'tenantSkillName', attachedDataValue: 'Sales & Support' },
        },
      },
    });
    const fromXml = decodeSapiMessage(xml, 'xml');
    const fromJson = decodeSapiMessage(json, 'json');
    expect(fromXml).toEqual(fromJson);
    expect(fromXml).toEqual({
      ok: true,
      event: {
        type: 'Interaction',
        body: {
          direction: 'in',
          eventTS: 1381573170,
          inboundChannelid: 4070001,
          interactionGUID: 'int-dev6ctl-09c05006-phone-00iQ1DcskDJEumYROhxeq3gvYeY',
          isDirectAccess: false,
          attachedData: {
            attachedDatum: [{ attachedDataKey: 'tenantSkillName', attachedDataValue: 'Sales & Support' }],
          },
        },
      },
    });
  });

  test('several attached data and provisioning items are arrays; none is an empty array', () => {
    const many = decodeSapiMessage(
      '<AgentProvChange><agentId>122</agentId><provisioningItems><provisioningItem><provisioningItemKey>a</provisioningItemKey></provisioningItem><provisioningItem><provisioningItemKey>b</provisioningItemKey></provisioningItem></provisioningItems></AgentProvChange>',
      'xml',
    );
    expect(many.ok && many.event.body.provisioningItems).toEqual({
      provisioningItem: [{ provisioningItemKey: 'a' }, { provisioningItemKey: 'b' }],
    });
    const none = decodeSapiMessage('<Interaction><attachedData/></Interaction>', 'xml');
    expect(none.ok && none.event.body.attachedData).toEqual({ attachedDatum: [] });
  });

  test('msgInfo is read, typed, from either format', () => {
    const result = decodeSapiMessage(
      '<ClientCheck><msgInfo><instanceId>us1-sapi</instanceId><sequenceId>70</sequenceId><timestamp>1669230226093</timestamp></msgInfo></ClientCheck>',
      'xml',
    );
    expect(result.ok && result.event.msgInfo).toEqual({
      instanceId: 'us1-sapi',
      sequenceId: 70,
      timestamp: 1669230226093,
    });
  });

  test('malformed input is an error, not an exception', () => {
    expect(decodeSapiMessage('{"Interaction":', 'json')).toMatchObject({ ok: false });
    expect(decodeSapiMessage('{"A":{},"B":{}}', 'json')).toEqual({
      ok: false,
      error: 'expected one event class at the top, found 2',
    });
    expect(decodeSapiMessage('[1]', 'json')).toMatchObject({ ok: false });
    expect(toSapiEvent({ Interaction: 5 })).toEqual({ ok: false, error: 'Interaction is not an object' });
  });

  test('a __proto__ key cannot reach the prototype', () => {
    const result = decodeSapiMessage('{"Interaction":{"__proto__":{"polluted":true},"a":1}}', 'json');
    expect(result.ok && result.event.body).toEqual({ a: 1 });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('jsonScalar', () => {
  test.each([
    ['true', true],
    ['false', false],
    ['0', 0],
    ['5515557212', 5515557212],
    ['-1.5e3', -1500],
    ['0123', '0123'],
    ['+15515557212', '+15515557212'],
    ['resume', 'resume'],
    ['12345678901234567890', '12345678901234567890'],
    ['  Sales ', 'Sales'],
    ['', ''],
  ])('%j → %j', (text, value) => {
    expect(jsonScalar(text)).toEqual(value);
  });
});

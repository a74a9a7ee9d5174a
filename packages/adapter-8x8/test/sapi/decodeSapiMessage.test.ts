import { describe, expect, test } from 'vitest';
import { decodeSapiMessage, toSapiEvent } from '../../src/transport/sapi/decodeSapiMessage.js';
import { jsonScalar } from '../../src/transport/sapi/jsonScalar.js';

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

  test('XML with a mismatched end tag, a DOCTYPE or trailing text is an error, never an event', () => {
    expect(decodeSapiMessage('<Interaction><a>1</a></Interactoin>', 'xml')).toEqual({
      ok: false,
      error: 'malformed XML: the end tag </Interactoin> does not match <Interaction>',
    });
    expect(decodeSapiMessage('<!DOCTYPE a><a/>', 'xml')).toMatchObject({ ok: false, error: /DOCTYPE/ });
    expect(decodeSapiMessage('<a/><b/>', 'xml')).toEqual({
      ok: false,
      error: 'malformed XML: text after the root element',
    });
  });

  test('input nested deeper than core’s limit for outside JSON is an error, without recursing', () => {
    const deep = `{"Interaction":{"a":${'['.repeat(100_000)}${']'.repeat(100_000)}}}`;
    expect(decodeSapiMessage(deep, 'json')).toEqual({
      ok: false,
      error: 'JSON nested deeper than 64 levels',
    });
    const xml = `<Interaction>${'<a>'.repeat(100)}${'</a>'.repeat(100)}</Interaction>`;
    expect(decodeSapiMessage(xml, 'xml')).toMatchObject({ ok: false, error: /nested deeper than 64/ });
    let value: unknown = 1;
    for (let i = 0; i < 100_000; i++) value = [value];
    expect(toSapiEvent({ Interaction: { a: value } })).toEqual({
      ok: false,
      error: 'the event is nested deeper than 64 levels',
    });
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

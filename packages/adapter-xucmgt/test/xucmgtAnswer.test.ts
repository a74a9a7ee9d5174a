import { describe, expect, test } from 'vitest';
import type { ThirdPartyOpenParams } from '../src/actionSpecs.js';
import { addUrlParam, noneAnswer, toXucmgtAnswer } from '../src/mapping/xucmgtAnswer.js';

const params = (p: Partial<ThirdPartyOpenParams>): ThirdPartyOpenParams => ({
  action: 'open',
  event: 'established',
  autopause: false,
  ...p,
});

describe('toXucmgtAnswer', () => {
  test('maps the rule words to the agent app words', () => {
    expect(
      toXucmgtAnswer(params({ event: 'ringing', title: 'CRM', autopause: true }), 'http://crm/1'),
    ).toEqual({
      action: 'open',
      event: 'EventRinging',
      url: 'http://crm/1',
      title: 'CRM',
      autopause: true,
    });
    expect(toXucmgtAnswer(params({ action: 'popup', event: 'released' }), '/p').event).toBe('EventReleased');
    expect(toXucmgtAnswer(params({ event: 'established' }), '/p').event).toBe('EventEstablished');
  });

  test('none is just {"action":"none"}; open without a URL is an error', () => {
    expect(toXucmgtAnswer(params({ action: 'none', url: 'http://x' }), undefined)).toBe(noneAnswer);
    expect(JSON.stringify(noneAnswer)).toBe('{"action":"none"}');
    expect(() => toXucmgtAnswer(params({}), undefined)).toThrow(
      expect.objectContaining({
        code: 'XU_NO_PAGE',
        message: expect.stringMatching(/needs `url` or `pane`/),
      }),
    );
    expect(() => toXucmgtAnswer(params({ url: '/a', pane: {} }), '/a')).toThrow(
      expect.objectContaining({ code: 'XU_URL_AND_PANE', message: expect.stringMatching(/not both/) }),
    );
  });
});

describe('addUrlParam', () => {
  test.each([
    ['http://crm/p', 'query', 'http://crm/p?jwt=a.b%2Bc'],
    ['http://crm/p?x=1', 'query', 'http://crm/p?x=1&jwt=a.b%2Bc'],
    ['http://crm/p?', 'query', 'http://crm/p?jwt=a.b%2Bc'],
    ['http://crm/p?x=1#top', 'query', 'http://crm/p?x=1&jwt=a.b%2Bc#top'],
    ['/rel/p', 'query', '/rel/p?jwt=a.b%2Bc'],
    ['http://crm/p', 'fragment', 'http://crm/p#jwt=a.b%2Bc'],
    ['http://crm/p?x=1#view=2', 'fragment', 'http://crm/p?x=1#view=2&jwt=a.b%2Bc'],
  ] as const)('%s in the %s', (url, place, expected) => {
    expect(addUrlParam(url, 'jwt', 'a.b+c', place)).toBe(expected);
  });
});

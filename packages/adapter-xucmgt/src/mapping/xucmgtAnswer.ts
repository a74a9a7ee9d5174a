import { type PaneEvent, paneEvents, type ThirdPartyOpenParams } from '../actionSpecs.js';
import { xucmgtErrors } from '../errors.js';

/** The JSON the web service answers XucMgt with. */
export interface XucmgtAnswer {
  readonly action: 'open' | 'popup' | 'none';
  readonly event?: (typeof paneEvents)[PaneEvent];
  readonly url?: string;
  readonly title?: string;
  readonly autopause?: boolean;
}

/**
 * JSON Schema of the answer, in the order XucMgt's examples write it: the web service's replies are
 * written by a serializer compiled from it.
 */
export const xucmgtAnswerSchema = {
  type: 'object',
  required: ['action'],
  properties: {
    action: { type: 'string', enum: ['open', 'popup', 'none'] },
    event: { type: 'string' },
    url: { type: 'string' },
    title: { type: 'string' },
    autopause: { type: 'boolean' },
  },
} as const;

/** The answer when no rule answers, or not in time: open nothing. */
export const noneAnswer: XucmgtAnswer = Object.freeze({ action: 'none' });

/** Pure: rendered `thirdPartyOpen` params and the final URL → XucMgt's answer. */
export function toXucmgtAnswer(params: ThirdPartyOpenParams, url: string | undefined): XucmgtAnswer {
  if (params.action === 'none') return noneAnswer;
  if (params.url !== undefined && params.pane !== undefined) {
    throw xucmgtErrors.error('XU_URL_AND_PANE', '`thirdPartyOpen` takes `url` or `pane`, not both');
  }
  if (url === undefined) {
    throw xucmgtErrors.error(
      'XU_NO_PAGE',
      `\`thirdPartyOpen\` with action ${params.action} needs \`url\` or \`pane\``,
    );
  }
  return {
    action: params.action,
    event: paneEvents[params.event],
    url,
    ...(params.title !== undefined ? { title: params.title } : {}),
    autopause: params.autopause,
  };
}

/** Adds `name=<token>` to the URL's query or fragment, encoded, keeping what is already there. */
export function addUrlParam(url: string, name: string, value: string, place: 'query' | 'fragment'): string {
  const pair = `${encodeURIComponent(name)}=${encodeURIComponent(value)}`;
  const hash = url.indexOf('#');
  const beforeHash = hash < 0 ? url : url.slice(0, hash);
  const fragment = hash < 0 ? undefined : url.slice(hash + 1);
  if (place === 'fragment') {
    return `${beforeHash}#${fragment === undefined || fragment === '' ? pair : `${fragment}&${pair}`}`;
  }
  const joiner = !beforeHash.includes('?') ? '?' : /[?&]$/.test(beforeHash) ? '' : '&';
  return `${beforeHash}${joiner}${pair}${fragment === undefined ? '' : `#${fragment}`}`;
}

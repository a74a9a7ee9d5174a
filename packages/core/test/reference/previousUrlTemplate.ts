// The url template renderer as it was before the shared data-driven renderer (closures per value):
// the reference the property test compares the new renderer with. Not used by the product.
import { SwitchboardError } from '../../src/errors/index.js';
import type { CompiledPlaceholder } from '../../src/templates/compilePlaceholder.js';
import type { HostAllowList } from '../../src/templates/HostAllowList.js';
import {
  layoutUrlTemplate,
  type PathSegmentSlot,
  type UrlPlace,
} from '../../src/templates/layoutUrlTemplate.js';
import { encodeUrlAuthority, encodeUrlComponent, isDotSegment } from '../../src/templates/urlEncoders.js';
import { valueToString } from '../../src/templates/valueToString.js';

type Encoder = (text: string) => string;

const verbatim: Encoder = (text) => text;

/** A url template's renderer, and whether a value decides where the request goes. */
export interface CompiledUrlTemplate {
  readonly render: (data: unknown) => string;
  /** The host comes from a value (in the host, or a whole `| raw` URL): checked against `allowHosts`. */
  readonly hostFromValue: boolean;
}

/**
 * Compiles the renderer of a `url` template with at least one placeholder. Each value is percent-encoded
 * for its place, so it cannot change the path structure; a value that would make a whole path segment
 * `.` or `..` is rejected. No value may stand in the scheme, user info or port. A value in the host, or a
 * `| raw` value at the start (a whole URL), needs `allowHosts`: the rendered URL's host must then be on
 * the list. A template with a `| raw` value must render an http(s) URL.
 */
export function previousCompileUrlTemplate(
  literals: readonly string[],
  values: readonly CompiledPlaceholder[],
  allowHosts?: HostAllowList,
): CompiledUrlTemplate {
  const { places, segments, hostHasText } = layoutUrlTemplate(
    literals,
    values.map((v) => v.raw),
  );
  const encoders = values.map((value, i) => encoderFor(value, places[i]!, allowHosts));
  const hostValues = places.flatMap((place, i) => (place === 'host' ? [i] : []));
  const wholeUrl = places[0] === 'scheme';
  const anyRaw = values.some((v) => v.raw);
  const hostCheck = hostValues.length > 0 || wholeUrl ? allowHosts : undefined;
  const slots = segments.map((slot) => ({ ...slot, between: betweenLiterals(literals, slot) }));
  const n = values.length;
  const head = literals[0]!;

  const render = (data: unknown): string => {
    const pieces: string[] = new Array(n);
    let out = head;
    for (let i = 0; i < n; i++) {
      const piece = encoders[i]!(valueToString(values[i]!.read(data)));
      pieces[i] = piece;
      out += piece + literals[i + 1]!;
    }
    for (const slot of slots) {
      if (isDotSegment(segmentText(slot, pieces))) throw dotSegmentError(values[slot.first]!);
    }
    if (!hostHasText && hostValues.length > 0 && hostValues.every((i) => pieces[i] === '')) {
      throw hostError(values, hostValues, 'would leave the URL without a host');
    }
    if (anyRaw || hostCheck) checkRenderedUrl(out, anyRaw, hostCheck, wholeUrl, values, hostValues);
    return out;
  };
  return { render, hostFromValue: hostCheck !== undefined };
}

function encoderFor(
  value: CompiledPlaceholder,
  place: UrlPlace,
  allowHosts: HostAllowList | undefined,
): Encoder {
  const where = `The value {{ ${value.placeholder.pathText} }} at offset ${value.placeholder.offset} of the URL template`;
  switch (place) {
    case 'scheme':
      if (!value.raw) {
        throw placementError(
          `${where} would be part of the URL scheme, where it could change where the request goes. Move the ` +
            'value into the path or query, or mark it "| raw" if it holds a whole http(s) URL (then name the ' +
            'hosts it may go to with `allowHosts`).',
        );
      }
      if (!allowHosts) {
        throw placementError(
          `${where} is a whole URL ("| raw"), so call data would decide where the request goes. Name the hosts ` +
            'it may go to with `allowHosts` on the rule or the action, or write the scheme and host in the template.',
        );
      }
      return verbatim;
    case 'userinfo':
      throw placementError(
        `${where} would be part of the URL's user info, where it could change where the request goes and ` +
          'with which credentials. Send credentials in a header (e.g. `authorization`).',
      );
    case 'port':
      throw placementError(
        `${where} would be part of the URL's port, where it could change where the request goes. Write the ` +
          'port in the template.',
      );
    case 'host':
      if (value.raw) {
        throw placementError(
          `${where} is in the URL's host, where "| raw" is not allowed: a host needs no raw text.`,
        );
      }
      if (!allowHosts) {
        throw placementError(
          `${where} would be part of the URL's host, so call data could send the request (and its ` +
            'credentials) elsewhere. Write the host in the template, or name the hosts it may go to with ' +
            '`allowHosts` on the rule or the action (e.g. `allowHosts: [".crm.example.com"]`).',
        );
      }
      return encodeUrlAuthority;
    default:
      return value.raw ? verbatim : encodeUrlComponent;
  }
}

function placementError(message: string): SwitchboardError {
  return new SwitchboardError('SWB_TEMPLATE_PLACEMENT', message);
}

/** The literal text between placeholders of a segment, without tabs and newlines (URL parsing drops them). */
function betweenLiterals(literals: readonly string[], slot: PathSegmentSlot): string[] {
  return literals.slice(slot.first + 1, slot.last + 1).map((literal) => literal.replace(/[\t\n\r]/g, ''));
}

function segmentText(
  slot: PathSegmentSlot & { between: readonly string[] },
  pieces: readonly string[],
): string {
  let text = slot.prefix + pieces[slot.first]!;
  for (let i = slot.first + 1; i <= slot.last && text.length <= 6; i++) {
    text += slot.between[i - slot.first - 1]! + pieces[i]!;
  }
  return text + slot.suffix;
}

function dotSegmentError(value: CompiledPlaceholder): SwitchboardError {
  return new SwitchboardError(
    'SWB_TEMPLATE_RENDER',
    `The value of {{ ${value.placeholder.pathText} }} would make a URL path segment "." or "..", ` +
      'which would change the path of the URL',
  );
}

/** `{{ a }}, {{ b }}`: the placeholders that decide the host, for messages. */
function hostSources(
  values: readonly CompiledPlaceholder[],
  hostValues: readonly number[],
  wholeUrl: boolean,
) {
  const indexes = wholeUrl ? [0] : hostValues;
  return indexes.map((i) => `{{ ${values[i]!.placeholder.pathText} }}`).join(', ');
}

function hostError(values: readonly CompiledPlaceholder[], hostValues: readonly number[], what: string) {
  return new SwitchboardError(
    'SWB_URL_HOST_NOT_ALLOWED',
    `The value of ${hostSources(values, hostValues, false)} ${what}`,
  );
}

function checkRenderedUrl(
  text: string,
  anyRaw: boolean,
  allowHosts: HostAllowList | undefined,
  wholeUrl: boolean,
  values: readonly CompiledPlaceholder[],
  hostValues: readonly number[],
): void {
  let url: URL;
  try {
    url = new URL(text);
  } catch (cause) {
    throw new SwitchboardError('SWB_TEMPLATE_RENDER', 'The rendered URL is not a valid absolute URL', {
      cause,
    });
  }
  if (anyRaw && url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new SwitchboardError(
      'SWB_TEMPLATE_RENDER',
      `The URL rendered with a "| raw" value has the scheme "${url.protocol}"; only http: and https: are allowed`,
    );
  }
  if (!allowHosts) return;
  const from = hostSources(values, hostValues, wholeUrl);
  if (wholeUrl && (url.username !== '' || url.password !== '' || url.port !== '')) {
    throw new SwitchboardError(
      'SWB_URL_HOST_NOT_ALLOWED',
      `The URL from ${from} has ${url.port !== '' ? 'a port' : 'user info'}; a whole URL from a value may only ` +
        'name a host of `allowHosts`, on the default port, without user info',
    );
  }
  if (!allowHosts.allows(url.hostname)) {
    throw new SwitchboardError(
      'SWB_URL_HOST_NOT_ALLOWED',
      `The URL's host "${url.hostname}" (from ${from}) is not in allowHosts (${allowHosts.entries.join(', ')})`,
    );
  }
}

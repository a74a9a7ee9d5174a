import { SwitchboardError } from '../errors/index.js';
import { type CompiledPlaceholder, type PlaceholderReader, readPlaceholder } from './compilePlaceholder.js';
import type { HostAllowList } from './HostAllowList.js';
import { layoutUrlTemplate, type PathSegmentSlot, type UrlPlace } from './layoutUrlTemplate.js';
import { encodeUrlAuthority, encodeUrlComponent, isDotSegment } from './urlEncoders.js';
import { valueToString } from './valueToString.js';

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
export function compileUrlTemplate(
  literals: readonly string[],
  values: readonly CompiledPlaceholder[],
  allowHosts?: HostAllowList,
): CompiledUrlTemplate {
  const { places, segments, hostHasText } = layoutUrlTemplate(
    literals,
    values.map((v) => v.raw),
  );
  const encodings = values.map((value, i) => encoderFor(value, places[i]!, allowHosts));
  const hostValues = places.flatMap((place, i) => (place === 'host' ? [i] : []));
  const wholeUrl = places[0] === 'scheme';
  const hostCheck = hostValues.length > 0 || wholeUrl ? allowHosts : undefined;
  const slots = segments.map((slot) => ({ ...slot, between: betweenLiterals(literals, slot) }));
  const keepPieces = slots.length > 0 || (!hostHasText && hostValues.length > 0);
  const anyRaw = values.some((v) => v.raw);
  // What every render reads, in one array: the first literal, then per value its reader, its encoding
  // and the literal after it. The checks after a render (only some templates need them) are apart.
  const parts: unknown[] = [literals[0]!];
  values.forEach((value, i) => {
    parts.push(value.reader, encodings[i], literals[i + 1]!);
  });
  const checks: UrlChecks | undefined =
    keepPieces || anyRaw || hostCheck
      ? { values, slots, hostValues, keepPieces, hostHasText, anyRaw, hostCheck, wholeUrl }
      : undefined;
  return { render: (data) => renderUrl(parts, checks, data), hostFromValue: hostCheck !== undefined };
}

/** How a value is encoded for its place in the URL. */
const Verbatim = 0;
const Component = 1;
const Authority = 2;
type Encoding = typeof Verbatim | typeof Component | typeof Authority;

/** What a render checks afterwards: dot segments, an empty host, the host against `allowHosts`. */
interface UrlChecks {
  readonly values: readonly CompiledPlaceholder[];
  readonly slots: readonly (PathSegmentSlot & { between: readonly string[] })[];
  readonly hostValues: readonly number[];
  /** The encoded values are kept only when a check needs them. */
  readonly keepPieces: boolean;
  readonly hostHasText: boolean;
  readonly anyRaw: boolean;
  readonly hostCheck: HostAllowList | undefined;
  readonly wholeUrl: boolean;
}

/** The one renderer every url template shares; `parts` is `[literal, (reader, encoding, literal)*]`. */
function renderUrl(parts: readonly unknown[], checks: UrlChecks | undefined, data: unknown): string {
  const pieces: string[] | undefined = checks?.keepPieces ? [] : undefined;
  let out = parts[0] as string;
  for (let i = 1; i < parts.length; i += 3) {
    const text = valueToString(readPlaceholder(parts[i] as PlaceholderReader, data));
    const encoding = parts[i + 1] as Encoding;
    const piece =
      encoding === Component
        ? encodeUrlComponent(text)
        : encoding === Authority
          ? encodeUrlAuthority(text)
          : text;
    if (pieces !== undefined) pieces.push(piece);
    out += piece + (parts[i + 2] as string);
  }
  if (checks !== undefined) checkRender(out, checks, pieces);
  return out;
}

function checkRender(out: string, checks: UrlChecks, pieces: readonly string[] | undefined): void {
  const { values, hostValues } = checks;
  if (pieces !== undefined) {
    for (const slot of checks.slots) {
      if (isDotSegment(segmentText(slot, pieces))) throw dotSegmentError(values[slot.first]!);
    }
    if (!checks.hostHasText && hostValues.length > 0 && hostValues.every((i) => pieces[i] === '')) {
      throw hostError(values, hostValues, 'would leave the URL without a host');
    }
  }
  if (checks.anyRaw || checks.hostCheck)
    checkRenderedUrl(out, checks.anyRaw, checks.hostCheck, checks.wholeUrl, values, hostValues);
}

function encoderFor(
  value: CompiledPlaceholder,
  place: UrlPlace,
  allowHosts: HostAllowList | undefined,
): Encoding {
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
      return Verbatim;
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
      return Authority;
    default:
      return value.raw ? Verbatim : Component;
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

import { SwitchboardError } from '../errors/index.js';
import type { CompiledPlaceholder } from './compilePlaceholder.js';
import { layoutUrlTemplate, type PathSegmentSlot, type UrlPlace } from './layoutUrlTemplate.js';
import { encodeUrlAuthority, encodeUrlComponent, isDotSegment } from './urlEncoders.js';
import { valueToString } from './valueToString.js';

type Encoder = (text: string) => string;

const verbatim: Encoder = (text) => text;

/**
 * Compiles the renderer of a `url` template with at least one placeholder. Each value is percent-encoded
 * for its place, so it cannot change the scheme, host or path structure; a value that would make a whole
 * path segment `.` or `..` is rejected. A template with a `| raw` value or a value in the authority is
 * checked after rendering: it must parse as a URL, and with `| raw` its scheme must be http or https.
 */
export function compileUrlTemplate(
  literals: readonly string[],
  values: readonly CompiledPlaceholder[],
): (data: unknown) => string {
  const { places, segments } = layoutUrlTemplate(
    literals,
    values.map((v) => v.raw),
  );
  const encoders = values.map((value, i) => encoderFor(value, places[i]!));
  const anyRaw = values.some((v) => v.raw);
  const mustParse = anyRaw || places.some((place, i) => place === 'authority' && !values[i]!.raw);
  const slots = segments.map((slot) => ({ ...slot, between: betweenLiterals(literals, slot) }));
  const n = values.length;
  const head = literals[0]!;

  return (data) => {
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
    if (mustParse) checkRenderedUrl(out, anyRaw);
    return out;
  };
}

function encoderFor(value: CompiledPlaceholder, place: UrlPlace): Encoder {
  if (value.raw) return verbatim;
  switch (place) {
    case 'scheme':
      throw new SwitchboardError(
        'SWB_TEMPLATE_PLACEMENT',
        `The value {{ ${value.placeholder.pathText} }} at offset ${value.placeholder.offset} of the URL template ` +
          'would be part of the URL scheme, where it could change where the request goes. Move the value into ' +
          'the path or query, or mark it "| raw" if it holds a whole http(s) URL.',
      );
    case 'authority':
      return encodeUrlAuthority;
    default:
      return encodeUrlComponent;
  }
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

function checkRenderedUrl(url: string, requireHttp: boolean): void {
  let protocol: string;
  try {
    protocol = new URL(url).protocol;
  } catch (cause) {
    throw new SwitchboardError('SWB_TEMPLATE_RENDER', 'The rendered URL is not a valid absolute URL', {
      cause,
    });
  }
  if (requireHttp && protocol !== 'http:' && protocol !== 'https:') {
    throw new SwitchboardError(
      'SWB_TEMPLATE_RENDER',
      `The URL rendered with a "| raw" value has the scheme "${protocol}"; only http: and https: are allowed`,
    );
  }
}

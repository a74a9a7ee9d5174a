import { SwitchboardError } from '../errors/index.js';
import { fieldValueProblem } from '../net/httpFieldValue.js';
import type { CompiledPlaceholder } from './compilePlaceholder.js';
import { valueToString } from './valueToString.js';

const sendItElsewhere =
  'which HTTP headers cannot carry (Latin-1 text without line breaks or control characters); send it in the body or the query';

/**
 * Checks header-value text written in a rule (a whole value, or the text around placeholders, which
 * starts at `offset` of the template): what undici would refuse is a load-time error.
 */
export function assertHeaderLiteral(text: string, offset = 0): void {
  const problem = fieldValueProblem(text);
  if (problem === undefined) return;
  throw new SwitchboardError(
    'SWB_HTTP_HEADER_VALUE',
    `The header value holds ${problem.what} at offset ${offset + problem.index}, ${sendItElsewhere}`,
  );
}

/**
 * Compiles the renderer of a header value with placeholders. Values are never altered (the server could
 * not tell how): one that holds a line break, a control character or a character above U+00FF fails
 * the render, naming the placeholder, not the value.
 */
export function compileHeaderTemplate(
  literals: readonly string[],
  values: readonly CompiledPlaceholder[],
): (data: unknown) => string {
  literals.forEach((literal, i) => {
    assertHeaderLiteral(literal, i === 0 ? 0 : values[i - 1]!.placeholder.end);
  });
  const n = values.length;
  const head = literals[0]!;
  return (data) => {
    let out = head;
    for (let i = 0; i < n; i++) {
      const value = values[i]!;
      const text = valueToString(value.read(data));
      const problem = fieldValueProblem(text);
      if (problem !== undefined) {
        throw new SwitchboardError(
          'SWB_HTTP_HEADER_VALUE',
          `The value of {{ ${value.placeholder.pathText} }} cannot go into an HTTP header: it holds ${problem.what}, ${sendItElsewhere}`,
        );
      }
      out += text + literals[i + 1]!;
    }
    return out;
  };
}

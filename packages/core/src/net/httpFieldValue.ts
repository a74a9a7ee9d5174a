/** Anything but what an HTTP field value may hold (RFC 9110 5.5: visible ASCII, Latin-1, space, tab). */
const unsendable = /[^\t\x20-\x7e\x80-\xff]/;

/** The first character of a header value undici would refuse: what kind it is (never which), and where. */
export interface FieldValueProblem {
  readonly what: 'a character above U+00FF' | 'a line break' | 'a control character';
  readonly index: number;
}

/** Why `text` cannot be sent as an HTTP header value, or `undefined` when it can. */
export function fieldValueProblem(text: string): FieldValueProblem | undefined {
  const match = unsendable.exec(text);
  if (!match) return undefined;
  const code = match[0].charCodeAt(0);
  const what =
    code > 0xff
      ? 'a character above U+00FF'
      : code === 0x0a || code === 0x0d
        ? 'a line break'
        : 'a control character';
  return { what, index: match.index };
}

/** An HTTP field name (RFC 9110 token). */
export const fieldNamePattern = "^[!#$%&'*+.^_`|~0-9A-Za-z-]+$";

const fieldName = new RegExp(fieldNamePattern);

export function isFieldName(name: string): boolean {
  return fieldName.test(name);
}

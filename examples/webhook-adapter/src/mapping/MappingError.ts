/** A body that the instance's mapping cannot turn into a valid event; the message says which part and why. */
export class MappingError extends Error {
  override readonly name = 'MappingError';
}

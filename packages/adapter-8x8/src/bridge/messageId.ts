let counter = 0;

/** A short unique id for each message the bridge forwards (`[A-Za-z0-9_-]`). */
export function messageId(): string {
  counter += 1;
  const random = Math.floor(Math.random() * 0x7fffffff).toString(36);
  return `${Date.now().toString(36)}-${counter.toString(36)}-${random}`;
}

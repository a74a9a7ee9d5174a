/** Whether a string holds `{{ }}` placeholders, so it must be compiled rather than used as it is. */
export function hasTemplate(value: string): boolean {
  return value.includes('{{');
}

/** Escapes `& < > " '` so a value is text, never markup, in HTML content and quoted attributes. */
export function escapeHtml(text: string): string {
  let out = '';
  let runStart = 0;
  for (let i = 0; i < text.length; i++) {
    const entity = htmlEntity(text.charCodeAt(i));
    if (entity === undefined) continue;
    out += text.slice(runStart, i) + entity;
    runStart = i + 1;
  }
  return runStart === 0 ? text : out + text.slice(runStart);
}

function htmlEntity(code: number): string | undefined {
  switch (code) {
    case 0x26:
      return '&amp;';
    case 0x3c:
      return '&lt;';
    case 0x3e:
      return '&gt;';
    case 0x22:
      return '&quot;';
    case 0x27:
      return '&#39;';
    default:
      return undefined;
  }
}

/** Where in a URL a placeholder's value lands. */
export type UrlPlace =
  | 'scheme'
  | 'userinfo'
  | 'host'
  | 'port'
  | 'path'
  | 'query-key'
  | 'query-value'
  | 'fragment';

/** A path segment that holds placeholders `first..last` (nothing but literal text between them). */
export interface PathSegmentSlot {
  /** Literal text of the segment before `first`. */
  readonly prefix: string;
  readonly first: number;
  readonly last: number;
  /** Literal text of the segment after `last`. */
  readonly suffix: string;
}

export interface UrlLayout {
  readonly places: readonly UrlPlace[];
  /** Segments that need the render-time dot-segment check (those without a raw placeholder). */
  readonly segments: readonly PathSegmentSlot[];
  /** The host part of the authority holds literal text (else only values make the host). */
  readonly hostHasText: boolean;
}

type State =
  | 'scheme'
  | 'after-scheme'
  | 'relative-slash'
  | 'authority'
  | 'path'
  | 'query-key'
  | 'query-value'
  | 'fragment';

const specialSchemes: ReadonlySet<string> = new Set(['http', 'https', 'ws', 'wss', 'ftp', 'file']);
const schemeSyntax = /^[A-Za-z][A-Za-z0-9+.-]*$/;

/**
 * Finds each placeholder's place from the literal text before it, following WHATWG URL parsing:
 * tabs and newlines are ignored, special schemes (http, https, …) take `\` as `/` and need no `//` before
 * the host, a relative reference (`/x`, `//host`, `?q`) has no scheme. A placeholder before the first
 * `:`, `/`, `?` or `#` is in the scheme. A raw placeholder there is taken to hold a whole URL: what follows
 * it is read as path.
 */
export function layoutUrlTemplate(literals: readonly string[], raw: readonly boolean[]): UrlLayout {
  const scan = new UrlScan();
  literals.forEach((literal, i) => {
    for (const ch of literal) scan.char(ch);
    if (i < raw.length) scan.placeholder(i, raw[i] === true);
  });
  scan.closeSegment();
  scan.closeAuthority();
  return { places: scan.places, segments: scan.segments, hostHasText: scan.hostHasText };
}

class UrlScan {
  readonly places: UrlPlace[] = [];
  readonly segments: PathSegmentSlot[] = [];
  hostHasText = false;
  /** Literal text of the authority so far, and the placeholders in it with their position in that text. */
  private authorityText = '';
  private authorityValues: { index: number; at: number }[] = [];
  private state: State = 'scheme';
  private scheme = '';
  private special = true;
  private slashes = 0;
  /** Literal text of the current path segment since its start or its last placeholder. */
  private segmentText = '';
  private slot: { prefix: string; first: number; last: number; raw: boolean } | undefined;

  char(ch: string): void {
    if (ch === '\t' || ch === '\n' || ch === '\r') return;
    const slash = ch === '/' || (this.special && ch === '\\');
    switch (this.state) {
      case 'scheme':
        if (ch === ':' && schemeSyntax.test(this.scheme)) {
          this.special = specialSchemes.has(this.scheme.toLowerCase());
          this.state = 'after-scheme';
        } else if (slash && this.scheme === '') this.state = 'relative-slash';
        else if (slash || ch === '?' || ch === '#' || ch === ':') this.enterPath(`${this.scheme}${ch}`);
        else this.scheme += ch;
        return;
      case 'after-scheme':
        if (slash) {
          this.slashes++;
          if (!this.special && this.slashes === 2) this.state = 'authority';
          return;
        }
        this.state = this.special ? 'authority' : 'path';
        this.char(ch);
        return;
      case 'relative-slash':
        if (slash) this.state = 'authority';
        else this.enterPath(ch);
        return;
      case 'authority':
        if (slash) {
          this.closeAuthority();
          this.state = 'path';
        } else if (ch === '?' || ch === '#') {
          this.closeAuthority();
          this.leavePath(ch);
        } else this.authorityText += ch;
        return;
      case 'path':
        if (slash) this.closeSegment();
        else if (!this.leavePath(ch)) this.segmentText += ch;
        return;
      case 'query-key':
        if (ch === '=') this.state = 'query-value';
        else this.leavePath(ch);
        return;
      default:
        this.leavePath(ch);
    }
  }

  placeholder(index: number, raw: boolean): void {
    switch (this.state) {
      case 'scheme':
        this.places.push('scheme');
        this.special = true;
        this.state = 'path';
        this.slot = { prefix: '', first: index, last: index, raw: true };
        return;
      case 'after-scheme':
        this.state = this.special ? 'authority' : 'path';
        this.placeholder(index, raw);
        return;
      case 'relative-slash':
        this.state = 'path';
        this.placeholder(index, raw);
        return;
      case 'authority':
        this.places.push('host'); // refined by closeAuthority
        this.authorityValues.push({ index, at: this.authorityText.length });
        return;
      case 'path':
        this.places.push('path');
        if (this.slot) {
          this.slot.last = index;
          this.slot.raw ||= raw;
        } else this.slot = { prefix: this.segmentText, first: index, last: index, raw };
        this.segmentText = '';
        return;
      default:
        this.places.push(this.state);
    }
  }

  /**
   * At the end of the authority, tells user info, host and port apart as WHATWG URL parsing does: user
   * info ends at the last `@`, the port starts at the first `:` after it outside `[ ]`.
   */
  closeAuthority(): void {
    const text = this.authorityText;
    const userEnd = text.lastIndexOf('@');
    let portStart = text.length;
    let bracket = false;
    for (let i = userEnd + 1; i < text.length; i++) {
      if (text[i] === '[') bracket = true;
      else if (text[i] === ']') bracket = false;
      else if (text[i] === ':' && !bracket) {
        portStart = i;
        break;
      }
    }
    this.hostHasText ||= portStart > userEnd + 1;
    for (const { index, at } of this.authorityValues) {
      this.places[index] = at <= userEnd ? 'userinfo' : at > portStart ? 'port' : 'host';
    }
    this.authorityText = '';
    this.authorityValues = [];
  }

  /** Ends the current path segment, keeping it for the dot-segment check if it holds placeholders. */
  closeSegment(): void {
    const slot = this.slot;
    if (slot && !slot.raw) {
      this.segments.push({
        prefix: slot.prefix,
        first: slot.first,
        last: slot.last,
        suffix: this.segmentText,
      });
    }
    this.slot = undefined;
    this.segmentText = '';
  }

  /** Handles `?`, `#` and `&`, which end a path or start a query part; whether `ch` was one of them. */
  private leavePath(ch: string): boolean {
    if (ch === '#') {
      this.closeSegment();
      this.state = 'fragment';
    } else if (
      ch === '?' &&
      this.state !== 'fragment' &&
      this.state !== 'query-key' &&
      this.state !== 'query-value'
    ) {
      this.closeSegment();
      this.state = 'query-key';
    } else if (ch === '&' && (this.state === 'query-key' || this.state === 'query-value')) {
      this.state = 'query-key';
    } else return false;
    return true;
  }

  private enterPath(firstChars: string): void {
    this.state = 'path';
    this.segmentText = '';
    for (const ch of firstChars) this.char(ch);
  }
}

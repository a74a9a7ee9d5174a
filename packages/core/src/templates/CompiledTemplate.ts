import type { HostAllowList } from './HostAllowList.js';

/**
 * How the values of a template's `{{ }}` placeholders are encoded: `url` per URL part, `html` escaped,
 * `header` checked (an HTTP header value carries Latin-1 text without line breaks), `text` as is.
 */
export type TemplateEncoding = 'url' | 'html' | 'header' | 'text';

export const templateEncodings: readonly TemplateEncoding[] = ['url', 'html', 'header', 'text'];

/** A template parsed once and rendered many times. */
export interface CompiledTemplate {
  /** The template text as written. */
  readonly source: string;
  readonly encoding: TemplateEncoding;
  /** The data paths the placeholders read, normalized (`vars.order`, `vars["order number"]`, `items[0]`), each once. */
  readonly paths: readonly string[];
  /** A url template whose host comes from a value: each render checks it against `allowHosts`. */
  readonly hostFromValue: boolean;
  /**
   * Fills the template from `data`. A string, except in `text` encoding for a template that is exactly one
   * placeholder without a string-making filter: then the value itself (number, object, …).
   */
  render(data: unknown): unknown;
}

export interface TemplateOptions {
  /**
   * The hosts a url template may send a request to when a value decides its host. Without it, a value
   * in a URL's host (or a whole `| raw` URL) is a placement error.
   */
  readonly allowHosts?: HostAllowList;
}

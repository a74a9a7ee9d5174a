import type { CilLibrary, CilResult } from './browserTypes.js';
import type { DoneRequests } from './DoneRequests.js';

/**
 * Makes the daemon's requests on the Integration API library and answers with `{success, response,
 * error}`. Only the listed requests run; anything else is refused. A request with a `key` runs once per
 * key (`DoneRequests`): sent again after a daemon restart, it gets the first answer. Runs in the browser
 * (self-contained).
 */
export class CilRequestRunner {
  #cil: CilLibrary;
  readonly #allowed: ReadonlySet<string>;
  readonly #done: DoneRequests | undefined;

  constructor(cil: CilLibrary, allowed: readonly string[], done?: DoneRequests) {
    this.#cil = cil;
    this.#allowed = new Set(allowed);
    this.#done = done;
  }

  /** Requests answered from an earlier one with the same key. */
  get repeated(): number {
    return this.#done?.repeated ?? 0;
  }

  /** Makes the requests on this API object from now on (the one `initIntegration` handed over). */
  use(cil: CilLibrary): void {
    this.#cil = cil;
  }

  async run(message: unknown): Promise<CilResult> {
    if (typeof message !== 'object' || message === null)
      return { success: false, error: 'the request is not an object' };
    const { request, args, key } = message as { request?: unknown; args?: unknown; key?: unknown };
    if (typeof request !== 'string' || !this.#allowed.has(request))
      return { success: false, error: `the bridge does not make the request ${String(request)}` };
    const list = Array.isArray(args) ? args : [];
    if (this.#done && typeof key === 'string' && key !== '' && key.length <= 200)
      return this.#done.once(`${request}:${key}`, () => this.#make(request, list));
    return this.#make(request, list);
  }

  async #make(request: string, args: readonly unknown[]): Promise<CilResult> {
    const method = this.#cil[request];
    if (typeof method !== 'function')
      return { success: false, error: `this b+s Connects version has no request ${request}` };
    try {
      const result: unknown = await method.apply(this.#cil, args);
      if (
        typeof result === 'object' &&
        result !== null &&
        typeof (result as CilResult).success === 'boolean'
      ) {
        const r = result as CilResult;
        return {
          success: r.success === true,
          ...(r.response !== undefined ? { response: r.response } : {}),
          ...(r.error !== undefined
            ? { error: String(r.error instanceof Error ? r.error.message : r.error) }
            : {}),
        };
      }
      return result === undefined ? { success: true } : { success: true, response: result };
    } catch (error) {
      return { success: false, error: error instanceof Error ? error.message : String(error) };
    }
  }
}

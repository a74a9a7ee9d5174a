import type { ActionContext, ActionExecutor, ActionRequest } from '../../contract/ActionExecutor.js';
import { SwitchboardError } from '../../errors/index.js';
import {
  defaultIdempotencyHeader,
  type HttpClient,
  type IdempotencyKey,
  redactUrl,
} from '../../net/HttpClient.js';

interface HttpParams {
  method?: string;
  url: string;
  query?: Record<string, string | number | boolean>;
  headers?: Record<string, string>;
  body?: unknown;
  timeout?: number;
  retries?: number;
  retryDelay?: number;
  idempotencyKey?: boolean | string;
  okStatus?: number[];
}

/** Core's `http` action: the reply body (parsed JSON or text) is the action's result. */
export class HttpActionExecutor implements ActionExecutor {
  readonly action = 'http';
  readonly #client: HttpClient;

  constructor(client: HttpClient) {
    this.#client = client;
  }

  async execute(request: ActionRequest, context: ActionContext): Promise<unknown> {
    const params = request.params as unknown as HttpParams;
    const url = new URL(params.url);
    for (const [key, value] of Object.entries(params.query ?? {}))
      url.searchParams.append(key, String(value));
    const idempotencyKey = idempotencyKeyFor(params, request);
    const response = await this.#client.request({
      method: params.method ?? 'GET',
      url: url.href,
      ...(params.headers ? { headers: params.headers } : {}),
      body: params.body,
      timeoutMs: params.timeout ?? 5000,
      retries: params.retries ?? 0,
      retryDelayMs: params.retryDelay ?? 200,
      ...(idempotencyKey ? { idempotencyKey } : {}),
      signal: context.signal,
    });
    const ok =
      (response.status >= 200 && response.status < 300) || params.okStatus?.includes(response.status);
    if (!ok) {
      throw new SwitchboardError('SWB_HTTP_STATUS', `HTTP ${response.status} from ${redactUrl(url.href)}`);
    }
    return response.body;
  }
}

/** The key `idempotencyKey:` asks for: the value the rule's `headers` give that header, else the action's own. */
function idempotencyKeyFor(params: HttpParams, request: ActionRequest): IdempotencyKey | undefined {
  const setting = params.idempotencyKey;
  if (setting === undefined || setting === false) return undefined;
  const header = setting === true ? defaultIdempotencyHeader : setting;
  const lower = header.toLowerCase();
  const given = Object.entries(params.headers ?? {}).find(([name]) => name.toLowerCase() === lower)?.[1];
  const value = given || request.idempotencyKey;
  if (!value) {
    throw new SwitchboardError('SWB_ACTION_FAILED', 'the `http` action was given no idempotency key to send');
  }
  return { header, value };
}

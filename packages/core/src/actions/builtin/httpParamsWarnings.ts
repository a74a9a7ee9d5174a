import type { ParamsWarning } from './ParamsWarning.js';

const sentOnce: ReadonlySet<string> = new Set(['POST', 'PATCH']);

/** `retries` on a POST or PATCH without `idempotencyKey` is valid but never used: say so at load time. */
export function httpParamsWarnings(params: Readonly<Record<string, unknown>>): ParamsWarning[] {
  const method = typeof params.method === 'string' ? params.method : 'GET';
  const retries = typeof params.retries === 'number' ? params.retries : 0;
  const keyed = params.idempotencyKey !== undefined && params.idempotencyKey !== false;
  if (!sentOnce.has(method) || retries === 0 || keyed) return [];
  return [
    {
      path: ['retries'],
      message:
        `\`retries\` is not used for a ${method}: a request that timed out may have been carried out, and ` +
        'sending it again could create a second record. Add `idempotencyKey: true` if the API honours an ' +
        '`Idempotency-Key` header (or name its header), or remove `retries`',
    },
  ];
}

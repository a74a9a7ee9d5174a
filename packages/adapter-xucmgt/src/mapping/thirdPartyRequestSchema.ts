const idValue = { type: ['integer', 'string'] } as const;
const text = { type: 'string' } as const;
const number = { type: ['string', 'number'] } as const;

/**
 * JSON Schema of the body XucMgt POSTs to `THIRD_PARTY_URL`, covering every documented version:
 * 2016 (`user`, `caller`, `callee`, `queue`, `userData`), 2017.03 (+ `callDataCallId`),
 * 2024.05 / nextlts (+ `user.token`, a JWT, and `userData.SIPCALLID`). Unknown fields are allowed and kept.
 */
export const thirdPartyRequestSchema = {
  $id: 'https://switchboard.dev/schemas/xucmgt-third-party-request.schema.json',
  title: 'XucMgt third-party web-service request',
  type: 'object',
  required: ['user'],
  properties: {
    user: {
      type: 'object',
      properties: {
        userId: idValue,
        agentId: idValue,
        firstName: text,
        lastName: text,
        fullName: text,
        token: { type: 'string', 'x-secret': true, description: 'JWT of the CTI user (2024.05+).' },
      },
    },
    caller: number,
    callee: number,
    queue: {
      type: ['object', 'null'],
      properties: { id: idValue, name: text, displayName: text, number },
    },
    userData: {
      type: ['object', 'null'],
      properties: { SIPCALLID: text },
    },
    callDataCallId: number,
  },
} as const;

/** The body as the schema admits it; other fields may be present. */
export interface ThirdPartyRequest {
  readonly user: {
    readonly userId?: number | string;
    readonly agentId?: number | string;
    readonly firstName?: string;
    readonly lastName?: string;
    readonly fullName?: string;
    readonly token?: string;
    readonly [key: string]: unknown;
  };
  readonly caller?: string | number;
  readonly callee?: string | number;
  readonly queue?: {
    readonly id?: number | string;
    readonly name?: string;
    readonly displayName?: string;
    readonly number?: string | number;
    readonly [key: string]: unknown;
  } | null;
  readonly userData?: Readonly<Record<string, unknown>> | null;
  readonly callDataCallId?: string | number;
  readonly [key: string]: unknown;
}

/** Documented shapes of the XucMgt web-service POST, by the XiVO doc version that introduced them. */
export type RequestShape = '2016' | '2017' | '2024';

export interface SampleRequestOptions {
  readonly queue?: string | null;
  readonly caller?: string;
  readonly callee?: string;
  /** `callDataCallId` (2017+) and `userData.SIPCALLID` (2024) are derived from it. */
  readonly callId?: string;
  /** The 2024 `user.token`; default a sample JWT (`sampleUserToken()`). */
  readonly token?: string;
  readonly userData?: Readonly<Record<string, unknown>>;
}

const base64url = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

/** A JWT shaped like XiVO's CTI token (claims from the 2024.05 docs); its signature is random. */
export function sampleUserToken(login = 'jbond', signature = 'c2lnbmF0dXJlLW5vdC1jaGVja2Vk'): string {
  const issuedAt = 1_717_000_000;
  const claims = {
    login,
    expiresAt: issuedAt + 3600,
    issuedAt,
    userType: 'cti',
    acls: ['alias.ctiuser'],
    softwareType: 'webBrowser',
  };
  return `${base64url({ alg: 'HS256', typ: 'JWT' })}.${base64url(claims)}.${signature}`;
}

/**
 * A POST body as XucMgt of that version sends it (the docs' example: James Bond, queue `trucks`).
 * 2016: user, caller, callee, queue, userData. 2017: + callDataCallId. 2024: + user.token, userData.SIPCALLID.
 */
export function sampleRequest(
  shape: RequestShape,
  options: SampleRequestOptions = {},
): Record<string, unknown> {
  const queueName = options.queue === undefined ? 'trucks' : options.queue;
  const caller = options.caller ?? '1001';
  const callee = options.callee ?? '1000';
  const callId = options.callId ?? '1471858488.233';
  const user: Record<string, unknown> = {
    userId: 4,
    agentId: 1,
    firstName: 'James',
    lastName: 'Bond',
    fullName: 'James Bond',
  };
  const userData: Record<string, unknown> = {
    XIVO_CONTEXT: 'default',
    XIVO_USERID: '2',
    XIVO_SRCNUM: caller,
    XIVO_DSTNUM: '3001',
    ...options.userData,
  };
  if (shape === '2024') {
    user.token = options.token ?? sampleUserToken();
    userData.SIPCALLID = `${callId.replace('.', '-')}@192.168.56.3`;
  }
  const queue =
    queueName === null
      ? undefined
      : {
          id: 2,
          name: queueName,
          displayName: queueName[0]?.toUpperCase() + queueName.slice(1),
          number: '3001',
        };
  return {
    user,
    callee,
    caller,
    ...(queue ? { queue } : {}),
    userData,
    ...(shape === '2016' ? {} : { callDataCallId: callId }),
  };
}

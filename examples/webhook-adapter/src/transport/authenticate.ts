import { createHmac } from 'node:crypto';
import { sameSecret } from '@switchboard/core';
import type { HmacAuth } from '../options.js';

type Headers = Readonly<Record<string, string | string[] | undefined>>;

const single = (value: string | string[] | undefined): string | undefined =>
  typeof value === 'string' ? value : undefined;

/** `Authorization: Bearer <token>` carries the configured token. */
export function verifyBearer(headers: Headers, token: string): boolean {
  const match = /^Bearer[ ]+(\S+)\s*$/i.exec(single(headers.authorization) ?? '');
  // compare even when the header is missing, so the time taken says nothing about the token
  return sameSecret(match?.[1] ?? '', token) && match !== null;
}

/** The signature header carries `prefix + HMAC(raw body)` in the configured encoding. */
export function verifyHmac(headers: Headers, rawBody: Buffer, hmac: HmacAuth): boolean {
  const given = single(headers[hmac.header.toLowerCase()]) ?? '';
  const expected = signBody(rawBody, hmac);
  // hex digests are compared without regard to case; base64 is case-sensitive
  return hmac.encoding === 'hex'
    ? sameSecret(given.trim().toLowerCase(), expected.toLowerCase())
    : sameSecret(given.trim(), expected);
}

/** Signs a body as a sender would; for tests and senders written in TypeScript. */
export function signBody(rawBody: string | Buffer, hmac: Omit<HmacAuth, 'header'>): string {
  return `${hmac.prefix}${createHmac(hmac.algorithm, hmac.secret).update(rawBody).digest(hmac.encoding)}`;
}

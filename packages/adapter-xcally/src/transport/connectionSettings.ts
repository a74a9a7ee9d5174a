import { readFile } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import type { XcallyOptions } from '../options.js';
import type { ConnectionSettings } from './XcallyConnection.js';

/** Pure: options (+ the CA's PEM text) → what the connection needs. */
export function connectionSettings(options: XcallyOptions, ca: string | undefined): ConnectionSettings {
  const serverUrl = options.url.replace(/\/+$/, '');
  const query: Record<string, string> = { ...options.query };
  const auth: Record<string, unknown> = { ...options.auth };
  if (options.token !== undefined) {
    query.token = options.token;
    auth.token = options.token;
  }
  const tls = {
    ...(ca !== undefined ? { ca } : {}),
    rejectUnauthorized: options.tls.rejectUnauthorized,
  };
  const extraHeaders = { ...options.extraHeaders };
  return {
    protocol: options.protocol,
    where: displayUrl(serverUrl),
    backoff: options.reconnect,
    client: {
      url: options.namespace === '/' ? serverUrl : `${serverUrl}${options.namespace}`,
      path: options.path,
      transports: options.transports,
      query,
      auth,
      extraHeaders,
      timeoutMs: options.connectTimeoutMs,
      confirmTimeoutMs: options.confirmTimeoutMs,
      ...tls,
    },
    probe: {
      serverUrl,
      path: options.path,
      query,
      extraHeaders,
      timeoutMs: options.connectTimeoutMs,
      ...tls,
    },
  };
}

/** Reads `tls.ca` (relative to the config folder); a missing or unreadable file is a clear start error. */
export async function readCaFile(configDir: string, file: string | undefined): Promise<string | undefined> {
  if (file === undefined) return undefined;
  const path = isAbsolute(file) ? file : resolve(configDir, file);
  let pem: string;
  try {
    pem = await readFile(path, 'utf8');
  } catch (error) {
    throw new Error(`tls.ca: cannot read the CA file ${path}: ${(error as Error).message}`, { cause: error });
  }
  if (!pem.includes('-----BEGIN CERTIFICATE-----')) {
    throw new Error(`tls.ca: ${path} holds no PEM certificate (-----BEGIN CERTIFICATE-----)`);
  }
  return pem;
}

/** `https://host:8888` for logs: no credentials, no query. */
function displayUrl(url: string): string {
  const u = new URL(url);
  const path = u.pathname === '/' ? '' : u.pathname;
  return `${u.protocol}//${u.host}${path}`;
}

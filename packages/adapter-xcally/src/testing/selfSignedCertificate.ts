/** A key and certificate in PEM; the certificate is its own CA (give it to clients as `tls.ca`). */
export interface SelfSignedCertificate {
  readonly key: string;
  readonly cert: string;
}

/**
 * A fresh self-signed certificate for the emulator's HTTPS (EC P-256, valid one day), naming
 * `localhost` and `127.0.0.1` by default. Needs the `selfsigned` package (a dev dependency).
 */
export async function generateSelfSignedCertificate(
  hosts: readonly string[] = ['localhost', '127.0.0.1'],
): Promise<SelfSignedCertificate> {
  let selfsigned: typeof import('selfsigned');
  try {
    selfsigned = await import('selfsigned');
  } catch (error) {
    throw new Error('generating a certificate needs selfsigned: npm install -D selfsigned', { cause: error });
  }
  const now = new Date();
  const pems = await selfsigned.generate([{ name: 'commonName', value: hosts[0] ?? 'localhost' }], {
    keyType: 'ec',
    algorithm: 'sha256',
    notBeforeDate: new Date(now.getTime() - 60_000),
    notAfterDate: new Date(now.getTime() + 24 * 3600_000),
    extensions: [
      { name: 'basicConstraints', cA: true },
      {
        name: 'subjectAltName',
        altNames: hosts.map((h) =>
          /^[\d.]+$|:/.test(h) ? { type: 7 as const, ip: h } : { type: 2 as const, value: h },
        ),
      },
    ],
  });
  return { key: pems.private, cert: pems.cert };
}

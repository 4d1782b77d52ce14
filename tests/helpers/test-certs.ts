import { generate } from "selfsigned";

/**
 * Certificates made at test time (never checked in, so none can expire in the
 * repository): a test CA, and server certificates for localhost / 127.0.0.1 with
 * any validity window, signed by that CA or by themselves.
 */
export type Pem = { key: string; cert: string };

const DAY = 86_400_000;

export async function testCa(): Promise<Pem> {
  const ca = await generate([{ name: "commonName", value: "Uptime Ledger test CA" }], {
    keyType: "ec",
    algorithm: "sha256",
    notBeforeDate: new Date(Date.now() - 365 * DAY),
    notAfterDate: new Date(Date.now() + 365 * DAY),
    extensions: [
      { name: "basicConstraints", cA: true, critical: true },
      { name: "keyUsage", keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true },
    ],
  });
  return { key: ca.private, cert: ca.cert };
}

export async function serverCert(opts: { ca?: Pem; notBefore: Date; notAfter: Date; hostname?: string }): Promise<Pem> {
  const host = opts.hostname ?? "localhost";
  const pem = await generate([{ name: "commonName", value: host }], {
    keyType: "ec",
    algorithm: "sha256",
    notBeforeDate: opts.notBefore,
    notAfterDate: opts.notAfter,
    extensions: [
      { name: "basicConstraints", cA: false },
      { name: "keyUsage", digitalSignature: true, keyEncipherment: true },
      { name: "extKeyUsage", serverAuth: true },
      {
        name: "subjectAltName",
        altNames: [
          { type: 2, value: host },
          { type: 7, ip: "127.0.0.1" },
        ],
      },
    ],
    ...(opts.ca ? { ca: { key: opts.ca.key, cert: opts.ca.cert } } : {}),
  });
  return { key: pem.private, cert: pem.cert };
}

export const days = (n: number, from = Date.now()) => new Date(from + n * DAY);

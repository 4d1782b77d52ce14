import https from "node:https";
import net from "node:net";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { DnsProbe, TcpProbe, TlsProbe } from "@/core/config/resolve";
import { runProbe } from "@/probes/run-probe";
import { startDnsServer } from "../helpers/dns-server";
import { days, serverCert, testCa, type Pem } from "../helpers/test-certs";

/** TLS certificate expiry, DNS resolution and TCP connect checks, each against its own local server. */
const base = { serviceSlug: "s", functionKey: "app" as const, location: "local", intervalMs: 60_000, timeoutMs: 1000, confirm: 3, maxLatencyMs: null };
const DAY = 86_400_000;
const closers: (() => void)[] = [];
afterEach(() => closers.splice(0).forEach((c) => c()));

async function tlsServer(cert: Pem): Promise<number> {
  const server = https.createServer(cert, (_req, res) => res.end("ok"));
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  closers.push(() => {
    server.closeAllConnections();
    server.close();
  });
  return (server.address() as AddressInfo).port;
}

describe("TLS certificate check", () => {
  let ca: Pem;
  beforeAll(async () => {
    ca = await testCa();
  });
  const tls = (port: number, extra: Partial<TlsProbe> = {}): TlsProbe => ({
    ...base,
    key: "tls",
    kind: "tls",
    host: "localhost",
    port,
    servername: null,
    warnDays: 14,
    ca: ca.cert,
    ...extra,
  });

  it("100 days left: UP, with the certificate's dates kept only when not UP", async () => {
    const now = Date.now();
    const port = await tlsServer(await serverCert({ ca, notBefore: days(-1, now), notAfter: days(100, now) }));
    const r = await runProbe(tls(port), new Date(now));
    expect([r.state, r.errorClass, r.message]).toEqual(["UP", null, null]);
    expect(r.detail).toBeNull();
  });

  it("10 days left with a 14-day warning: DEGRADED, saying when", async () => {
    const now = Date.now();
    const notAfter = days(10, now);
    const port = await tlsServer(await serverCert({ ca, notBefore: days(-1, now), notAfter }));
    const r = await runProbe(tls(port), new Date(now));
    expect([r.state, r.errorClass]).toEqual(["DEGRADED", null]);
    // the certificate's notAfter is stored to the second
    const validTo = new Date(Math.floor(notAfter.getTime() / 1000) * 1000).toISOString();
    expect(r.message).toBe(`certificate for localhost expires on ${validTo}, in 9 days (warning from 14 days)`);
    expect(r.detail?.certificate).toMatchObject({ validTo, daysLeft: 9, authorized: true });
  });

  it("judged at the run's instant: the same 100-day certificate seen 95 days later warns", async () => {
    const now = Date.now();
    const port = await tlsServer(await serverCert({ ca, notBefore: days(-1, now), notAfter: days(100, now) }));
    const r = await runProbe(tls(port), new Date(now + 95 * DAY));
    expect(r.state).toBe("DEGRADED");
    expect(r.detail?.certificate?.daysLeft).toBe(4);
  });

  it("expired: DOWN with TLS_CERT_EXPIRED and how long ago", async () => {
    const now = Date.now();
    const port = await tlsServer(await serverCert({ ca, notBefore: days(-30, now), notAfter: days(-3, now) }));
    const r = await runProbe(tls(port), new Date(now));
    expect([r.state, r.errorClass]).toEqual(["DOWN", "TLS_CERT_EXPIRED"]);
    expect(r.message).toMatch(/^certificate for localhost expired on .* \(3 days ago\)$/);
  });

  it("self-signed: DOWN with TLS_CERT_UNTRUSTED", async () => {
    const port = await tlsServer(await serverCert({ notBefore: days(-1), notAfter: days(200) }));
    const r = await runProbe(tls(port, { ca: null }), new Date());
    expect([r.state, r.errorClass]).toEqual(["DOWN", "TLS_CERT_UNTRUSTED"]);
    expect(r.message).toBe("certificate for localhost is not trusted (DEPTH_ZERO_SELF_SIGNED_CERT)");
  });

  it("a certificate for another name: DOWN with TLS_CERT_UNTRUSTED", async () => {
    const port = await tlsServer(await serverCert({ ca, notBefore: days(-1), notAfter: days(200), hostname: "other.example" }));
    const r = await runProbe(tls(port, { servername: "pay.example" }), new Date());
    expect([r.state, r.errorClass]).toEqual(["DOWN", "TLS_CERT_UNTRUSTED"]);
    expect(r.message).toMatch(/ERR_TLS_CERT_ALTNAME_INVALID/);
  });

  it("nothing listening: CONNECTION_REFUSED", async () => {
    const r = await runProbe(tls(9), new Date());
    expect([r.state, r.errorClass]).toEqual(["DOWN", "CONNECTION_REFUSED"]);
  });
});

describe("DNS check", () => {
  let server: Awaited<ReturnType<typeof startDnsServer>>;
  beforeAll(async () => {
    server = await startDnsServer({ "pay.test": { a: ["10.0.0.7", "10.0.0.8"] }, "broken.test": { servfail: true }, "mute.test": { silent: true } });
  });
  afterAll(() => server.close());
  const dns = (name: string, extra: Partial<DnsProbe> = {}): DnsProbe => ({
    ...base,
    key: "dns",
    kind: "dns",
    name,
    recordType: "A",
    servers: [server.address],
    expect: { contains: [] },
    ...extra,
  });

  it("answers: UP", async () => {
    expect((await runProbe(dns("pay.test", { expect: { contains: ["10.0.0.8"] } }), new Date())).state).toBe("UP");
  });

  it("NXDOMAIN: DOWN with DNS, saying the name does not exist", async () => {
    const r = await runProbe(dns("gone.test"), new Date());
    expect([r.state, r.errorClass, r.message]).toEqual(["DOWN", "DNS", "gone.test A: name does not exist (NXDOMAIN)"]);
  });

  it("SERVFAIL: DOWN with DNS", async () => {
    const r = await runProbe(dns("broken.test"), new Date());
    expect([r.state, r.errorClass, r.message]).toEqual(["DOWN", "DNS", "broken.test A: the DNS server failed (SERVFAIL)"]);
  });

  it("no answer: TIMEOUT within the deadline", async () => {
    const started = performance.now();
    const r = await runProbe(dns("mute.test"), new Date());
    expect([r.state, r.errorClass]).toEqual(["DOWN", "TIMEOUT"]);
    expect(performance.now() - started).toBeLessThan(1500);
  });

  it("an answer without the expected address: ASSERTION_DNS listing what came back", async () => {
    const r = await runProbe(dns("pay.test", { expect: { contains: ["10.0.0.9"] } }), new Date());
    expect([r.state, r.errorClass, r.message]).toEqual(["DOWN", "ASSERTION_DNS", "pay.test A answered 10.0.0.7, 10.0.0.8; missing 10.0.0.9"]);
    expect(r.detail?.dns).toEqual({ name: "pay.test", recordType: "A", records: ["10.0.0.7", "10.0.0.8"] });
  });
});

describe("TCP connect check", () => {
  const tcp = (port: number): TcpProbe => ({ ...base, key: "tcp", kind: "tcp", host: "127.0.0.1", port });

  it("a listening port: UP", async () => {
    const server = net.createServer((s) => s.end());
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    closers.push(() => server.close());
    expect((await runProbe(tcp((server.address() as AddressInfo).port), new Date())).state).toBe("UP");
  });

  it("a closed port: CONNECTION_REFUSED", async () => {
    const r = await runProbe(tcp(9), new Date());
    expect([r.state, r.errorClass, r.message]).toEqual(["DOWN", "CONNECTION_REFUSED", "connection refused"]);
  });
});

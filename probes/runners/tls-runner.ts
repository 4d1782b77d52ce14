import tls from "node:tls";
import type { TlsProbe } from "@/core/config/resolve";
import type { Verdict } from "@/core/evaluate-response";
import type { CertificateDetail } from "@/core/result-detail";
import type { ProbeRunner } from "../run-context";
import { classifyNetworkError } from "./classify-error";
import { slowerThan, toOutcome } from "./outcome";

const DAY_MS = 86_400_000;
// Dates are judged against the run's instant below, so OpenSSL's own date verdicts are set aside.
const DATE_ERRORS = new Set(["CERT_HAS_EXPIRED", "CERT_NOT_YET_VALID"]);

/**
 * A TLS handshake to read the server's certificate: expired → DOWN; fewer than
 * `warnDays` left → DEGRADED with the date; not trusted (self-signed, unknown
 * issuer, wrong name) → DOWN. Expiry is judged against the run's instant, so a
 * result says what was true when it was measured.
 */
export const runTlsCheck: ProbeRunner<TlsProbe> = async (probe, ctx) => {
  const started = performance.now();
  const servername = probe.servername ?? (isIp(probe.host) ? undefined : probe.host);
  const result = await new Promise<
    | { ok: true; cert: tls.PeerCertificate; x509: import("node:crypto").X509Certificate | undefined; authorized: boolean; authorizationError: string | null }
    | { ok: false; err: unknown; timedOut: boolean }
  >((resolve) => {
    const socket = tls.connect({
      host: probe.host,
      port: probe.port,
      servername,
      rejectUnauthorized: false,
      ...(probe.ca ? { ca: [...tls.rootCertificates, probe.ca] } : {}),
    });
    const timer = setTimeout(() => {
      socket.destroy();
      resolve({ ok: false, err: null, timedOut: true });
    }, probe.timeoutMs);
    socket.once("secureConnect", () => {
      clearTimeout(timer);
      const authError = socket.authorizationError
        ? String((socket.authorizationError as unknown as { code?: string }).code ?? socket.authorizationError)
        : null;
      resolve({
        ok: true,
        cert: socket.getPeerCertificate(),
        x509: socket.getPeerX509Certificate(),
        authorized: socket.authorized,
        authorizationError: authError,
      });
      socket.end();
      socket.destroy();
    });
    socket.once("error", (err) => {
      clearTimeout(timer);
      resolve({ ok: false, err, timedOut: false });
    });
  });
  const latencyMs = performance.now() - started;
  const measured = { latencyMs, httpStatus: null };
  if (!result.ok) {
    const v: Verdict = result.timedOut
      ? { state: "DOWN", errorClass: "TIMEOUT", message: `no TLS handshake with ${probe.host}:${probe.port} within ${probe.timeoutMs} ms` }
      : { state: "DOWN", ...classifyNetworkError(result.err) };
    return toOutcome(v, measured, ctx, { detail: { kind: "tls" } });
  }

  const validFrom = new Date(result.x509?.validFrom ?? result.cert.valid_from);
  const validTo = new Date(result.x509?.validTo ?? result.cert.valid_to);
  const nowMs = ctx.now.getTime();
  const daysLeft = Math.floor((validTo.getTime() - nowMs) / DAY_MS);
  const certificate: CertificateDetail = {
    subject: result.x509?.subject.replaceAll("\n", ", ") ?? "",
    issuer: result.x509?.issuer.replaceAll("\n", ", ") ?? "",
    validFrom: validFrom.toISOString(),
    validTo: validTo.toISOString(),
    daysLeft,
    authorized: result.authorized,
    authorizationError: result.authorizationError,
  };
  const name = servername ?? probe.host;
  let verdict: Verdict;
  if (nowMs >= validTo.getTime()) {
    verdict = {
      state: "DOWN",
      errorClass: "TLS_CERT_EXPIRED",
      message: `certificate for ${name} expired on ${validTo.toISOString()} (${Math.floor((nowMs - validTo.getTime()) / DAY_MS)} days ago)`,
    };
  } else if (nowMs < validFrom.getTime()) {
    verdict = { state: "DOWN", errorClass: "TLS_CERT_UNTRUSTED", message: `certificate for ${name} is not valid before ${validFrom.toISOString()}` };
  } else if (!result.authorized && result.authorizationError && !DATE_ERRORS.has(result.authorizationError)) {
    verdict = { state: "DOWN", errorClass: "TLS_CERT_UNTRUSTED", message: `certificate for ${name} is not trusted (${result.authorizationError})` };
  } else if (validTo.getTime() - nowMs < probe.warnDays * DAY_MS) {
    verdict = {
      state: "DEGRADED",
      errorClass: null,
      message: `certificate for ${name} expires on ${validTo.toISOString()}, in ${daysLeft} days (warning from ${probe.warnDays} days)`,
    };
  } else {
    verdict = slowerThan(latencyMs, probe.maxLatencyMs, "TLS handshake took ") ?? { state: "UP", errorClass: null, message: null };
  }
  return toOutcome(verdict, measured, ctx, { detail: { kind: "tls", certificate } });
};

function isIp(host: string): boolean {
  return /^[\d.]+$/.test(host) || host.includes(":");
}

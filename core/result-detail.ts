import type { ErrorClass } from "./probe-result";

/**
 * What a run saw beyond its verdict, kept for runs that were not UP so an outage
 * can be traced to the answer that caused it. Everything here is already
 * redacted (core/evidence/redact.ts): no header value or body text is stored raw.
 */

/** Milliseconds from the start of the exchange; null where the phase did not happen (no DNS for an IP, no TLS for http). */
export type TimingPhases = {
  dnsMs: number | null;
  connectMs: number | null;
  tlsMs: number | null;
  firstByteMs: number | null;
  totalMs: number;
};

export type ResponseDetail = {
  method: string;
  url: string;
  status: number | null;
  headers: Record<string, string>;
  phases: TimingPhases;
  /** body bytes received (the excerpt kept as evidence is at most the configured size) */
  bodyBytes: number;
  /** URLs of the redirects followed before this answer, oldest first */
  redirects: string[];
};

export type StepOutcome = "ok" | "degraded" | "failed" | "skipped";

export type StepDetail = {
  name: string;
  /** main steps run in order and stop at the first failure; cleanup steps always run */
  phase: "main" | "cleanup";
  outcome: StepOutcome;
  ms: number | null;
  status: number | null;
  errorClass: ErrorClass | null;
  message: string | null;
};

export type CertificateDetail = {
  subject: string;
  issuer: string;
  validFrom: string;
  validTo: string;
  daysLeft: number;
  authorized: boolean;
  authorizationError: string | null;
};

export type ResultDetail = {
  kind: string;
  /** the step that decided the verdict, for flows and browser journeys */
  step?: string | null;
  steps?: StepDetail[];
  response?: ResponseDetail;
  certificate?: CertificateDetail;
  dns?: { name: string; recordType: string; records: string[] };
  tcp?: { host: string; port: number; connectMs: number | null };
  page?: { url: string; title: string | null };
};

import type { EvidenceBlob } from "./evidence/evidence-blob";
import type { ResultDetail } from "./result-detail";

/** What one probe run concluded. UNKNOWN means the monitor itself could not measure. */
export const PROBE_STATES = ["UP", "DEGRADED", "DOWN", "UNKNOWN"] as const;
export type ProbeState = (typeof PROBE_STATES)[number];

/**
 * Error classes a run can end with; each names one way a check fails. Results
 * files name a class as the prefix of their error text, so a longer name comes
 * before any class it starts with (TLS_CERT_EXPIRED before TLS).
 */
export const ERROR_CLASSES = [
  "TIMEOUT",
  "BODY_TIMEOUT",
  "SLOW_BODY",
  "CONNECTION_REFUSED",
  "CONNECTION_RESET",
  "DNS",
  "TLS_CERT_EXPIRED",
  "TLS_CERT_UNTRUSTED",
  "TLS",
  "NETWORK",
  "BODY_TOO_LARGE",
  "TOO_MANY_REDIRECTS",
  "REDIRECT_LOOP",
  // a redirect to something not http(s), or to no URL at all: the target answered wrongly (DOWN)
  "BAD_REDIRECT",
  // a connection refused before it was made: the address is in a private range this probe may not reach
  "BLOCKED_ADDRESS",
  "ASSERTION_STATUS",
  "ASSERTION_JSON",
  "ASSERTION_BODY",
  "ASSERTION_HEADER",
  "ASSERTION_PAGE",
  "ASSERTION_DNS",
  "INVALID_JSON",
  "MONITOR_ERROR",
  // the run failed and so did the location's control check around it: the monitor's own network (UNKNOWN)
  "CONTROL_FAILED",
] as const;
export type ErrorClass = (typeof ERROR_CLASSES)[number];

/** What a runner concludes about one run, before it is tied to a probe and an instant. */
export type RunOutcome = {
  state: ProbeState;
  latencyMs: number | null;
  httpStatus: number | null;
  errorClass: ErrorClass | null;
  message: string | null;
  /** steps, response, timings: kept for runs that were not UP (core/result-detail.ts) */
  detail?: ResultDetail | null;
  /** blobs kept as evidence (redacted body, screenshot, HAR); stored content-addressed */
  evidence?: EvidenceBlob[];
};

export type ProbeResult = RunOutcome & {
  probeKey: string;
  /** Start of the run; the result covers [at, at + intervalSec). */
  at: Date;
  intervalSec: number;
};

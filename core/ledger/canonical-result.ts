import type { ProbeState } from "../probe-result";

/**
 * The canonical form of one stored result, the bytes a chain hash covers
 * (docs/verify.md). Exactly these nine fields, always all present:
 *
 *   at          UTC instant with milliseconds, "YYYY-MM-DDTHH:mm:ss.sssZ"
 *   errorClass  string or null
 *   httpStatus  integer or null
 *   intervalSec integer
 *   latencyMs   integer or null
 *   message     string or null
 *   probe       the probe's key
 *   seq         integer ≥ 1, the result's place in its probe's chain
 *   state       "UP" | "DEGRADED" | "DOWN" | "UNKNOWN"
 *
 * Serialized as JSON with keys in that (code point) order, no whitespace,
 * integers in plain decimal (no sign for zero, no exponent, no fraction), strings
 * escaped as JSON.stringify does (only `"`, `\` and U+0000–U+001F, with the short
 * forms \b \f \n \r \t and \u00XX in lower case otherwise), absent values as
 * null, never omitted. The same bytes as Python's
 * json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False).
 */
export type ChainedResult = {
  probe: string;
  seq: number;
  at: string;
  intervalSec: number;
  state: ProbeState;
  latencyMs: number | null;
  httpStatus: number | null;
  errorClass: string | null;
  message: string | null;
};

export const CANONICAL_KEYS = ["at", "errorClass", "httpStatus", "intervalSec", "latencyMs", "message", "probe", "seq", "state"] as const;

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const STATES = new Set(["UP", "DEGRADED", "DOWN", "UNKNOWN"]);
// A lone surrogate has no UTF-8 form: other languages could not reproduce the bytes.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export class CanonicalFormError extends Error {
  constructor(field: string, reason: string) {
    super(`cannot put a result in canonical form: ${field} ${reason}`);
    this.name = "CanonicalFormError";
  }
}

/** The UTC instant as the canonical form writes it. */
export function canonicalInstant(d: Date): string {
  if (Number.isNaN(d.getTime())) throw new CanonicalFormError("at", "is not a valid instant");
  const s = d.toISOString();
  // Years outside 0000–9999 come out as ±YYYYYY: not the form above.
  if (!INSTANT.test(s)) throw new CanonicalFormError("at", `is outside years 0000–9999 (${s})`);
  return s;
}

/** Strings as stored: a message cut in the middle of a surrogate pair becomes U+FFFD. */
export function wellFormed(s: string): string {
  return s.replace(new RegExp(LONE_SURROGATE.source, "g"), "\uFFFD");
}

export function canonicalResultJson(r: ChainedResult): string {
  if (!INSTANT.test(r.at)) throw new CanonicalFormError("at", `must look like 2026-01-31T15:00:00.000Z (got ${JSON.stringify(r.at)})`);
  if (!STATES.has(r.state)) throw new CanonicalFormError("state", `must be UP, DEGRADED, DOWN or UNKNOWN (got ${JSON.stringify(r.state)})`);
  integer("seq", r.seq, 1);
  integer("intervalSec", r.intervalSec, 1);
  if (r.latencyMs !== null) integer("latencyMs", r.latencyMs, 0);
  if (r.httpStatus !== null) integer("httpStatus", r.httpStatus, 0);
  for (const field of ["probe", "errorClass", "message"] as const) {
    const v = r[field];
    if (v === null && field !== "probe") continue;
    if (typeof v !== "string") throw new CanonicalFormError(field, "must be a string");
    if (LONE_SURROGATE.test(v)) throw new CanonicalFormError(field, "contains a lone surrogate (not valid Unicode)");
  }
  const values: Record<(typeof CANONICAL_KEYS)[number], string | number | null> = {
    at: r.at,
    errorClass: r.errorClass,
    httpStatus: r.httpStatus,
    intervalSec: r.intervalSec,
    latencyMs: r.latencyMs,
    message: r.message,
    probe: r.probe,
    seq: r.seq,
    state: r.state,
  };
  return `{${CANONICAL_KEYS.map((k) => `${JSON.stringify(k)}:${JSON.stringify(values[k])}`).join(",")}}`;
}

function integer(field: string, v: number, min: number): void {
  if (!Number.isSafeInteger(v) || v < min) throw new CanonicalFormError(field, `must be an integer ≥ ${min} (got ${v})`);
}

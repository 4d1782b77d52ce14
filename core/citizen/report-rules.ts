/**
 * The rules of citizens' reports (docs/methodology.md, "Citizen reports"): what a report may
 * name, how it is counted and how much one client, or everyone together, may add. Pure.
 */

/** Besides the service's own functions a citizen may report these, which no probe measures. */
export const EXTRA_REPORT_KEYS = ["in-store-payment", "other"] as const;
export type ExtraReportKey = (typeof EXTRA_REPORT_KEYS)[number];

/** Reports are counted in 5-minute buckets aligned to UTC (so also to KST, 9 h ahead). */
export const REPORT_BUCKET_MS = 5 * 60_000;

export function reportBucket(at: number): number {
  return Math.floor(at / REPORT_BUCKET_MS) * REPORT_BUCKET_MS;
}

/**
 * How much one client may add. A client is an address as the trusted proxies give it, hashed
 * with a key rotated every UTC day. A browser that solved the proof of work may file 5 reports
 * an hour, one per function; a form posted without JavaScript (no proof) 2 an hour. Every
 * function takes at most 300 reports a minute from everyone together, so a flood from many
 * addresses stays bounded in storage and cannot make a count without limit.
 */
export type ReportLimits = {
  clientPerHour: number;
  clientPerHourWithoutProof: number;
  clientPerFunctionPerHour: number;
  functionPerMinute: number;
  /** leading zero bits the browser's SHA-256 must reach: about 2^bits hashes, a second or two on a phone */
  proofBits: number;
  /** how long a challenge may be used */
  proofTtlMs: number;
};

export const REPORT_LIMITS: ReportLimits = {
  clientPerHour: 5,
  clientPerHourWithoutProof: 2,
  clientPerFunctionPerHour: 1,
  functionPerMinute: 300,
  proofBits: 15,
  proofTtlMs: 10 * 60_000,
};

/** The keys a report for `serviceFunctions` may name. */
export function reportableKeys(serviceFunctions: readonly string[]): string[] {
  return [...serviceFunctions, ...EXTRA_REPORT_KEYS];
}

/** Leading zero bits of a digest (the proof of work's measure). */
export function leadingZeroBits(digest: Uint8Array): number {
  let bits = 0;
  for (const byte of digest) {
    if (byte === 0) {
      bits += 8;
      continue;
    }
    return bits + Math.clz32(byte) - 24;
  }
  return bits;
}

/**
 * A piece of evidence a run kept: a redacted body excerpt, a page screenshot or
 * a HAR. Runners return the bytes; the store writes them content-addressed
 * (sha256) and records only the hash beside the result.
 */
export const EVIDENCE_ROLES = ["body", "page", "screenshot", "har"] as const;
export type EvidenceRole = (typeof EVIDENCE_ROLES)[number];

export type EvidenceBlob = {
  role: EvidenceRole;
  /** the flow or browser step it belongs to; null for a single check */
  step: string | null;
  mediaType: string;
  bytes: Uint8Array;
};

/** What the database keeps about a stored blob. */
export type EvidenceRef = { hash: string; role: EvidenceRole; step: string | null; mediaType: string; size: number };

export const MEDIA_TYPES = {
  text: "text/plain; charset=utf-8",
  html: "text/html; charset=utf-8",
  png: "image/png",
  har: "application/json",
} as const;

import { createHash } from "node:crypto";

/**
 * The audit log as a hash chain: each entry's hash covers the previous entry's
 * hash and the entry itself in canonical JSON (keys sorted), so anyone holding a
 * copy of the public log can check that no entry was changed, removed or
 * inserted afterwards.
 */
export const GENESIS_HASH = "0".repeat(64);

export type AuditFields = {
  at: string;
  actorName: string;
  actorRole: string;
  action: string;
  serviceId: number | null;
  subject: string;
  /** canonical JSON text */
  details: string;
};

export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
}

export function auditHash(prevHash: string, f: AuditFields): string {
  const fields: AuditFields = {
    at: f.at,
    actorName: f.actorName,
    actorRole: f.actorRole,
    action: f.action,
    serviceId: f.serviceId,
    subject: f.subject,
    details: f.details,
  };
  return createHash("sha256")
    .update(`${prevHash}\n${canonicalJson(fields)}`)
    .digest("hex");
}

/** Checks a log read oldest first: the index of the first entry that does not fit, or null when all do. */
export function firstBrokenLink(entries: (AuditFields & { prevHash: string; hash: string })[]): number | null {
  let prev = GENESIS_HASH;
  for (const [i, e] of entries.entries()) {
    if (e.prevHash !== prev || auditHash(prev, e) !== e.hash) return i;
    prev = e.hash;
  }
  return null;
}

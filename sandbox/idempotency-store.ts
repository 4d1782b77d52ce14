import { createHash } from "node:crypto";
import type { JsonResponse } from "./http-io";

/**
 * Remembers the response to each (member, Idempotency-Key) so a retried money call is answered
 * from memory instead of moving money twice. The fingerprint covers method, path and body, so
 * reusing a key for a different request is detected rather than silently replayed.
 */
export type IdempotencyStore = ReturnType<typeof createIdempotencyStore>;

type Entry = { fingerprint: string; response: JsonResponse; storedAt: number };

const TTL_MS = 24 * 3_600_000;
const MAX_ENTRIES = 20_000;

export function createIdempotencyStore({ clock }: { clock: () => number }) {
  const entries = new Map<string, Entry>();

  return {
    lookup(scope: string, key: string, fingerprint: string): { kind: "new" } | { kind: "replay"; response: JsonResponse } | { kind: "conflict" } {
      const entry = entries.get(`${scope}\u0000${key}`);
      if (!entry || clock() - entry.storedAt > TTL_MS) return { kind: "new" };
      return entry.fingerprint === fingerprint ? { kind: "replay", response: entry.response } : { kind: "conflict" };
    },

    store(scope: string, key: string, fingerprint: string, response: JsonResponse) {
      entries.set(`${scope}\u0000${key}`, { fingerprint, response, storedAt: clock() });
      while (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value as string);
    },
  };
}

export function requestFingerprint(method: string, path: string, body: unknown): string {
  return createHash("sha256")
    .update(`${method} ${path}\n${canonicalJson(body)}`)
    .digest("hex");
}

/** JSON with object keys sorted, so {"a":1,"b":2} and {"b":2,"a":1} are the same request. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const keys = Object.keys(value).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

import { createHash } from "node:crypto";

/**
 * Each probe runs at a fixed phase within its interval, derived from its key, so
 * a thousand probes with the same interval spread over it instead of firing at
 * once, and a restarted worker keeps the same rhythm.
 */
export function phaseMs(key: string, intervalMs: number): number {
  const h = createHash("sha256").update(key).digest();
  return h.readUInt32BE(0) % intervalMs;
}

/** The first run time strictly after `afterMs`. */
export function nextDueMs(key: string, intervalMs: number, afterMs: number): number {
  const phase = phaseMs(key, intervalMs);
  const n = Math.floor((afterMs - phase) / intervalMs) + 1;
  return n * intervalMs + phase;
}
